/**
 * Security headers through src/cli/serve.ts, side by side (issue 17): the hand-written version
 * (the `res.writeHead` patch and hand-set headers of BENCH_BASE, default the last commit that
 * had it) against the working tree's (helmet for the fixed headers, on-headers for the moment the
 * head is written). Also checks what the node adapter's own `staticHeaders` option would send on
 * each prerendered page, as the alternative for the pages' policies.
 *
 *   node tests/bench/security-headers.ts     (BENCH_ROUNDS=5 BENCH_SECONDS=5 by default)
 *
 * Everything runs in temporary copies (node_modules linked): the working tree and its dist/ are
 * left alone. Both servers serve the same build; rounds are interleaved, the order alternating.
 * Writes tests/bench/results/security-headers.json.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { projectRoot } from '../../supabase/local/stack.ts';
import { listeningPort } from '../support/serve.ts';
import { copyProject } from './project-copy.ts';

const BASE = process.env['BENCH_BASE'] ?? '64abaca';
const rounds = Number(process.env['BENCH_ROUNDS'] ?? 5);
const seconds = Number(process.env['BENCH_SECONDS'] ?? 5);
const connections = 10;
const resultsFile = path.join(projectRoot, 'tests/bench/results/security-headers.json');
const log = (line: string) => console.log(`[bench] ${line}`);
const node = process.execPath;

// Well-formed keys (serve.ts checks the settings); nothing here talks to a database.
const siteEnv = {
  PATH: process.env['PATH'] ?? '',
  HOME: process.env['HOME'] ?? '/tmp',
  HOST: '127.0.0.1',
  SUPABASE_URL: 'http://127.0.0.1:9',
  SUPABASE_ANON_KEY: 'eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoiYW5vbiJ9.c2lnbmF0dXJl',
  SUPABASE_SERVICE_ROLE_KEY: 'eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoic2VydmljZV9yb2xlIn0.c2lnbmF0dXJl',
};

function build(dir: string): void {
  execFileSync(node, [path.join(projectRoot, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: dir,
    stdio: 'ignore',
  });
}

async function waitFor(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`${url}: the server exited`);
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`${url}: no answer`);
}

async function startServer(
  args: string[],
  cwd: string,
): Promise<{ url: string; child: ChildProcess }> {
  // Port 0: the server binds one of its own; the older serve.ts does not say which, so the port
  // is read from /proc.
  const child = spawn(node, args, {
    cwd,
    env: { ...siteEnv, PORT: '0' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${await listeningPort(child.pid ?? -1)}`;
  await waitFor(`${url}/`, child);
  return { url, child };
}

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? 0;
}
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

interface Run {
  rps: number;
  p50: number;
  p95: number;
  non2xx: number;
  errors: number;
}

/** One autocannon run; latencies from every response, so p95 is exact. */
async function load(url: string, headers: Record<string, string>): Promise<Run> {
  const times: number[] = [];
  const instance = autocannon({ url, connections, duration: seconds, headers });
  instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  const result = await instance;
  times.sort((a, b) => a - b);
  return {
    rps: round(result.requests.total / seconds, 1),
    p50: round(percentile(times, 50)),
    p95: round(percentile(times, 95)),
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/** The policy each prerendered page must carry: its <meta> policy, plus frame-ancestors. */
function expectedPolicies(clientDir: string): Map<string, string> {
  const expected = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name === 'index.html') {
        const meta = /http-equiv="content-security-policy"\s+content="([^"]+)"/i.exec(
          readFileSync(file, 'utf8'),
        );
        const urlPath = `/${path.relative(clientDir, path.dirname(file)).split(path.sep).join('/')}/`;
        if (meta?.[1]) expected.set(urlPath.replace('//', '/'), meta[1].replace(/&#39;/g, "'"));
      }
    }
  };
  walk(clientDir);
  return expected;
}

/** Whether each prerendered page's answer carries that page's hashes and frame-ancestors. */
async function pagePolicies(url: string, expected: Map<string, string>) {
  const pages: Record<
    string,
    { status: number; csp: boolean; ownHashes: boolean; frameAncestors: boolean }
  > = {};
  for (const [pathname, policy] of [...expected, ['/finnes-ikke/', expected.get('/') ?? '']]) {
    const response = await fetch(`${url}${pathname}`, { redirect: 'manual' });
    const csp = response.headers.get('content-security-policy') ?? '';
    const hashes = (policy ?? '').match(/'sha256-[^']+'/g) ?? [];
    pages[pathname as string] = {
      status: response.status,
      csp: csp.length > 0,
      ownHashes: hashes.length > 0 && hashes.every((h) => csp.includes(h)),
      frameAncestors: /frame-ancestors 'none'/.test(csp),
    };
    await response.arrayBuffer();
  }
  return pages;
}

