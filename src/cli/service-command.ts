/**
 * What the service-role commands (`npm run outbox:send`, `npm run jobs`) share: their settings,
 * the database they talk to (SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY, or the local stack that
 * `npm run db:start` / `npm start` runs), and one run of the outbox's sender. Only the API and the
 * service-role key, never a database password, so the same commands work on a host with a hosted
 * project.
 */
import path from 'node:path';
import { commandConfig, type Config } from '../lib/server/config.ts';
import { loadProfileFile } from '../lib/server/email/profile-file.ts';
import { runOutbox } from '../lib/server/outbox/setup.ts';

// Not imported from supabase/local/stack.ts: that module needs `pg` and the Postgres binaries, dev
// dependencies a production install (`npm install --omit=dev`) does not have. The local stack is
// loaded only when no SUPABASE_URL is set.
export const projectRoot = path.resolve(import.meta.dirname, '../..');

export function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

export interface ServiceCommand {
  config: Config;
  supabaseUrl: string;
  serviceRoleKey: string;
}

/** The settings and the database, or exit 1 with one line saying what to set. */
export async function serviceCommand(purpose: string): Promise<ServiceCommand> {
  const config = commandConfig(projectRoot);
  let supabaseUrl = config.SUPABASE_URL;
  let serviceRoleKey = config.SUPABASE_SERVICE_ROLE_KEY;
  if (!supabaseUrl) {
    const local = await import('../../supabase/local/stack.ts').catch(() => undefined);
    const running = local?.runningState(local.defaultDataDir);
    if (!running) {
      fail(
        'No database: set SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY, or start the local stack with `npm run db:start`.',
      );
    }
    supabaseUrl = running.url;
    serviceRoleKey ??= running.serviceRoleKey;
  }
  if (!serviceRoleKey) {
    fail(`Invalid configuration:\n  SUPABASE_SERVICE_ROLE_KEY: is required to ${purpose}`);
  }
  return { config, supabaseUrl, serviceRoleKey };
}

/**
 * Sends every e-mail in the outbox that is due and prints one line of counts. The entry point
 * must have imported '../lib/server/email/svelte-hooks.ts' first: the templates are Svelte
 * components, compiled as they are imported.
 */
export async function sendOutbox(command: ServiceCommand): Promise<void> {
  const { renderEmail } = await import('../lib/server/email/render.ts');
  try {
    const profile = await loadProfileFile(path.join(projectRoot, 'content'));
    const summary = await runOutbox({ ...command, profile, render: renderEmail });
    console.log(
      `outbox: ${summary.sent} sent, ${summary.retrying} to retry, ${summary.failed} failed`,
    );
  } catch (error) {
    fail(`outbox: could not send (${error instanceof Error ? error.message : String(error)})`);
  }
}
