import { describe, expect, it } from 'vitest';
import { anon, client, service, stack, userToken, withDb } from '../support/db.ts';

// public.database_now(): the site's server reads the database's clock to judge dates by the same
// day as submit_application. Only service_role may call it.
describe('the database clock', () => {
  it('gives service_role the database now()', async () => {
    const { data, error } = await service().rpc('database_now');
    expect(error).toBeNull();
    const now = await withDb(
      async (db) => (await db.query<{ now: Date }>('select now()')).rows[0]?.now,
    );
    expect(Math.abs(new Date(String(data)).getTime() - (now?.getTime() ?? 0))).toBeLessThan(5_000);
  });

  it.each(['anon', 'a signed-in user'])('refuses %s', async (who) => {
    const caller =
      who === 'anon'
        ? anon()
        : client(stack().anonKey, await userToken('00000000-0000-4000-8000-00000000d0d0'));
    const { data, error } = await caller.rpc('database_now');
    expect(data).toBeNull();
    expect(error?.code).toMatch(/^(42501|PGRST202)$/);
  });
});
