// The time limits of links and sessions are written once in SQL (an immutable function each in
// private, supabase/schemas/1_table_helpers/) and once in TypeScript (src/lib/link-lifetimes.ts,
// which every text people read derives from): each SQL limit read from the database equals its
// TypeScript constant, so changing either side alone fails here. No other function of the
// database writes the same interval out again, and no API role may call the limits.
import { describe, expect, it } from 'vitest';
import {
  APPLICANT_LINK,
  APPLICANT_SESSION_IDLE,
  APPLICANT_SESSION_MAX,
  EMAIL_CHANGE_LINK,
  PERSONAL_LINK,
  REFEREE_REMINDER_AFTER,
  seconds,
  type Limit,
} from '../../src/lib/link-lifetimes.ts';
import { withDb } from '../support/db.ts';

const limits: [string, Limit][] = [
  ['applicant_link_lifetime', APPLICANT_LINK],
  ['email_change_link_lifetime', EMAIL_CHANGE_LINK],
  ['link_lifetime', PERSONAL_LINK],
  ['link_reminder_after', REFEREE_REMINDER_AFTER],
  ['applicant_session_idle_limit', APPLICANT_SESSION_IDLE],
  ['applicant_session_lifetime', APPLICANT_SESSION_MAX],
];

/**
 * Functions that write the same interval for a rule of their own: submit_application's receipts
 * per address in 24 hours (private.applications_per_address_per_day) is no link's lifetime.
 */
const otherRules: Record<string, string[]> = { email_change_link_lifetime: ['submit_application'] };

/** How Postgres prints the interval a limit stands for ('15 minutes', '24 hours', '21 days'). */
const literal = (limit: Limit) => `${limit.amount} ${limit.unit}`;

describe.each(limits)('private.%s()', (fn, limit) => {
  it('is the TypeScript limit', async () => {
    const rows = await withDb(
      async (db) =>
        (
          await db.query<{ seconds: string }>(
            `select extract(epoch from private.${fn}())::text as seconds`,
          )
        ).rows,
    );
    expect(Number(rows[0]?.seconds)).toBe(seconds(limit));
  });

  it('is the only function that writes its interval out', async () => {
    const writers = await withDb(async (db) =>
      (
        await db.query<{ name: string }>(
          `select p.proname as name from pg_catalog.pg_proc as p
             join pg_catalog.pg_namespace as n on n.oid = p.pronamespace
            where n.nspname in ('public', 'private')
              and p.prosrc ~* ('interval\\s+''' || $1 || '''')
            order by 1`,
          [literal(limit)],
        )
      ).rows.map((r) => r.name),
    );
    expect(writers).toEqual([fn, ...(otherRules[fn] ?? [])].sort());
  });

  it.each(['anon', 'authenticated', 'service_role'])('%s may not call it', async (role) => {
    const rows = await withDb(
      async (db) =>
        (
          await db.query<{ may: boolean }>(
            `select pg_catalog.has_function_privilege($1, 'private.${fn}()', 'execute') as may`,
            [role],
          )
        ).rows,
    );
    expect(rows[0]?.may).toBe(false);
  });
});