const dirs: string[] = [];
const children: ChildProcess[] = [];
try {
  log(`building the working tree's site; the hand-written serve.ts comes from ${BASE}`);
  const library = copyProject('fosterportal-headers-bench-');
  const hand = copyProject('fosterportal-headers-bench-', BASE);
  dirs.push(library, hand);
  build(library);
  // The same pages for both: only serve.ts and its security headers differ.
  symlinkSync(path.join(library, 'dist'), path.join(hand, 'dist'));

  log('building with the adapter option staticHeaders (and frame-ancestors among the directives)');
  const adapter = copyProject('fosterportal-headers-bench-');
  dirs.push(adapter);
  const config = path.join(adapter, 'astro.config.mjs');
  writeFileSync(
    config,
    readFileSync(config, 'utf8')
      .replace("node({ mode: 'standalone' })", "node({ mode: 'standalone', staticHeaders: true })")
      .replace(`"object-src 'none'",`, `"object-src 'none'",\n        "frame-ancestors 'none'",`),
  );
  build(adapter);

  const servers = {
    'hand-written': await startServer([path.join(hand, 'src/cli/serve.ts')], hand),
    library: await startServer([path.join(library, 'src/cli/serve.ts')], library),
  };
  const adapterServer = await startServer([path.join(adapter, 'dist/server/entry.mjs')], adapter);
  children.push(...Object.values(servers).map((s) => s.child), adapterServer.child);

  const expected = expectedPolicies(path.join(library, 'dist/client'));
  const correctness = {
    'hand-written': await pagePolicies(servers['hand-written'].url, expected),
    library: await pagePolicies(servers.library.url, expected),
    'adapter staticHeaders': await pagePolicies(adapterServer.url, expected),
  };

  const page = '/besokshjem/';
  const html = await (await fetch(`${servers.library.url}${page}`)).text();
  const stylesheets = [...html.matchAll(/\/_astro\/[^"']+\.css/g)].map((m) => m[0]);
  const asset = stylesheets[0];
  if (!asset) throw new Error(`${page} links no stylesheet`);
  const targets = { page, asset };
  const encodings = { identity: 'identity', gzip: 'gzip' };

  type Key = `${keyof typeof targets} ${keyof typeof encodings}`;
  const runs: Record<string, Record<string, Run[]>> = { 'hand-written': {}, library: {} };
  // Warm-up: JIT and file cache for both.
  for (const { url } of Object.values(servers)) {
    for (const target of Object.values(targets)) {
      const warm = autocannon({ url: `${url}${target}`, connections, duration: 2 });
      await warm;
    }
  }
  for (let r = 0; r < rounds; r++) {
    const order = (r % 2 === 0 ? ['hand-written', 'library'] : ['library', 'hand-written']) as (
      'hand-written' | 'library'
    )[];
    for (const [targetName, target] of Object.entries(targets)) {
      for (const [encodingName, encoding] of Object.entries(encodings)) {
        for (const variant of order) {
          const key: Key = `${targetName as keyof typeof targets} ${encodingName as keyof typeof encodings}`;
          const run = await load(`${servers[variant].url}${target}`, {
            'accept-encoding': encoding,
          });
          (runs[variant]![key] ??= []).push(run);
          log(
            `round ${r + 1} ${key} ${variant}: ${run.rps} req/s, p50 ${run.p50} ms, p95 ${run.p95} ms`,
          );
        }
      }
    }
  }

  const summary: Record<string, unknown> = {};
  for (const key of Object.keys(runs['hand-written']!)) {
    const of = (variant: string) => {
      const list = runs[variant]![key]!;
      const rps = list.map((x) => x.rps);
      return {
        rps: median(rps),
        rpsSpread: [Math.min(...rps), Math.max(...rps)],
        p50: median(list.map((x) => x.p50)),
        p95: median(list.map((x) => x.p95)),
      };
    };
    const hand = of('hand-written');
    const lib = of('library');
    // Each round ran the two back to back: the ratio within a round cancels most of the drift.
    const paired = runs['hand-written']![key]!.map(
      (run, i) => run.rps / runs['library']![key]![i]!.rps,
    );
    summary[key] = {
      'hand-written': hand,
      library: lib,
      handOverLibraryRps: round(hand.rps / lib.rps, 3),
      handOverLibraryRpsPaired: {
        median: round(median(paired), 3),
        spread: [round(Math.min(...paired), 3), round(Math.max(...paired), 3)],
      },
    };
  }

  mkdirSync(path.dirname(resultsFile), { recursive: true });
  writeFileSync(
    resultsFile,
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        command: 'node tests/bench/security-headers.ts',
        base: BASE,
        machine: { cpus: os.cpus().length, loadavg: os.loadavg().map((l) => round(l)) },
        settings: { rounds, seconds, connections, targets },
        correctness,
        summary,
        runs,
      },
      null,
      2,
    )}\n`,
  );
  log(`summary: ${JSON.stringify(summary, null, 2)}`);
  log(`written to ${path.relative(projectRoot, resultsFile)}`);
} finally {
  for (const child of children) child.kill('SIGTERM');
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}
