/**
 * Playwright's web server: a throwaway stack plus the built site on E2E_PORT. Writes what the tests
 * need (site URL, stack URLs and keys) to E2E_STATE_FILE and the site's output to E2E_LOG_FILE,
 * and cleans everything up on SIGTERM/SIGINT.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../supabase/local/stack.ts';
import { startResendMock } from './resend-mock.ts';
import { startTestStack } from './stack.ts';

const port = process.env['E2E_PORT'];
const stateFile = process.env['E2E_STATE_FILE'];
const logFile = process.env['E2E_LOG_FILE'];
if (!port || !stateFile || !logFile)
  throw new Error('E2E_PORT, E2E_STATE_FILE and E2E_LOG_FILE must be set');
const entry = path.join(projectRoot, 'dist/server/entry.mjs');
if (!existsSync(entry)) {
  console.error('The site is not built: run `npm run build` (npm test does) before Playwright.');
  process.exit(1);
}

// Auth's mail links point at this site. Every e2e sign-in comes from 127.0.0.1, so the per-IP and
// per-hour limits are raised; the per-address limit (one code a minute) stays Supabase's.
const stack = await startTestStack({
  siteUrl: `http://127.0.0.1:${port}`,
  auth: {
    otpPerFiveMinutes: 100_000,
    verifyPerFiveMinutes: 100_000,
    tokenPerFiveMinutes: 100_000,
    emailsPerHour: 100_000,
  },
});
const { stop: _stop, fresh: _fresh, ...info } = stack;
// E-mail goes to a loopback server speaking Resend's API (the SDK honours RESEND_BASE_URL).
const resend = await startResendMock({ timeoutDelayMs: 3_000 });
const email = {
  RESEND_API_KEY: 're_e2e_loopback',
  RESEND_BASE_URL: resend.url,
  EMAIL_FROM: 'Barneverntjenesten <ikke-svar@e2e.invalid>',
  EMAIL_TIMEOUT_MS: '1000',
};
const log = createWriteStream(logFile, { flags: 'a' });
// The site as `npm start` serves it: the built output behind the security headers.
const site = spawn(process.execPath, [path.join(projectRoot, 'src/cli/serve.ts')], {
  cwd: projectRoot,
  env: {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: port,
    SUPABASE_URL: stack.url,
    SUPABASE_ANON_KEY: stack.anonKey,
    SUPABASE_SERVICE_ROLE_KEY: stack.serviceRoleKey,
    ...email,
  },
  stdio: ['ignore', 'pipe', 'pipe'],
});
site.stdout.pipe(log);
site.stderr.pipe(log);
writeFileSync(
  stateFile,
  JSON.stringify({ baseURL: `http://127.0.0.1:${port}`, logFile, ...info, email }),
);

let stopping = false;
async function shutdown(): Promise<void> {
  if (stopping) return;
  stopping = true;
  site.kill('SIGTERM');
  await resend.close();
  await stack.stop();
  rmSync(stateFile ?? '', { force: true });
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());
site.on('exit', () => void shutdown());
