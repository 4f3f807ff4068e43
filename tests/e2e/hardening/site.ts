/**
 * A site of the hardening tests' own: a throwaway stack plus the built site served by
 * src/cli/serve.ts (security headers on), with a raised rate limit and its output captured, so a
 * test can stop Postgres under it and read its logs. The site runs as after a production install:
 * an import of any dev dependency fails (tests/support/production-deps.ts).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { freePort, projectRoot, type Stack } from '../../../supabase/local/stack.ts';
import { startTestStack, type TestStackOptions } from '../../support/stack.ts';

export interface HardeningSite {
  baseURL: string;
  stack: Stack;
  /** Everything the site wrote to stdout and stderr so far. */
  logs(): string;
  /** Everything the stack's Postgres and PostgREST logged so far. */
  databaseLogs(): string;
  /** True while the site process runs. */
  alive(): boolean;
  stop(): Promise<void>;
}

export async function startHardeningSite(
  env: Record<string, string> = {},
  stackOptions: TestStackOptions = {},
): Promise<HardeningSite> {
  if (!existsSync(path.join(projectRoot, 'dist/server/entry.mjs')))
    throw new Error('The site is not built: run `npm run build` first.');
  let databaseOutput = '';
  const port = await freePort();
  const stack = await startTestStack({
    siteUrl: `http://127.0.0.1:${port}`,
    ...stackOptions,
    log: (line) => (databaseOutput += `${line}\n`),
  });
  const baseURL = `http://127.0.0.1:${port}`;
  let output = '';
  // As on a production host (`npm install --omit=dev`): no dev dependency may be imported.
  const productionOnly = ['--import', path.join(projectRoot, 'tests/support/production-deps.ts')];
  // A site whose clock runs ahead of the database's (SHIFT_CLOCK_DAYS), for the one-clock test.
  if (env['SHIFT_CLOCK_DAYS'])
    productionOnly.push('--import', path.join(projectRoot, 'tests/support/shift-clock.ts'));
  const site = spawn(
    process.execPath,
    [...productionOnly, path.join(projectRoot, 'src/cli/serve.ts')],
    {
      cwd: projectRoot,
      env: {
        PATH: process.env['PATH'] ?? '',
        HOME: process.env['HOME'] ?? '/tmp',
        HOST: '127.0.0.1',
        PORT: String(port),
        SUPABASE_URL: stack.url,
        SUPABASE_ANON_KEY: stack.anonKey,
        SUPABASE_SERVICE_ROLE_KEY: stack.serviceRoleKey,
        SUBMIT_RATE_LIMIT: '100000',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  site.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  site.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`${baseURL}/`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || site.exitCode !== null) {
      site.kill('SIGTERM');
      await stack.stop();
      throw new Error(`The site did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    baseURL,
    stack,
    logs: () => output,
    databaseLogs: () => databaseOutput,
    alive: () => site.exitCode === null && site.signalCode === null,
    stop: async () => {
      if (site.exitCode === null) {
        const exited = new Promise((r) => site.once('exit', r));
        site.kill('SIGTERM');
        await exited;
      }
      await stack.stop();
    },
  };
}
