import { readdirSync } from 'node:fs';
import path from 'node:path';
import { createClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../supabase/local/stack.ts';
import { anon, service, stack, userToken, withDb } from '../support/db.ts';

describe('the local stack behaves like a Supabase project', () => {
  it('serves the REST API only with a valid apikey', async () => {
    const { url, anonKey, serviceRoleKey } = stack();
    const status = async (headers: Record<string, string>) =>
      (await fetch(`${url}/rest/v1/`, { headers })).status;
    expect(await status({ apikey: anonKey })).toBe(200);
    expect(await status({ apikey: serviceRoleKey })).toBe(200);
    expect(await status({})).toBe(401);
    expect(await status({ apikey: 'not-a-key' })).toBe(401);
    expect(await status({ apikey: anonKey.slice(0, -2) })).toBe(401);
  });

  it.each(['storage', 'realtime', 'functions', 'graphql'])(
    'answers a clear 501 for /%s/v1',
    async (service) => {
      const answer = await fetch(`${stack().url}/${service}/v1/anything`);
      expect(answer.status).toBe(501);
      expect(((await answer.json()) as { message: string }).message).toMatch(
        /not part of the local stack/,
      );
    },
  );

  it('applied every migration with the Supabase CLI', async () => {
    const files = readdirSync(path.join(projectRoot, 'supabase/migrations'))
      .filter((name) => name.endsWith('.sql'))
      .map((name) => name.split('_')[0]);
    const recorded = await withDb(async (db) => {
      // The CLI creates its history table with the first migration it applies.
      const { rows } = await db.query<{ exists: boolean }>(
        "select to_regclass('supabase_migrations.schema_migrations') is not null as exists",
      );
      if (!rows[0]?.exists) return [];
      const history = await db.query<{ version: string }>(
        'select version from supabase_migrations.schema_migrations order by version',
      );
      return history.rows.map((row) => row.version);
    });
    expect(recorded).toEqual(files.sort());
  });

  it('every table in the API schema has row-level security on', async () => {
    const withoutRls = await withDb(
      async (db) =>
        (
          await db.query<{ name: string }>(
            `select relname as name from pg_class where relnamespace = 'public'::regnamespace and relkind in ('r', 'p') and not relrowsecurity`,
          )
        ).rows,
    );
    expect(withoutRls).toEqual([]);
  });
});

describe('JWT claims reach row-level security as Supabase Auth would send them', () => {
  const alice = '00000000-0000-4000-8000-00000000a11c';
  const bob = '00000000-0000-4000-8000-000000000b0b';

  beforeAll(async () => {
    // A scratch table with the most common policy shape: each user reads their own rows.
    await withDb(async (db) => {
      await db.query(`
        create table public.scratch_notes (id serial primary key, owner uuid not null, body text not null);
        alter table public.scratch_notes enable row level security;
        create policy "Users read their own notes" on public.scratch_notes for select to authenticated using (owner = (select auth.uid()));
        -- The portal's migrations take Supabase's default rights from service_role; grant them back here.
        grant select on public.scratch_notes to service_role;
        insert into public.scratch_notes (owner, body) values ('${alice}', 'a'), ('${bob}', 'b');
        notify pgrst, 'reload schema';`);
    });
    // PostgREST reloads its schema cache asynchronously.
    for (let i = 0; i < 100; i++) {
      const { error } = await service()
        .from('scratch_notes' as never)
        .select('id');
      if (!error) break;
      await new Promise((r) => setTimeout(r, 50));
    }
  });
  afterAll(() => withDb((db) => db.query('drop table public.scratch_notes')));

  it('anon sees nothing, each user sees their own row, the service role sees all', async () => {
    const read = async (client: ReturnType<typeof anon>) => {
      const { data, error } = await client
        .from('scratch_notes' as never)
        .select('body')
        .order('body' as never);
      expect(error).toBeNull();
      return (data as { body: string }[]).map((row) => row.body);
    };
    const asUser = async (sub: string) =>
      createClient(stack().url, stack().anonKey, {
        auth: { persistSession: false },
        global: { headers: { Authorization: `Bearer ${await userToken(sub)}` } },
      });
    expect(await read(anon())).toEqual([]);
    expect(await read((await asUser(alice)) as never)).toEqual(['a']);
    expect(await read((await asUser(bob)) as never)).toEqual(['b']);
    expect(await read(service())).toEqual(['a', 'b']);
  });

  it('rejects a user token signed with another secret', async () => {
    const forged = (await userToken(alice)).replace(/\.[^.]+$/, '.AAAA');
    const client = createClient(stack().url, stack().anonKey, {
      auth: { persistSession: false },
      global: { headers: { Authorization: `Bearer ${forged}` } },
    });
    const { error } = await client.from('scratch_notes' as never).select('body');
    expect(error?.message).toMatch(/JWS|signature|JWT/i);
  });
});
