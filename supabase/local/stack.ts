/**
 * The local Supabase stack, orchestrated: Postgres 17 (postgres.ts) with the bootstrap, the Auth
 * tables, migrations and seed; PostgREST (postgrest.ts); the Auth service (auth/service.ts); the
 * gateway (gateway.ts) that serves both; and the mailbox with its viewer (mailbox.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type http from 'node:http';
import { authSettingsFromConfig } from './auth/config.ts';
import { createAuthService, type AuthService, type AuthSettings } from './auth/service.ts';
import { startGateway, type GatewayOptions } from './gateway.ts';
import { mailboxDirOf, startMailViewer } from './mailbox.ts';
import {
  initCluster,
  PortInUseError,
  startPostgres,
  startPostgresOnPort,
  stopPostgres,
} from './postgres.ts';
import { PostgrestPortInUseError, startPostgrest, waitUntilReady } from './postgrest.ts';
import { DEFAULT_PORTS, LOCAL_ANON_KEY, LOCAL_JWT_SECRET, LOCAL_SERVICE_ROLE_KEY } from './keys.ts';

/** The project root (the folder with package.json). */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Where `npm start` and the db:* scripts keep the local stack. */
export const defaultDataDir = path.join(projectRoot, '.data');

/** The Supabase CLI (npm `supabase`, linux-x64). */
export const supabaseBin = path.join(
  projectRoot,
  'node_modules/@supabase/cli-linux-x64/bin/supabase',
);

/** The ports one stack listens on (all on 127.0.0.1). */
export interface StackPorts {
  api: number;
  db: number;
  rest: number;
  /** The mail viewer (as Mailpit in `supabase start`). */
  mail: number;
}

/**
 * The ports of a throwaway stack: every server binds one of its own and reports it (Postgres,
 * which cannot bind port 0, tries ports until one holds), so no port is chosen while free and
 * bound later, when another program may have taken it.
 */
export const ANY_PORTS: StackPorts = { api: 0, db: 0, rest: 0, mail: 0 };

/** How to start a stack. */
export interface StackOptions {
  /** Folder for the database files and the state file. */
  dir: string;
  /** Default `DEFAULT_PORTS` (as `supabase start`); `ANY_PORTS` for a throwaway stack. */
  ports?: Partial<StackPorts>;
  /** Throwaway stacks skip fsync: faster, and a crash only loses test data. */
  durable?: boolean;
  /** Receives the log lines of Postgres and PostgREST. */
  log?: (line: string) => void;
  /**
   * The site the Auth mails link to (GoTrue's SITE_URL); default `http://localhost:4321`. A site
   * started after the stack, on a port of its own, sets it with `setSiteUrl`.
   */
  siteUrl?: string;
  /**
   * Auth settings (token lifetime, code length, rate limits, reuse interval) over those
   * supabase/config.toml records, which in turn are over Supabase Auth's defaults.
   */
  auth?: Partial<AuthSettings>;
}

/** What a client needs to reach a stack; printed by `db:status` as env lines. */
export interface StackInfo {
  url: string;
  anonKey: string;
  serviceRoleKey: string;
  dbUrl: string;
  jwtSecret: string;
  dir: string;
  /** The ports the servers listen on (those they bound, for a throwaway stack). */
  ports: StackPorts;
  /** The local mail viewer, e.g. `http://127.0.0.1:54324`. */
  mailUrl: string;
  /** Where the Auth service writes its mails (one JSON file each); see mailbox.ts. */
  mailboxDir: string;
}

/** A running stack owned by this process. */
export interface Stack extends StackInfo {
  /** Stops PostgREST, the gateway and Postgres, in that order. */
  stop(): Promise<void>;
  /** True when the cluster was created by this start (bootstrap, migrations and seed ran). */
  fresh: boolean;
  /** Test hook (outages): stops Postgres only; PostgREST and the gateway keep running. */
  stopDatabase(): Promise<void>;
  /** Test hook: starts Postgres again after `stopDatabase()`, on the same port and data. */
  startDatabase(): Promise<void>;
  /** Points the links in the Auth mails at a site (GoTrue's SITE_URL), e.g. once it has a port. */
  setSiteUrl(url: string): void;
}

/** The state file a running stack leaves in its folder, so other commands can find it. */
export interface StackState extends StackInfo {
  ownerPid: number;
  postgrestPid: number | undefined;
  startedAt: string;
}

/** A failure with a one-line message that tells the developer what to do. */
export class StackError extends Error {
  override name = 'StackError';
}

const stateFile = (dir: string) => path.join(dir, 'stack.json');
const pgDataDir = (dir: string) => path.join(dir, 'db');

/** The one-line message for a fixed port that another program holds. */
function portInUse(port: number, what: string): StackError {
  return new StackError(
    `Port ${port} (${what}) is in use by another program. Stop it (see \`ss -ltnp 'sport = :${port}'\`) and start again.`,
  );
}

