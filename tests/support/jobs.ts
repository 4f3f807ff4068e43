// `npm run jobs` for the database tests: the real command (src/cli/jobs.ts) against the test
// stack, its e-mail to a loopback Resend (tests/support/resend-mock.ts).
import { spawn } from 'node:child_process';
import { projectRoot } from '../../supabase/local/stack.ts';
import { stack } from './db.ts';

/** Runs the command once; resolves with its exit code and everything it printed. */
export function runJobs(resendUrl: string): Promise<{ code: number; output: string }> {
  const { url, anonKey, serviceRoleKey } = stack();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['src/cli/jobs.ts'], {
      cwd: projectRoot,
      env: {
        PATH: process.env['PATH'] ?? '',
        HOME: process.env['HOME'] ?? '',
        SUPABASE_URL: url,
        SUPABASE_ANON_KEY: anonKey,
        SUPABASE_SERVICE_ROLE_KEY: serviceRoleKey,
        RESEND_API_KEY: 're_test_loopback',
        RESEND_BASE_URL: resendUrl,
        EMAIL_FROM: 'Barnevernstjenesten <ikke-svar@test.invalid>',
        EMAIL_TIMEOUT_MS: '10000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code: code ?? 1, output }));
  });
}
