/**
 * `npm run jobs`: the day's scheduled work, then the outbox. Runs public.run_scheduled_jobs (the
 * SQL private.run_scheduled_jobs that pg_cron calls on a hosted project: the retention job and
 * whatever else is scheduled there, each daily job once a day however often and however many at
 * once call it), then sends what is in the outbox, the e-mails those jobs wrote included. For a
 * host's cron every few minutes, and by hand on the local stack (README, "Scheduled work"). Exit
 * code 1 when the settings are wrong, the database cannot be reached or a job failed (it is tried
 * again by the next run); the outbox is sent either way.
 */
import '../lib/server/email/svelte-hooks.ts';
import { createServiceClient } from '../lib/server/outbox/store.ts';
import { sendOutbox, serviceCommand } from './service-command.ts';

const command = await serviceCommand('run the scheduled jobs');

/** One line per job: its name and what it did (counts, 'already_ran', 'not_yet' or an error code). */
function report(summary: unknown): boolean {
  let ok = true;
  for (const [job, outcome] of Object.entries(summary as Record<string, unknown>)) {
    const failed = typeof outcome === 'object' && outcome !== null && 'error' in outcome;
    if (failed) ok = false;
    console.log(`jobs: ${job}: ${typeof outcome === 'string' ? outcome : JSON.stringify(outcome)}`);
  }
  return ok;
}

let ok = false;
try {
  const client = createServiceClient(command.supabaseUrl, command.serviceRoleKey);
  const { data, error } = await client.rpc('run_scheduled_jobs');
  // The code only: a database error's message can quote data.
  if (error) console.error(`jobs: could not run (code ${error.code || 'none'})`);
  else ok = report(data);
} catch (error) {
  console.error(`jobs: could not run (${error instanceof Error ? error.name : 'error'})`);
}
await sendOutbox(command);
if (!ok) process.exit(1);