/** Starts an HTTP server's listening; a busy port becomes the one-line message. */
async function bound<T extends http.Server>(start: () => Promise<T>, port: number, what: string) {
  try {
    const server = await start();
    return { server, port: (server.address() as AddressInfo).port };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw portInUse(port, what);
    throw error;
  }
}

/** True when `pid` is alive and its command line contains `needle` (guards against reused pids). */
export function processMatches(pid: number | undefined, needle: string): boolean {
  if (!pid) return false;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(needle);
  } catch {
    return false;
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return true;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

/** Reads the state file of the stack in `dir`, if one is recorded. */
export function readState(dir: string): StackState | undefined {
  try {
    return JSON.parse(readFileSync(stateFile(dir), 'utf8')) as StackState;
  } catch {
    return undefined;
  }
}

/** The recorded stack in `dir` if its owner process is still alive. */
export function runningState(dir: string): StackState | undefined {
  const state = readState(dir);
  return state && processMatches(state.ownerPid, 'node') ? state : undefined;
}

/**
 * Cleans up after a stack whose owner died (killed, crashed, machine slept): stops its orphaned
 * Postgres and PostgREST and removes the stale state file. Safe to call when nothing is left.
 */
export async function cleanupStale(dir: string): Promise<boolean> {
  let cleaned = false;
  const state = readState(dir);
  if (state && processMatches(state.ownerPid, 'node')) return false;
  if (state?.postgrestPid && processMatches(state.postgrestPid, 'postgrest')) {
    process.kill(state.postgrestPid, 'SIGTERM');
    await waitForExit(state.postgrestPid, 5_000);
    cleaned = true;
  }
  const pidFile = path.join(pgDataDir(dir), 'postmaster.pid');
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (processMatches(pid, 'postgres')) {
      // SIGINT is Postgres' "fast" shutdown: roll back open transactions and stop cleanly.
      process.kill(pid, 'SIGINT');
      if (!(await waitForExit(pid, 15_000))) process.kill(pid, 'SIGKILL');
      cleaned = true;
    }
  }
  if (state) {
    rmSync(stateFile(dir), { force: true });
    cleaned = true;
  }
  return cleaned;
}

function dbUrlFor(port: number, user = 'postgres', password = 'postgres'): string {
  return `postgresql://${user}:${password}@127.0.0.1:${port}/postgres`;
}

/** Runs a command from the project root; resolves with its stdout, rejects with its output. */
function run(command: string, args: string[], log: (line: string) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: projectRoot,
      env: { ...process.env, SUPABASE_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      for (const line of `${stderr}\n${stdout}`.split('\n')) if (line.trim()) log(line);
      if (code === 0) resolve(stdout);
      else
        reject(
          new StackError(
            `\`supabase ${args.slice(0, 2).join(' ')}\` failed:\n${`${stderr}\n${stdout}`.trim()}`,
          ),
        );
    });
  });
}

/** Migration versions in supabase/migrations that the database has not recorded yet. */
async function pendingMigrations(client: pg.Client): Promise<string[]> {
  const dir = path.join(projectRoot, 'supabase/migrations');
  const local = existsSync(dir)
    ? readdirSync(dir)
        .filter((name) => /^\d+_.+\.sql$/.test(name))
        .map((name) => name.split('_')[0] as string)
    : [];
  if (local.length === 0) return [];
  const recorded = await client
    .query<{ version: string }>('select version from supabase_migrations.schema_migrations')
    .then((result) => new Set(result.rows.map((row) => row.version)))
    .catch(() => new Set<string>());
  // A history with versions no longer here (the history was folded into one baseline): the CLI
  // would refuse to push, so say what to do.
  const gone = [...recorded].filter((version) => !local.includes(version)).sort();
  if (gone.length > 0)
    throw new StackError(
      `The local database was built from migrations that are no longer in supabase/migrations (${gone.length > 1 ? `${gone[0]} … ${gone.at(-1)}` : gone[0]}); run \`npm run db:reset\` for a fresh one (its data is lost).`,
    );
  return local.filter((version) => !recorded.has(version));
}

/**
 * Applies the bootstrap (fresh clusters only), the Auth tables (every start: idempotent, so older
 * clusters get them too), then pending migrations with the Supabase CLI, then the seed (fresh
 * clusters only).
 */
