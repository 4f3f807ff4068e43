/**
 * The site's side of the outbox: after an application is stored (its messages were recorded in
 * the same transaction), deliverSoon() starts the sender in the background so the receipt page
 * is not delayed. Anything it cannot send now, `npm run outbox:send` (cron) sends later.
 */
import { getProfile } from '../../profile.ts';
import { serverConfig } from '../config.ts';
import { renderEmail } from '../email/render.ts';
import { runOutbox } from './setup.ts';

let running: Promise<void> | undefined;
let again = false;
let warned = false;

async function runUntilIdle(): Promise<void> {
  do {
    again = false;
    const config = serverConfig();
    if (!config.SUPABASE_SERVICE_ROLE_KEY) {
      if (!warned) {
        warned = true;
        console.warn(
          'outbox: SUPABASE_SERVICE_ROLE_KEY is not set; e-mails wait for `npm run outbox:send`',
        );
      }
      return;
    }
    const summary = await runOutbox({
      config,
      supabaseUrl: config.SUPABASE_URL,
      serviceRoleKey: config.SUPABASE_SERVICE_ROLE_KEY,
      profile: await getProfile(),
      render: renderEmail,
    });
    console.log(
      `outbox: ${summary.sent} sent, ${summary.retrying} to retry, ${summary.failed} failed`,
    );
  } while (again);
}

/**
 * Starts delivering pending messages without waiting for it. Never throws, logs no personal
 * data. A call while a run is going makes that run look again when it finishes.
 */
export function deliverSoon(): void {
  if (running) {
    again = true;
    return;
  }
  running = new Promise<void>((resolve) => setImmediate(resolve))
    .then(runUntilIdle)
    .catch((error: unknown) => {
      console.error(
        `outbox: delivery stopped (${error instanceof Error ? error.name : 'error'}); npm run outbox:send will retry`,
      );
    })
    .finally(() => {
      running = undefined;
    });
}
