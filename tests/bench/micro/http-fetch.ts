/**
 * Micro-bench (issue 17): the fetch supabase-js uses on the server, hand-written over node:http
 * (src/lib/server/http-fetch.ts until it was replaced; read here from git) against undici's fetch
 * with an Agent (src/lib/server/supabase-fetch.ts), and Node's global fetch for reference (it has
 * no 30 s silence limit, so it was never a candidate). The site's real calls go through a
 * throwaway local stack (gateway, PostgREST, Postgres): `rpc('database_now')` and
 * `rpc('submit_application')`, the two calls of one submission, at 1 and 50 concurrent callers.
 *
 * Each measurement runs in a child process of its own (the gateway runs in this one), so the
 * child's CPU time per request is the client's cost alone. Variants are interleaved within each
 * round and their order rotates between rounds. Writes tests/bench/results/http-fetch.json.
 *
 *   node_modules/.bin/node tests/bench/micro/http-fetch.ts     (ROUNDS=5 SECONDS=3 by default)
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createClient } from '@supabase/supabase-js';
import { projectRoot } from '../../../supabase/local/stack.ts';
import { applicationPayload } from '../../support/payloads.ts';
import { startTestStack } from '../../support/stack.ts';
import { writeResult } from './result.ts';
import { median, spread, summarize } from './stats.ts';

// The last version of the hand-written fetch (commit "http-fetch: give up on a connection silent
// for 30 s"), loaded from git so the comparison can be rerun after the file left the tree.
const HAND_WRITTEN = 'fd835ad6252c648c7c2bed087c670cff1a3c953f:src/lib/server/http-fetch.ts';
const VARIANTS = ['hand-written', 'undici', 'global-fetch'] as const;
const CALLS = ['database_now', 'submit_application'] as const;
const CONCURRENCY = [1, 50] as const;
type Variant = (typeof VARIANTS)[number];
type Call = (typeof CALLS)[number];

interface Sample {
  variant: Variant;
  call: Call;
  concurrency: number;
  round: number;
  requests: number;
  errors: number;
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
  cpuUsPerRequest: number;
  loadAverage1m: number;
}

// --- the client (a child process) --------------------------------------------------------------

async function client(): Promise<void> {
  const [variant, call, concurrency, seconds, url, key, handWrittenFile] = process.argv.slice(3);
  let fetchImpl: typeof fetch;
  if (variant === 'hand-written') {
    fetchImpl = (
      (await import(pathToFileURL(handWrittenFile ?? '').href)) as {
        httpFetch: typeof fetch;
      }
    ).httpFetch;
  } else if (variant === 'undici') {
    fetchImpl = (await import('../../../src/lib/server/supabase-fetch.ts')).supabaseFetch;
  } else {
    fetchImpl = globalThis.fetch;
  }
  const supabase = createClient(url ?? '', key ?? '', {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    global: { fetch: fetchImpl },
  });
  const once = async (): Promise<boolean> => {
    const { error } =
      call === 'submit_application'
        ? await supabase.rpc('submit_application', {
            application: applicationPayload('besokshjem'),
          } as never)
        : await supabase.rpc('database_now');
    return !error;
  };
  const load = async (ms: number) => {
    const latencies: number[] = [];
    let errors = 0;
    const end = performance.now() + ms;
    await Promise.all(
      Array.from({ length: Number(concurrency) }, async () => {
        while (performance.now() < end) {
          const start = performance.now();
          if (!(await once())) errors += 1;
          latencies.push(performance.now() - start);
        }
      }),
    );
    return { latencies, errors };
  };
  await load(1_000); // warm-up: connections, JIT
  const cpu = process.cpuUsage();
  const started = performance.now();
  const { latencies, errors } = await load(Number(seconds) * 1_000);
  const elapsed = (performance.now() - started) / 1_000;
  const used = process.cpuUsage(cpu);
  latencies.sort((a, b) => a - b);
  const at = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
  process.stdout.write(
    JSON.stringify({
      requests: latencies.length,
      errors,
      perSecond: latencies.length / elapsed,
      p50Ms: at(0.5),
      p95Ms: at(0.95),
      cpuUsPerRequest: (used.user + used.system) / latencies.length,
    }),
  );
}

// --- the driver ---------------------------------------------------------------------------------

function measure(
  args: string[],
): Promise<Omit<Sample, 'variant' | 'call' | 'concurrency' | 'round' | 'loadAverage1m'>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [import.meta.filename, '--client', ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`client exited ${code}: ${out}`)),
    );
  });
}

async function main(): Promise<void> {
  const rounds = Number(process.env['ROUNDS'] ?? 5);
  const seconds = Number(process.env['SECONDS'] ?? 3);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fosterportal-bench-fetch-'));
  const handWrittenFile = path.join(dir, 'http-fetch.ts');
  writeFileSync(
    handWrittenFile,
    execFileSync('git', ['-C', projectRoot, 'show', HAND_WRITTEN], { encoding: 'utf8' }),
  );
  const stack = await startTestStack();
  const loadBefore = os.loadavg();
  const samples: Sample[] = [];
  try {
    for (let round = 0; round < rounds; round++) {
      const order = VARIANTS.map((_, i) => VARIANTS[(i + round) % VARIANTS.length] as Variant);
      for (const call of CALLS) {
        for (const concurrency of CONCURRENCY) {
          for (const variant of order) {
            const loadAverage1m = os.loadavg()[0] ?? 0;
            const result = await measure([
              variant,
              call,
              String(concurrency),
              String(seconds),
              stack.url,
              stack.serviceRoleKey,
              handWrittenFile,
            ]);
            const sample = { variant, call, concurrency, round, loadAverage1m, ...result };
            if (sample.errors > 0) throw new Error(`${variant} ${call}: ${sample.errors} errors`);
            samples.push(sample);
            console.log(
              `round ${round + 1} ${call} ×${concurrency} ${variant}: ${sample.perSecond.toFixed(0)}/s, ` +
                `${sample.cpuUsPerRequest.toFixed(0)} µs CPU/request, load ${loadAverage1m.toFixed(2)}`,
            );
          }
        }
      }
    }
  } finally {
    await stack.stop();
    rmSync(dir, { recursive: true, force: true });
  }

  const summary = CALLS.flatMap((call) =>
    CONCURRENCY.map((concurrency) => {
      const of = (variant: Variant, field: 'perSecond' | 'cpuUsPerRequest' | 'p50Ms') =>
        samples
          .filter((s) => s.variant === variant && s.call === call && s.concurrency === concurrency)
          .map((s) => s[field]);
      const variants = Object.fromEntries(
        VARIANTS.map((v) => [
          v,
          {
            perSecond: summarize(of(v, 'perSecond')),
            cpuUsPerRequest: summarize(of(v, 'cpuUsPerRequest')),
            p50Ms: summarize(of(v, 'p50Ms')),
          },
        ]),
      );
      // Each round's hand-written figure over undici's, measured back to back (the machine's
      // load changes between rounds more than between two neighbouring measurements).
      const paired = (field: 'perSecond' | 'cpuUsPerRequest') => {
        const hand = of('hand-written', field);
        return summarize(of('undici', field).map((lib, i) => (hand[i] ?? 0) / lib));
      };
      return {
        call,
        concurrency,
        variants,
        // > 1: the hand-written fetch serves more requests a second than undici's.
        handWrittenOverUndiciPerSecond:
          median(of('hand-written', 'perSecond')) / median(of('undici', 'perSecond')),
        // < 1: the hand-written fetch costs the client less CPU per request.
        handWrittenOverUndiciCpu:
          median(of('hand-written', 'cpuUsPerRequest')) / median(of('undici', 'cpuUsPerRequest')),
        pairedPerSecond: paired('perSecond'),
        pairedCpu: paired('cpuUsPerRequest'),
        noise: Math.max(spread(of('hand-written', 'perSecond')), spread(of('undici', 'perSecond'))),
      };
    }),
  );
  writeResult(
    'http-fetch',
    loadBefore,
    {
      settings: { rounds, seconds, warmUpSeconds: 1 },
      summary,
      samples,
    },
    { bundledUndici: process.versions['undici'] },
  );
  for (const row of summary) {
    console.log(
      `${row.call} ×${row.concurrency}: hand-written/undici = ${row.handWrittenOverUndiciPerSecond.toFixed(3)} ` +
        `requests/s (per round ${row.pairedPerSecond.min.toFixed(2)}–${row.pairedPerSecond.max.toFixed(2)}), ` +
        `${row.handWrittenOverUndiciCpu.toFixed(3)} CPU/request (per round ${row.pairedCpu.min.toFixed(2)}–` +
        `${row.pairedCpu.max.toFixed(2)}); noise ${(row.noise * 100).toFixed(1)} %`,
    );
  }
}

if (process.argv[2] === '--client') await client();
else await main();