async function prepareDatabase(
  dbUrl: string,
  fresh: boolean,
  log: (line: string) => void,
): Promise<void> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    if (fresh) {
      await client.query(
        await readFile(path.join(projectRoot, 'supabase/local/bootstrap.sql'), 'utf8'),
      );
    }
    await client.query(
      await readFile(path.join(projectRoot, 'supabase/local/auth/schema.sql'), 'utf8'),
    );
    // The CLI costs about half a second, so it only runs when there is something to apply.
    if ((await pendingMigrations(client)).length > 0) {
      await run(
        supabaseBin,
        [
          'db',
          'push',
          `--remote=${dbUrl}`,
          '--include-all',
          '--yes',
          '--skip-vault',
          '--workdir',
          projectRoot,
        ],
        log,
      );
    }
    if (fresh) {
      const seed = path.join(projectRoot, 'supabase/seed.sql');
      if (existsSync(seed)) await client.query(await readFile(seed, 'utf8'));
    }
  } finally {
    await client.end();
  }
}

/**
 * Recreates the `postgres` database of a running cluster and applies bootstrap, migrations and
 * seed again. PostgREST reconnects by itself and reloads its schema cache.
 */
export async function resetDatabase(dbUrl: string, log: (line: string) => void): Promise<void> {
  const admin = new pg.Client({ connectionString: dbUrl.replace(/\/postgres$/, '/template1') });
  await admin.connect();
  try {
    await admin.query('drop database if exists postgres with (force)');
    await admin.query('create database postgres');
  } finally {
    await admin.end();
  }
  await prepareDatabase(dbUrl, true, log);
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  await client.query("notify pgrst, 'reload schema'").finally(() => client.end());
}

function ensurePgUserCanReach(dir: string): void {
  // Postgres refuses to run as root; we then run it as the `postgres` user, which
  // must be able to enter our folder (mkdtemp makes folders only root can enter).
  if (process.getuid?.() === 0) chmodSync(dir, 0o755);
}

