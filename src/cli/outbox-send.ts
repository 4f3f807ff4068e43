/**
 * `npm run outbox:send`: sends every e-mail waiting in the outbox that is due, then exits; run it
 * from cron (see README, "E-mail (Resend)"). Uses SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY, or
 * the local stack started with `npm run db:start` / `npm start`. Exit code 1 when the settings are
 * wrong or the database cannot be reached; messages that fail are retried by the next run.
 */
import '../lib/server/email/svelte-hooks.ts';
import path from 'node:path';
import { commandConfig } from '../lib/server/config.ts';
import { loadProfileFile } from '../lib/server/email/profile-file.ts';
import { runOutbox } from '../lib/server/outbox/setup.ts';

// Not imported from supabase/local/stack.ts: that module needs `pg` and the Postgres binaries, dev
// dependencies a production install (`npm install --omit=dev`) does not have. The local stack is
// loaded only when no SUPABASE_URL is set.
const projectRoot = path.resolve(import.meta.dirname, '../..');

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

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
  fail('Invalid configuration:\n  SUPABASE_SERVICE_ROLE_KEY: is required to send the outbox');
}

// The templates are Svelte components: load them only after the hooks above are registered.
const { renderEmail } = await import('../lib/server/email/render.ts');
try {
  const profile = await loadProfileFile(path.join(projectRoot, 'content'));
  const summary = await runOutbox({
    config,
    supabaseUrl,
    serviceRoleKey,
    profile,
    render: renderEmail,
  });
  console.log(
    `outbox: ${summary.sent} sent, ${summary.retrying} to retry, ${summary.failed} failed`,
  );
} catch (error) {
  fail(`outbox: could not send (${error instanceof Error ? error.message : String(error)})`);
}
