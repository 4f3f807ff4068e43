/**
 * The e-mail rendering path outside Astro, side by side. Three ways for plain Node to
 * run the Svelte templates that the site's build compiles with Vite:
 *   - hook:        the templates compiled when imported (src/lib/server/email/svelte-hooks.ts,
 *                  Svelte's compiler behind a node:module hook), as `npm run outbox:send` does;
 *   - precompiled: the templates compiled ahead to .js (what compiling them in the build would
 *                  give the command: no compiler at start-up);
 *   - vite:        Vite's module runner with the Svelte plugin, the site's own pipeline.
 * For each: the time from process start until the first e-mail is rendered (profile read
 * included), the render time per e-mail, and that the four sample messages are byte-identical
 * across the three. For hook and precompiled also the whole `outbox:send` start-up, up to its
 * first database call (a closed port here, so it ends there with exit code 1).
 *
 *   node tests/bench/email-render.ts        (BENCH_ROUNDS=7 by default)
 *
 * Writes tests/bench/results/email-render.json. Runs in a temporary copy (node_modules linked).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compile } from 'svelte/compiler';
import { projectRoot } from '../../supabase/local/stack.ts';

const rounds = Number(process.env['BENCH_ROUNDS'] ?? 7);
const renders = 2000;
const resultsFile = path.join(projectRoot, 'tests/bench/results/email-render.json');
const log = (line: string) => console.log(`[bench] ${line}`);
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
};

const dir = mkdtempSync(path.join(os.tmpdir(), 'fosterportal-email-bench-'));
try {
  for (const entry of ['src', 'content', 'supabase/local', 'package.json'])
    cpSync(path.join(projectRoot, entry), path.join(dir, entry), { recursive: true });
  symlinkSync(path.join(projectRoot, 'node_modules'), path.join(dir, 'node_modules'));
  const email = path.join(dir, 'src/lib/server/email');

  // precompiled: a second copy of the e-mail folder whose templates are already JavaScript.
  const pre = path.join(dir, 'src/lib/server/email-precompiled');
  cpSync(email, pre, { recursive: true });
  for (const name of readdirSync(path.join(pre, 'templates'))) {
    const file = path.join(pre, 'templates', name);
    const { js } = compile(readFileSync(file, 'utf8'), {
      filename: file,
      generate: 'server',
      dev: false,
    });
    writeFileSync(`${file}.js`, js.code.replace(/\.svelte'/g, ".svelte.js'"));
  }
  writeFileSync(
    path.join(pre, 'render.ts'),
    readFileSync(path.join(pre, 'render.ts'), 'utf8').replace(
      "'./templates/EmailMessage.svelte'",
      "'./templates/EmailMessage.svelte.js'",
    ),
  );
  const outboxSend = path.join(dir, 'src/cli/outbox-send.ts');
  writeFileSync(
    path.join(dir, 'src/cli/outbox-send-precompiled.ts'),
    readFileSync(outboxSend, 'utf8')
      .replace("import '../lib/server/email/svelte-hooks.ts';\n", '')
      .replace("'../lib/server/email/render.ts'", "'../lib/server/email-precompiled/render.ts'"),
  );

  // One driver per way: process start → first e-mail, then `renders` more, then the samples.
  const driverBody = `
const profile = await loadProfileFile(${JSON.stringify(path.join(dir, 'content'))});
const receivedAt = new Date('2026-11-23T13:05:00Z');
const facts = { template: 'receipt', kind: 'besokshjem', reference: 'BH-7K3M-Q9XD', receivedAt };
renderEmail(facts, profile);
const firstEmailMs = performance.now();
const t = performance.now();
for (let i = 0; i < ${renders}; i++) renderEmail(facts, profile);
const perEmailMs = (performance.now() - t) / ${renders};
const samples = [];
for (const template of ['receipt', 'coordinator_notice'])
  for (const [kind, reference] of [['besokshjem', 'BH-7K3M-Q9XD'], ['tilsynsperson', 'TP-A2B3-C4D5']])
    samples.push(renderEmail({ template, kind, reference, receivedAt }, profile));
process.stdout.write(JSON.stringify({ firstEmailMs, perEmailMs, samples }));
`;
  const drivers = {
    hook: `import ${JSON.stringify(path.join(email, 'svelte-hooks.ts'))};
const { renderEmail } = await import(${JSON.stringify(path.join(email, 'render.ts'))});
const { loadProfileFile } = await import(${JSON.stringify(path.join(email, 'profile-file.ts'))});
${driverBody}`,
    precompiled: `const { renderEmail } = await import(${JSON.stringify(path.join(pre, 'render.ts'))});
const { loadProfileFile } = await import(${JSON.stringify(path.join(pre, 'profile-file.ts'))});
${driverBody}`,
    vite: `const { createServer, createServerModuleRunner } = await import('vite');
const { svelte } = await import('@sveltejs/vite-plugin-svelte');
const server = await createServer({
  root: ${JSON.stringify(dir)}, configFile: false, logLevel: 'error', appType: 'custom',
  server: { middlewareMode: true, hmr: false, ws: false, watch: null },
  plugins: [svelte({ compilerOptions: { discloseVersion: false } })],
});
const runner = createServerModuleRunner(server.environments.ssr, { hmr: false });
const { renderEmail } = await runner.import(${JSON.stringify(path.join(email, 'render.ts'))});
const { loadProfileFile } = await runner.import(${JSON.stringify(path.join(email, 'profile-file.ts'))});
${driverBody}
await server.close();`,
  };
  for (const [name, code] of Object.entries(drivers))
    writeFileSync(path.join(dir, `driver-${name}.mjs`), code);

  type Way = keyof typeof drivers;
  const results: Record<Way, { firstEmailMs: number[]; perEmailUs: number[] }> = {
    hook: { firstEmailMs: [], perEmailUs: [] },
    precompiled: { firstEmailMs: [], perEmailUs: [] },
    vite: { firstEmailMs: [], perEmailUs: [] },
  };
  const outbox: Record<'hook' | 'precompiled', number[]> = { hook: [], precompiled: [] };
  const digests: Record<string, string> = {};
  const env = {
    PATH: process.env['PATH'] ?? '',
    HOME: process.env['HOME'] ?? '/tmp',
    SUPABASE_URL: 'http://127.0.0.1:9',
    SUPABASE_ANON_KEY: 'eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoiYW5vbiJ9.c2lnbmF0dXJl',
    SUPABASE_SERVICE_ROLE_KEY: 'eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoic2VydmljZV9yb2xlIn0.c2lnbmF0dXJl',
  };

  for (let r = 0; r < rounds; r++) {
    const ways: Way[] = ['hook', 'precompiled', 'vite'];
    if (r % 2 === 1) ways.reverse();
    for (const way of ways) {
      const output = execFileSync(process.execPath, [`driver-${way}.mjs`], {
        cwd: dir,
        env,
        encoding: 'utf8',
        maxBuffer: 1 << 26,
      });
      const run = JSON.parse(output) as {
        firstEmailMs: number;
        perEmailMs: number;
        samples: unknown;
      };
      results[way].firstEmailMs.push(round(run.firstEmailMs));
      results[way].perEmailUs.push(round(run.perEmailMs * 1000));
      digests[way] = createHash('sha256').update(JSON.stringify(run.samples)).digest('hex');
      log(
        `round ${r + 1} ${way}: first e-mail at ${round(run.firstEmailMs)} ms, ${round(run.perEmailMs * 1000)} µs per e-mail`,
      );
    }
    for (const way of r % 2 === 0
      ? (['hook', 'precompiled'] as const)
      : (['precompiled', 'hook'] as const)) {
      const script =
        way === 'hook' ? 'src/cli/outbox-send.ts' : 'src/cli/outbox-send-precompiled.ts';
      const start = performance.now();
      const result = spawnSync(process.execPath, [script], { cwd: dir, env, encoding: 'utf8' });
      const ms = round(performance.now() - start);
      if (!result.stderr.includes('outbox: could not send'))
        throw new Error(`${script} did not reach the database:\n${result.stderr}`);
      outbox[way].push(ms);
      log(`round ${r + 1} outbox:send (${way}): ${ms} ms to its first database call`);
    }
  }

  const summary = Object.fromEntries(
    Object.entries(results).map(([way, x]) => [
      way,
      {
        firstEmailMs: median(x.firstEmailMs),
        firstEmailSpread: [Math.min(...x.firstEmailMs), Math.max(...x.firstEmailMs)],
        perEmailUs: median(x.perEmailUs),
        perEmailSpread: [Math.min(...x.perEmailUs), Math.max(...x.perEmailUs)],
        ...(way in outbox
          ? {
              outboxSendStartMs: median(outbox[way as 'hook']),
              outboxSendSpread: [
                Math.min(...outbox[way as 'hook']),
                Math.max(...outbox[way as 'hook']),
              ],
            }
          : {}),
      },
    ]),
  );
  // Each round ran the ways back to back: the ratio to the hook within a round cancels most drift.
  const paired = (list: number[], base: number[]) => {
    const ratios = list.map((x, i) => x / (base[i] ?? NaN));
    return {
      median: round(median(ratios), 3),
      spread: [round(Math.min(...ratios), 3), round(Math.max(...ratios), 3)],
    };
  };
  const overHook = {
    firstEmail: {
      precompiled: paired(results.precompiled.firstEmailMs, results.hook.firstEmailMs),
      vite: paired(results.vite.firstEmailMs, results.hook.firstEmailMs),
    },
    outboxSendStart: { precompiled: paired(outbox.precompiled, outbox.hook) },
  };
  const identical = new Set(Object.values(digests)).size === 1;
  mkdirSync(path.dirname(resultsFile), { recursive: true });
  writeFileSync(
    resultsFile,
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        command: 'node tests/bench/email-render.ts',
        machine: { cpus: os.cpus().length, loadavg: os.loadavg().map((l) => round(l, 2)) },
        settings: { rounds, rendersPerRun: renders },
        samplesIdenticalAcrossWays: identical,
        sampleDigests: digests,
        summary,
        ratioToHookPaired: overHook,
        runs: { ...results, outboxSendStartMs: outbox },
      },
      null,
      2,
    )}\n`,
  );
  log(`summary: ${JSON.stringify({ summary, ratioToHookPaired: overHook }, null, 2)}`);
  log(`the four sample e-mails are ${identical ? '' : 'NOT '}byte-identical across the three ways`);
  log(`written to ${path.relative(projectRoot, resultsFile)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
