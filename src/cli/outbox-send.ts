/**
 * `npm run outbox:send`: sends every e-mail waiting in the outbox that is due, then exits; run it
 * from cron (see README, "E-mail (Resend)"), or run `npm run jobs`, which does this after the
 * day's scheduled work. Uses SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY, or the local stack
 * started with `npm run db:start` / `npm start`. Exit code 1 when the settings are wrong or the
 * database cannot be reached; messages that fail are retried by the next run.
 */
import '../lib/server/email/svelte-hooks.ts';
import { sendOutbox, serviceCommand } from './service-command.ts';

await sendOutbox(await serviceCommand('send the outbox'));
