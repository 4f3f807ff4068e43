/**
 * The browser tests' server, started by Playwright's global setup (e2e-setup.ts) as a child
 * process with an IPC channel: a throwaway stack, a loopback Resend, and the built site on a port
 * of its own. Writes what the tests need (site URL, stack URLs and keys) to E2E_STATE_FILE and the
 * site's output to E2E_LOG_FILE, then sends 'ready'. Cleans everything up on SIGTERM/SIGINT, and
 * when the runner that started it is gone (the IPC channel closes).
 */
import { createWriteStream, existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot, type Stack } from '../../supabase/local/stack.ts';
import type { ResendMock } from './resend-mock.ts';
import { startResendMock } from './resend-mock.ts';
import { serveSite, type ServedSite } from './serve.ts';
import { startTestStack } from './stack.ts';

const stateFile = process.env['E2E_STATE_FILE'];
const logFile = process.env['E2E_LOG_FILE'];
if (!stateFile || !logFile) throw new Error('E2E_STATE_FILE and E2E_LOG_FILE must be set');
if (!existsSync(path.join(projectRoot, 'dist/server/entry.mjs'))) {
  console.error('The site is not built: run `npm run build` (npm test does) before Playwright.');
  process.exit(1);
}

let stack: Stack | undefined;
let resend: ResendMock | undefined;
let site: ServedSite | undefined;
let stopping = false;
async function shutdown(code = 0): Promise<void> {
  if (stopping) return;
  stopping = true;
  await site?.stop();
  await resend?.close();
  await stack?.stop();
  rmSync(stateFile ?? '', { force: true });
  process.exit(code);
}
process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());
process.on('disconnect', () => void shutdown());

try {
  // Every e2e sign-in comes from 127.0.0.1, so Auth's per-IP and per-hour limits are raised (and
  // the site's per-client-address one, SIGN_IN_RATE_LIMIT, below); the per-address limits (one
  // code a minute, five wrong codes a code) stay as they are.
  stack = await startTestStack({
    auth: {
      otpPerFiveMinutes: 100_000,
      verifyPerFiveMinutes: 100_000,
      tokenPerFiveMinutes: 100_000,
      emailsPerHour: 100_000,
    },
  });
  // E-mail goes to a loopback server speaking Resend's API (the SDK honours RESEND_BASE_URL).
  // EMAIL_TIMEOUT_MS leaves a loaded machine room for an answer that comes at once; the mock's
  // late answers ('timeout') come well after it.
  resend = await startResendMock({ timeoutDelayMs: 15_000 });
  const email = {
    RESEND_API_KEY: 're_e2e_loopback',
    RESEND_BASE_URL: resend.url,
    EMAIL_FROM: 'Barnevernstjenesten <ikke-svar@e2e.invalid>',
    EMAIL_TIMEOUT_MS: '5000',
  };
  const log = createWriteStream(logFile, { flags: 'a' });
  // The site as `npm start` serves it: the built output behind the security headers.
  site = await serveSite({
    env: {
      ...process.env,
      SUPABASE_URL: stack.url,
      SUPABASE_ANON_KEY: stack.anonKey,
      SUPABASE_SERVICE_ROLE_KEY: stack.serviceRoleKey,
      SIGN_IN_RATE_LIMIT: '100000',
      ...email,
    },
    onOutput: (chunk) => log.write(chunk),
  });
  site.child.on('exit', () => void shutdown(1));
  // Auth's mail links point at the site, now that it has a port.
  stack.setSiteUrl(site.url);
  // The stack's methods stay here (JSON leaves functions out); its URLs, keys and ports go.
  writeFileSync(stateFile, JSON.stringify({ baseURL: site.url, logFile, ...stack, email }));
  process.send?.('ready');
} catch (error) {
  console.error(`The e2e server did not start: ${error instanceof Error ? error.message : error}`);
  await shutdown(1);
}
