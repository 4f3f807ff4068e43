/**
 * Bench of the local stack with Auth, used by run.ts and runnable alone
 * (`node tests/bench/auth.ts`, prints the figures as JSON):
 *   - cold start: a new folder (initdb, bootstrap, Auth tables, migrations, seed) until the stack
 *     is ready (PostgREST ready, and /auth/v1/health answered through the gateway);
 *   - warm start: the same folder started again;
 *   - the sign-in round trip through supabase-js: code request, the code read from the mailbox,
 *     verify; p50/p95 over 50 sign-ins after 5 warm-ups. The bench stack allows a code per
 *     address at once (GoTrue's default is one per 60 s) so that one seeded user can sign in 55 times.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '@supabase/supabase-js';
import { latestMessage } from '../../supabase/local/mailbox.ts';
import {
  ANY_PORTS,
  startStack,
  type Stack,
  type StackOptions,
} from '../../supabase/local/stack.ts';

/** The `auth` figures in latest.json. */
export interface AuthBench {
  cold_start_s: number;
  warm_start_s: number;
  signin_p50_ms: number;
  signin_p95_ms: number;
  cold_runs_s: number[];
  warm_runs_s: number[];
  signins: number;
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};
const median = (values: number[]) => percentile(values, 50);

async function timedStart(options: StackOptions): Promise<{ stack: Stack; seconds: number }> {
  const started = performance.now();
  const stack = await startStack(options);
  const health = await fetch(`${stack.url}/auth/v1/health`, { headers: { apikey: stack.anonKey } });
  if (!health.ok) throw new Error(`Auth did not answer: ${health.status}`);
  return { stack, seconds: (performance.now() - started) / 1000 };
}

/** Measures cold and warm starts (three of each, median) and the sign-in round trip. */
export async function measureAuth(
  log: (line: string) => void = () => undefined,
): Promise<AuthBench> {
  const cold: number[] = [];
  const warm: number[] = [];
  const signins: number[] = [];
  const auth = {
    otpFrequencySeconds: 0,
    otpPerFiveMinutes: 1e6,
    verifyPerFiveMinutes: 1e6,
    emailsPerHour: 1e6,
  };
  for (let run = 0; run < 3; run += 1) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'fosterportal-bench-auth-'));
    try {
      const options: StackOptions = { dir, ports: ANY_PORTS, durable: false, auth };
      const first = await timedStart(options);
      cold.push(first.seconds);
      await first.stack.stop();
      const second = await timedStart(options);
      warm.push(second.seconds);
      log(
        `   run ${run + 1}: cold ${round(first.seconds, 2)} s, warm ${round(second.seconds, 2)} s`,
      );
      if (run === 2) {
        const email = 'kari.koordinator@eksempel.invalid';
        for (let i = 0; i < 55; i += 1) {
          const client = createClient(second.stack.url, second.stack.anonKey, {
            auth: { persistSession: false, autoRefreshToken: false },
          });
          const t0 = performance.now();
          const sent = await client.auth.signInWithOtp({
            email,
            options: { shouldCreateUser: false },
          });
          if (sent.error) throw sent.error;
          const code = latestMessage(second.stack.mailboxDir, email)?.code ?? '';
          const verified = await client.auth.verifyOtp({ email, token: code, type: 'email' });
          if (verified.error) throw verified.error;
          if (i >= 5) signins.push(performance.now() - t0);
        }
      }
      await second.stack.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return {
    cold_start_s: round(median(cold), 2),
    warm_start_s: round(median(warm), 2),
    signin_p50_ms: round(percentile(signins, 50), 1),
    signin_p95_ms: round(percentile(signins, 95), 1),
    cold_runs_s: cold.map((s) => round(s, 2)),
    warm_runs_s: warm.map((s) => round(s, 2)),
    signins: signins.length,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const figures = await measureAuth((line) => console.log(`[bench] ${line}`));
  console.log(JSON.stringify({ auth: figures }, null, 2));
}
