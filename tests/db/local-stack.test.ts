// The local stack (supabase/local/): it behaves like a Supabase project (the REST API behind the
// apikey, every migration applied with the Supabase CLI, row-level security with the claims Auth
// sends), and it starts and stops cleanly: a second start, a start after a crash, a taken port.
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createClient } from '@supabase/supabase-js';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  candidatePort,
  initCluster,
  startPostgresOnPort,
  stopPostgres,
} from '../../supabase/local/postgres.ts';
import {
  ANY_PORTS,
  projectRoot,
  readState,
  StackError,
  startStack,
  type Stack,
} from '../../supabase/local/stack.ts';
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

// These start their own stacks in their own folders, beside the shared one of the db tests.
const dir = mkdtempSync(path.join(os.tmpdir(), 'fosterportal-lifecycle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Each lifecycle test starts one or two stacks (a fresh one applies every migration): about
// 6 s on a quiet machine, up to 25 s at load average 12 (measured). The time limits leave room
// beyond that, and a start that does not finish says where it stopped: the stack's log (a throwaway
// stack with no personal data) goes with the failure.
const LIFECYCLE_TIMEOUT = 300_000;
const START_TIMEOUT = 240_000;
const stackLog: string[] = [];
const logLine = (line: string) => {
  stackLog.push(`${new Date().toISOString().slice(11, 23)} ${line.slice(0, 300)}`);
  if (stackLog.length > 60) stackLog.shift();
};
const withLog = (message: string) =>
  `${message}\nThe last lines of the stack log:\n${stackLog.join('\n')}`;

/** Starts a stack in another process, as `npm run db:start` does, and returns that process. */
async function startElsewhere() {
  const script = `
    import { ANY_PORTS, startStack } from ${JSON.stringify(path.join(projectRoot, 'supabase/local/stack.ts'))};
    const stack = await startStack({ dir: ${JSON.stringify(dir)}, ports: ANY_PORTS, durable: false, log: (line) => console.error(line) });
    process.on('SIGTERM', () => stack.stop().then(() => process.exit(0)));
    console.log('ready');
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr.on('data', (chunk: Buffer) =>
    chunk.toString().split('\n').filter(Boolean).forEach(logLine),
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(
        new Error(withLog(`the stack process was not ready within ${START_TIMEOUT / 1000} s`)),
      );
    }, START_TIMEOUT);
    child.stdout.on('data', (chunk: Buffer) => {
      if (!chunk.toString().includes('ready')) return;
      clearTimeout(timer);
      resolve();
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(withLog(`the stack process exited with ${code}`)));
    });
  });
  return child;
}

describe('starting and stopping the local stack', () => {
  let stack: Stack | undefined;
  afterAll(async () => stack?.stop());

  it(
    'a second start while one runs says so in one line and changes nothing',
    async () => {
      const child = await startElsewhere();
      try {
        const first = readState(dir);
        const error = await startStack({ dir, ports: ANY_PORTS, durable: false }).catch(
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(StackError);
        expect((error as Error).message).toMatch(/already running .*npm run db:stop/);
        expect((error as Error).message).not.toContain('\n');
        expect((await fetch(`${first?.url}/health`)).status).toBe(200);
      } finally {
        await stopProcess(child, 'SIGTERM');
      }
      expect(readState(dir)).toBeUndefined();
    },
    LIFECYCLE_TIMEOUT,
  );

  it(
    'a start after a crash cleans up the orphaned servers and works',
    async () => {
      const child = await startElsewhere();
      const crashed = readState(dir);
      await stopProcess(child, 'SIGKILL');
      // Postgres and PostgREST outlive a SIGKILLed owner and still hold their ports.
      expect(crashed?.postgrestPid).toBeGreaterThan(0);
      expect(() => process.kill(crashed?.postgrestPid ?? 0, 0)).not.toThrow();

      stack = await startStack({ dir, ports: ANY_PORTS, durable: false, log: logLine }).catch(
        (error: unknown) => {
          throw new Error(withLog(error instanceof Error ? error.message : String(error)));
        },
      );
      expect(stack.fresh).toBe(false);
      expect(() => process.kill(crashed?.postgrestPid ?? 0, 0)).toThrow();
      const answer = await fetch(`${stack.url}/rest/v1/`, { headers: { apikey: stack.anonKey } });
      expect(answer.status).toBe(200);
    },
    LIFECYCLE_TIMEOUT,
  );

  it.each([
    { server: 'api', name: 'API gateway' },
    { server: 'mail', name: 'mail viewer' },
    { server: 'db', name: 'Postgres' },
    { server: 'rest', name: 'PostgREST' },
  ] as const)(
    'a port taken by another program is named in one line ($name)',
    async (each) => {
      // Another program holds a port; a stack told to use it for this server says so. (PostgREST's
      // turn comes after a fresh Postgres with every migration, hence the lifecycle time limit.)
      const other = net.createServer().listen(0, '127.0.0.1');
      await new Promise((r) => other.once('listening', r));
      const taken = (other.address() as AddressInfo).port;
      const otherDir = mkdtempSync(path.join(os.tmpdir(), 'fosterportal-port-'));
      try {
        const error = await startStack({
          dir: otherDir,
          ports: { ...ANY_PORTS, [each.server]: taken },
          durable: false,
        }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(StackError);
        expect((error as Error).message).toMatch(
          new RegExp(`^Port ${taken} \\(${each.name}\\) is in use`),
        );
        expect((error as Error).message).not.toContain('\n');
      } finally {
        other.close();
        rmSync(otherDir, { recursive: true, force: true });
      }
    },
    LIFECYCLE_TIMEOUT,
  );
});

describe('a throwaway Postgres', () => {
  it('tries another port while the one it tried is taken, and listens on the one it got', async () => {
    const other = net.createServer().listen(0, '127.0.0.1');
    await new Promise((r) => other.once('listening', r));
    const taken = (other.address() as AddressInfo).port;
    const folder = mkdtempSync(path.join(os.tmpdir(), 'fosterportal-pg-port-'));
    // Postgres runs as the `postgres` user when we are root; it must be able to enter the folder.
    chmodSync(folder, 0o755);
    const tried: number[] = [];
    const lines: string[] = [];
    try {
      await initCluster(path.join(folder, 'db'), 'postgres', () => undefined);
      const { child, port } = await startPostgresOnPort(
        path.join(folder, 'db'),
        0,
        ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off'],
        (line) => lines.push(line),
        () => {
          tried.push(tried.length === 0 ? taken : candidatePort());
          return tried.at(-1) ?? 0;
        },
      );
      try {
        expect(tried[0]).toBe(taken);
        expect(port).toBe(tried.at(-1));
        expect(port).not.toBe(taken);
        expect(lines).toContain(`[postgres] port ${taken} is taken; trying another`);
        const db = new pg.Client({
          connectionString: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`,
        });
        await db.connect();
        expect((await db.query<{ port: string }>('show port')).rows[0]?.port).toBe(String(port));
        await db.end();
      } finally {
        await stopPostgres(child);
      }
    } finally {
      other.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

async function stopProcess(child: ReturnType<typeof spawn>, signal: NodeJS.Signals): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await exited;
}
