/**
 * The Auth tables (supabase/local/auth/schema.sql): applied on every start, so they must be
 * idempotent and bring a cluster from before the local Auth service up to date; and nothing in the
 * migrations may depend on the stand-in's extra tables or columns (hosted Supabase has its own).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../supabase/local/stack.ts';
import { withDb } from '../support/db.ts';

const schemaSql = readFileSync(path.join(projectRoot, 'supabase/local/auth/schema.sql'), 'utf8');
const ADDED_COLUMNS = [
  'invited_at',
  'confirmation_token',
  'confirmation_sent_at',
  'recovery_token',
  'recovery_sent_at',
  'last_sign_in_at',
  'phone',
  'phone_confirmed_at',
  'banned_until',
  'deleted_at',
  'is_sso_user',
  'email_change_token_new',
  'email_change',
  'email_change_sent_at',
  'email_change_token_current',
  'phone_change',
  'phone_change_token',
  'reauthentication_token',
];

const columns = (db: import('pg').Client, table: string) =>
  db
    .query<{ column_name: string }>(
      `select column_name from information_schema.columns where table_schema = 'auth' and table_name = $1 order by column_name`,
      [table],
    )
    .then((r) => r.rows.map((row) => row.column_name));

describe('the local Auth tables', () => {
  it('are named as in hosted Supabase Auth', async () => {
    await withDb(async (db) => {
      expect(await columns(db, 'refresh_tokens')).toEqual(
        [
          'created_at',
          'id',
          'instance_id',
          'parent',
          'revoked',
          'session_id',
          'token',
          'updated_at',
          'user_id',
        ].sort(),
      );
      expect(await columns(db, 'users')).toEqual(
        expect.arrayContaining([
          'id',
          'aud',
          'role',
          'email',
          'phone',
          'email_confirmed_at',
          'invited_at',
          'confirmation_sent_at',
          'last_sign_in_at',
          'raw_app_meta_data',
          'raw_user_meta_data',
          'banned_until',
          'created_at',
          'updated_at',
          'is_anonymous',
        ]),
      );
      expect(await columns(db, 'sessions')).toEqual(
        expect.arrayContaining(['id', 'user_id', 'created_at', 'updated_at', 'aal', 'not_after']),
      );
      expect(await columns(db, 'one_time_tokens')).toEqual(
        expect.arrayContaining(['id', 'user_id', 'token_type', 'token_hash', 'relates_to']),
      );
    });
  });

  it('apply twice without change (idempotent)', async () => {
    await withDb(async (db) => {
      const before = await columns(db, 'users');
      await db.query('begin');
      try {
        await db.query(schemaSql);
        expect(await columns(db, 'users')).toEqual(before);
      } finally {
        await db.query('rollback');
      }
    });
  });

  it('bring an older cluster up to date, and nothing in the migrations depends on the extras', async () => {
    await withDb(async (db) => {
      await db.query('begin');
      try {
        // As a cluster from before the local Auth service had it: dropping these must succeed
        // without cascade, i.e. no migration object depends on them.
        await db.query(
          'drop table auth.one_time_tokens, auth.mfa_amr_claims, auth.refresh_tokens, auth.sessions',
        );
        await db.query(
          `alter table auth.users ${ADDED_COLUMNS.map((c) => `drop column ${c}`).join(', ')}`,
        );
        await db.query(schemaSql);
        expect(await columns(db, 'users')).toEqual(expect.arrayContaining(ADDED_COLUMNS));
        expect(await columns(db, 'sessions')).toContain('user_id');
      } finally {
        await db.query('rollback');
      }
    });
  });
});
