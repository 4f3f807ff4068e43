/**
 * A site of a test file's own: a throwaway stack plus the built site served by src/cli/serve.ts
 * (security headers on), with a raised rate limit and its output captured, so a test can give it
 * its own settings, stop Postgres under it and read its logs. The site runs as after a production install:
 * an import of any dev dependency fails (tests/support/production-deps.ts).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { projectRoot, type Stack } from '../../supabase/local/stack.ts';
import { serveSite } from './serve.ts';
import { startTestStack, type TestStackOptions } from './stack.ts';

/** Where the site's and the database's logs are at one moment. */
export interface LogMark {
  site: number;
  database: number;
}

export interface OwnSite {
  baseURL: string;
  stack: Stack;
  /** Where the logs are now: a test passes it to `logs` and `databaseLogs` to read its own part. */
  mark(): LogMark;
  /** What the site wrote to stdout and stderr since `since` (default: since it started). */
  logs(since?: LogMark): string;
  /** What the stack's Postgres and PostgREST logged since `since` (default: since they started). */
  databaseLogs(since?: LogMark): string;
  /** True while the site process runs. */
  alive(): boolean;
  stop(): Promise<void>;
}

export async function startOwnSite(
  env: Record<string, string> = {},
  stackOptions: TestStackOptions = {},
): Promise<OwnSite> {
  if (!existsSync(path.join(projectRoot, 'dist/server/entry.mjs')))
    throw new Error('The site is not built: run `npm run build` first.');
  let databaseOutput = '';
  const stack = await startTestStack({
    ...stackOptions,
    log: (line) => (databaseOutput += `${line}\n`),
  });
  // As on a production host (`npm install --omit=dev`): no dev dependency may be imported.
  const productionOnly = ['--import', path.join(projectRoot, 'tests/support/production-deps.ts')];
  // A site whose clock runs ahead of the database's (SHIFT_CLOCK_DAYS), for the one-clock test.
  if (env['SHIFT_CLOCK_DAYS'])
    productionOnly.push('--import', path.join(projectRoot, 'tests/support/shift-clock.ts'));
  const site = await serveSite({
    nodeArgs: productionOnly,
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? '/tmp',
      SUPABASE_URL: stack.url,
      SUPABASE_ANON_KEY: stack.anonKey,
      SUPABASE_SERVICE_ROLE_KEY: stack.serviceRoleKey,
      SUBMIT_RATE_LIMIT: '100000',
      ...env,
    },
  }).catch(async (error: unknown) => {
    await stack.stop();
    throw error;
  });
  // Auth's mail links point at this site, now that it has a port.
  if (!stackOptions.siteUrl) stack.setSiteUrl(site.url);
  return {
    baseURL: site.url,
    stack,
    mark: () => ({ site: site.mark(), database: databaseOutput.length }),
    logs: (since) => site.output(since?.site ?? 0),
    databaseLogs: (since) => databaseOutput.slice(since?.database ?? 0),
    alive: () => site.child.exitCode === null && site.child.signalCode === null,
    stop: async () => {
      await site.stop();
      await stack.stop();
    },
  };
}