/**
 * Starts a local Supabase stack in `options.dir`: the gateway and the mail viewer (bound first, so
 * a busy port fails at once and the Auth service knows its URL), Postgres 17, the bootstrap,
 * migrations and seed (on a fresh folder), PostgREST and the Auth service. The caller owns it and
 * must `stop()` it.
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const log = options.log ?? (() => undefined);
  const requested: StackPorts = { ...DEFAULT_PORTS, ...options.ports };
  const dir = path.resolve(options.dir);
  await mkdir(dir, { recursive: true });
  ensurePgUserCanReach(dir);

  const running = runningState(dir);
  if (running) {
    throw new StackError(
      `A stack is already running from ${dir} (pid ${running.ownerPid}). Stop it with \`npm run db:stop\`.`,
    );
  }
  if (await cleanupStale(dir)) log('Cleaned up after a stack that did not stop cleanly.');

  const dataDir = pgDataDir(dir);
  const fresh = !existsSync(path.join(dataDir, 'PG_VERSION'));
  const postgresFlags = [
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'unix_socket_directories=',
    '-c',
    'max_connections=200',
    '-c',
    'TimeZone=UTC',
  ];
  if (options.durable === false)
    postgresFlags.push(
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
    );

  let postgres: ChildProcess | undefined;
  let postgrest: ChildProcess | undefined;
  let gateway: http.Server | undefined;
  let mailViewer: http.Server | undefined;
  let auth: AuthService | undefined;
  const mailboxDir = mailboxDirOf(dir);
  let onExit = () => {};
  const stop = async () => {
    if (postgrest && postgrest.exitCode === null) {
      const exited = new Promise((r) => postgrest?.once('exit', r));
      postgrest.kill('SIGTERM');
      await exited;
    }
    if (gateway) {
      gateway.closeAllConnections();
      await new Promise((r) => gateway?.close(r));
    }
    if (mailViewer) {
      mailViewer.closeAllConnections();
      await new Promise((r) => mailViewer?.close(r));
    }
    await auth?.close().catch(() => undefined);
    if (postgres) await stopPostgres(postgres);
    const state = readState(dir);
    if (state?.ownerPid === process.pid) rmSync(stateFile(dir), { force: true });
    process.off('exit', onExit);
  };

  const routes: GatewayOptions = { port: requested.api, jwtSecret: LOCAL_JWT_SECRET };
  const ports: StackPorts = { ...requested };
  try {
    ({ server: gateway, port: ports.api } = await bound(
      () => startGateway(routes),
      requested.api,
      'API gateway',
    ));
    ({ server: mailViewer, port: ports.mail } = await bound(
      () => startMailViewer({ port: requested.mail, dir: mailboxDir }),
      requested.mail,
      'mail viewer',
    ));
    if (fresh) {
      rmSync(dataDir, { recursive: true, force: true });
      await initCluster(dataDir, 'postgres', log);
    }
    try {
      ({ child: postgres, port: ports.db } = await startPostgresOnPort(
        dataDir,
        requested.db,
        postgresFlags,
        log,
      ));
    } catch (error) {
      if (error instanceof PortInUseError && requested.db !== 0)
        throw portInUse(requested.db, 'Postgres');
      throw new StackError(
        `Postgres did not start (${error instanceof Error ? error.message : 'see the stack log'}). If the data folder is damaged, run \`npm run db:reset\`.`,
      );
    }
    const dbUrl = dbUrlFor(ports.db);
    await prepareDatabase(dbUrl, fresh, log);
    const rest = await startPostgrest(
      { dbPort: ports.db, port: requested.rest, jwtSecret: LOCAL_JWT_SECRET },
      log,
      60_000,
    ).catch((error: unknown) => {
      if (error instanceof PostgrestPortInUseError) throw portInUse(requested.rest, 'PostgREST');
      throw new StackError(error instanceof Error ? error.message : String(error));
    });
    postgrest = rest.child;
    ports.rest = rest.port;
    // Auth starts while PostgREST loads its schema cache.
    auth = createAuthService({
      dbUrl,
      jwtSecret: LOCAL_JWT_SECRET,
      apiUrl: `http://127.0.0.1:${ports.api}`,
      mailboxDir,
      // config.toml's Auth settings, as the Supabase CLI passes them to GoTrue; a test's own win.
      settings: {
        ...authSettingsFromConfig(projectRoot),
        ...options.auth,
        ...(options.siteUrl ? { siteUrl: options.siteUrl } : {}),
      },
    });
    routes.auth = auth;
    await waitUntilReady(`http://127.0.0.1:${ports.rest}/`, postgrest, 120_000).catch(
      (error: unknown) => {
        throw new StackError(error instanceof Error ? error.message : String(error));
      },
    );
    routes.restPort = ports.rest;
  } catch (error) {
    await stop().catch(() => undefined);
    if (fresh) rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }

  const info: StackInfo = {
    url: `http://127.0.0.1:${ports.api}`,
    anonKey: LOCAL_ANON_KEY,
    serviceRoleKey: LOCAL_SERVICE_ROLE_KEY,
    dbUrl: dbUrlFor(ports.db),
    jwtSecret: LOCAL_JWT_SECRET,
    dir,
    ports,
    mailUrl: `http://127.0.0.1:${ports.mail}`,
    mailboxDir,
  };
  // If the owner exits without stop() (an uncaught error, process.exit in a handler), the servers
  // and the state file must not outlive it.
  onExit = () => {
    if (postgrest?.exitCode === null) postgrest.kill('SIGTERM');
    if (postgres?.exitCode === null) postgres.kill('SIGINT');
    if (readState(dir)?.ownerPid === process.pid) rmSync(stateFile(dir), { force: true });
  };
  process.once('exit', onExit);
  const state: StackState = {
    ...info,
    ownerPid: process.pid,
    postgrestPid: postgrest?.pid,
    startedAt: new Date().toISOString(),
  };
  writeFileSync(stateFile(dir), `${JSON.stringify(state, null, 2)}\n`);
  const stopDatabase = async () => {
    if (postgres) await stopPostgres(postgres);
  };
  // PostgREST and Auth know the database's port, so a restart keeps it: while another socket
  // holds it (rare: the port is outside the ephemeral range), the start is tried again.
  const startDatabase = async () => {
    if (postgres && postgres.exitCode === null && postgres.signalCode === null) return;
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        postgres = await startPostgres(dataDir, ports.db, postgresFlags, log);
        return;
      } catch (error) {
        if (!(error instanceof PortInUseError) || Date.now() > deadline) throw error;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  };
  const setSiteUrl = (url: string) => {
    if (auth) auth.settings.siteUrl = url;
  };
  return { ...info, fresh, stop, stopDatabase, startDatabase, setSiteUrl };
}

/** Regenerates the TypeScript types of the public schema from a running database. */
export async function generateTypes(dbUrl: string): Promise<string> {
  const output = await run(
    supabaseBin,
    [
      'gen',
      'types',
      'typescript',
      `--remote=${dbUrl}`,
      '--schema',
      'public',
      '--workdir',
      projectRoot,
    ],
    () => undefined,
  );
  // The CLI prints notices (such as "connected without TLS") on stdout before the types.
  const start = output.search(/^export /m);
  if (start < 0) throw new StackError('`supabase gen types` printed no types.');
  return output.slice(start);
}

/** Runs Supabase's database linter; returns its output and whether it found ERROR or WARN. */
export async function lintDatabase(dbUrl: string): Promise<{ output: string; clean: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      supabaseBin,
      [
        'db',
        'advisors',
        `--remote=${dbUrl}`,
        '--type',
        'all',
        '--level',
        'warn',
        '--fail-on',
        'warn',
        '--workdir',
        projectRoot,
      ],
      {
        cwd: projectRoot,
        env: { ...process.env, SUPABASE_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' },
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ output: output.trim(), clean: code === 0 }));
  });
}
