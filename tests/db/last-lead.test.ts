// The coordinator list always keeps at least one active lead: the database refuses to demote or
// deactivate the last one, on every path (a lead's own change straight through PostgREST, in any
// case of the id; an administrator's SQL), and two leads demoting each other at the same moment
// cannot both succeed. On its own stack, whose seed has exactly one lead (Lars Leder), so "the
// last lead" is this file's to arrange. Tokens are the local Auth service's own.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/database.types.ts';
import { dbMessage } from '../../src/lib/server/screening/errors.ts';
import type { Stack } from '../../supabase/local/stack.ts';
import { withDbAt } from '../support/db.ts';
import { signInWithAdminLink } from '../support/sessions.ts';
import { startTestStack } from '../support/stack.ts';

type Db = SupabaseClient<Database>;
const LARS = '5eed0000-0000-4000-8000-000000000002';
const KARI = '5eed0000-0000-4000-8000-000000000001';
const REFUSAL = 'Det må alltid være minst én aktiv leder.';

let stack: Stack;
let lars: Db;
let kari: Db;

const withDb = <T>(fn: (db: pg.Client) => Promise<T>): Promise<T> => withDbAt(stack.dbUrl, fn);
const sql = <T extends Record<string, unknown>>(text: string, values: unknown[] = []) =>
  withDb(async (db) => (await db.query<T>(text, values)).rows);

/** Signs in through the local Auth service (an admin link's code) and returns supabase-js as them. */
async function signedIn(email: string): Promise<Db> {
  const options = { auth: { persistSession: false, autoRefreshToken: false } };
  const session = await signInWithAdminLink(
    createClient(stack.url, stack.serviceRoleKey, options),
    createClient(stack.url, stack.anonKey, options),
    email,
  );
  return createClient<Database>(stack.url, stack.anonKey, {
    ...options,
    global: { headers: { Authorization: `Bearer ${session.access_token}` } },
  });
}

const leads = async () =>
  (
    await sql<{ user_id: string }>(
      `select user_id from public.coordinators where active and role = 'lead' order by user_id`,
    )
  ).map((r) => r.user_id);

const change = (as: Db, id: string, update: { role?: string; active?: boolean }) =>
  as.from('coordinators').update(update).eq('user_id', id).select('user_id');

beforeAll(async () => {
  stack = await startTestStack();
  lars = await signedIn('lars.leder@eksempel.invalid');
  kari = await signedIn('kari.koordinator@eksempel.invalid');
});
afterAll(async () => {
  await stack?.stop();
});
// Back to the seed's list: Lars the one lead, Kari a coordinator.
afterEach(async () => {
  await sql(`update public.coordinators set role = 'lead', active = true where user_id = $1`, [
    LARS,
  ]);
  await sql(`update public.coordinators set role = 'coordinator' where user_id = $1`, [KARI]);
});

describe('the last active lead stays', () => {
  it('the only lead cannot demote or deactivate themselves, whatever case the id is in', async () => {
    expect(await leads()).toEqual([LARS]);
    for (const id of [LARS, LARS.toUpperCase()])
      for (const update of [{ role: 'coordinator' }, { active: false }]) {
        const { data, error } = await change(lars, id, update);
        expect(data).toBeNull();
        expect(error?.code).toBe('PT409');
        expect(error?.hint).toBe('last_active_lead');
        // What the team page shows: the database's own Norwegian sentence.
        expect(dbMessage(error)).toMatch(new RegExp(`^${REFUSAL}`));
      }
    expect(await leads()).toEqual([LARS]);
  });

  it('with a second lead, a lead may demote themselves; then the other is the last', async () => {
    expect((await change(lars, KARI, { role: 'lead' })).error).toBeNull();
    const demoted = await change(lars, LARS, { role: 'coordinator' });
    expect(demoted.error).toBeNull();
    expect(demoted.data).toEqual([{ user_id: LARS }]);
    expect(await leads()).toEqual([KARI]);
    expect((await change(kari, KARI, { active: false })).error?.code).toBe('PT409');
    expect(await leads()).toEqual([KARI]);
  });

  it('an administrator’s SQL cannot remove the last lead either', async () => {
    const refused = await sql(`update public.coordinators set role = 'coordinator'`).then(
      () => 'ok',
      (error: { code?: string }) => error.code,
    );
    expect(refused).toBe('PT409');
    const deleted = await sql(`delete from public.coordinators where user_id = $1`, [LARS]).then(
      () => 'ok',
      (error: { code?: string }) => error.code,
    );
    expect(deleted).toBe('PT409');
    expect(await leads()).toEqual([LARS]);
  });

  it('two leads demoting each other at the same moment: one is refused, one lead stays', async () => {
    expect((await change(lars, KARI, { role: 'lead' })).error).toBeNull();
    expect(await leads()).toEqual([KARI, LARS].sort());
    // Hold the lock every change that removes a lead takes, so both requests have changed their
    // row (uncommitted) before either counts the leads; then let them go at once.
    const holder = new pg.Client({ connectionString: stack.dbUrl });
    await holder.connect();
    let settled = 0;
    try {
      await holder.query('begin');
      await holder.query(
        `select pg_advisory_xact_lock(hashtext('public.coordinators: active leads'))`,
      );
      // supabase-js sends a request when it is awaited: start both now, as promises.
      const both = [
        Promise.resolve(change(lars, KARI, { role: 'coordinator' })),
        Promise.resolve(change(kari, LARS, { role: 'coordinator' })),
      ];
      for (const p of both) void p.finally(() => settled++);
      // Both waiting on the lock, or (without the lock) both already done.
      const deadline = Date.now() + 60_000;
      for (;;) {
        const [row] = (
          await holder.query<{ n: number }>(
            `select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted`,
          )
        ).rows;
        if ((row?.n ?? 0) >= 2 || settled === 2 || Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      await holder.query('commit');
      const outcomes = (await Promise.all(both)).map((r) => r.error?.code ?? 'ok');
      expect(outcomes.sort()).toEqual(['PT409', 'ok']);
    } finally {
      await holder.end();
    }
    expect(await leads()).toHaveLength(1);
  });
});
