/**
 * `npm run bench`: measures the built site on a throwaway stack and writes
 * tests/bench/results/latest.json plus a table on stdout. Not part of `npm test`.
 *
 *   1. submissions through the Action endpoint at 1, 10 and 50 concurrent clients (autocannon),
 *      then rows stored versus answers acknowledged (no RESEND_API_KEY: the outbox sender writes
 *      each application's e-mails to the local mailbox in the background, as `npm start` does);
 *   1b. the 50-client load again with e-mail delivery on (loopback Resend API), and whether every
 *      e-mail went out;
 *   2. the same inserts straight to PostgREST at 50 clients, and the ratio;
 *   3. JavaScript per page (gzip bytes, as the browser loads it);
 *   4. Lighthouse for /, /besokshjem/ and /besokshjem/soknad/;
 *   5. build time of the shipped content and with 1,000 generated MDX pages (and 500, to show
 *      how the cost grows);
 *   6. the screening queue's p50 over 50 queries with 100,000 applications (rows read as the text
 *      Postgres sends), beside its execution time in Postgres and its time through PostgREST;
 *   7. the local stack with Auth: cold and warm start to ready, and the sign-in round trip (code
 *      request and verify) p50/p95 (tests/bench/auth.ts; runs first, on its own stacks);
 *   8. the archive copy: one case's PDF/A p95 and the site's peak memory while it streams the ZIP
 *      of 1,000 ended cases (tests/bench/archive.ts; before step 6 seeds its 100,000 cases);
 *   9. the lead's numbers, /koordinator/tall/ for three years, p95 with 100,000 applications
 *      received over three years (tests/bench/numbers.ts); 9b. the daily overview queued for 50
 *      coordinators with 100,000 applications more (tests/bench/overview.ts), as
 *      numbers.overview_seconds.
 *  10. the co-applicant's and the referee's link pages with 100,000 applications: server p95 and
 *      first-load JavaScript (tests/bench/links.ts; after step 6, on its applications).
 *  11. Min søknad (/min-soknad/) for a signed-in applicant with 100,000 applications, the session
 *      check included: server p95 and first-load JavaScript (tests/bench/applicant.ts).
 *
 * Everything runs in a temporary copy of the project (node_modules linked), so the working tree
 * and its dist/ are left alone. BENCH_SECONDS shortens the load runs (default 20).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { createClient } from '@supabase/supabase-js';
import autocannon from 'autocannon';
import { SignJWT } from 'jose';
import pg from 'pg';
import { forms, type RawAnswers } from '../../src/lib/forms/index.ts';
import { validate } from '../../src/lib/forms/schema-cache.ts';
import { toSubmission } from '../../src/lib/forms/submission.ts';
import { formatNorwegianDate, osloDate } from '../../src/lib/dates.ts';
import { projectRoot, type StackInfo } from '../../supabase/local/stack.ts';
import { copyProject, startSite } from './project-copy.ts';
import { startResendMock } from '../support/resend-mock.ts';
import { measureAuth } from './auth.ts';
import { beginAsCoordinator, queueSeedSql } from '../support/queue-seed.ts';
import { openSession } from '../support/sessions.ts';
import { startTestStack } from '../support/stack.ts';
import { workspaceBench } from './workspace.ts';
import { archiveBench } from './archive.ts';
import { numbersBench } from './numbers.ts';
import { overviewBench } from './overview.ts';
import { applicantBench } from './applicant.ts';
import { linksBench } from './links.ts';
import { visitHomeAnswers } from '../unit/forms/fixtures.ts';

const seconds = Number(process.env['BENCH_SECONDS'] ?? 20);
// BENCH_ONLY=submit: the submission runs (1) and the PostgREST baseline (2) only, with the ratio,
// for a quick look at the submission path; BENCH_ONLY=workspace: one build, the screening queue
// (6) and the workspace pages (7) only. Neither writes the results file.
const submitOnly = process.env['BENCH_ONLY'] === 'submit';
// BENCH_ONLY=archive: the archive copy (8) alone; its figures replace `archive` in latest.json.
const archiveOnly = process.env['BENCH_ONLY'] === 'archive';
const workspaceOnly = process.env['BENCH_ONLY'] === 'workspace';
// BENCH_ONLY=numbers: the lead's numbers (9) alone; its figures replace `numbers` in latest.json.
const numbersOnly = process.env['BENCH_ONLY'] === 'numbers';
// BENCH_ONLY=links: one build, the link pages (10) alone; its figures replace `links` in latest.json.
const linksOnly = process.env['BENCH_ONLY'] === 'links';
// BENCH_ONLY=overview: the daily overview (9b) alone; no build. Its figures go into `numbers`
// (overview_seconds, next to the numbers page's p95_ms) in latest.json.
const overviewOnly = process.env['BENCH_ONLY'] === 'overview';
// BENCH_ONLY=applicant: one build, Min søknad (11) alone; its figures replace `applicant_page`.
const applicantOnly = process.env['BENCH_ONLY'] === 'applicant';
const RATE_LIMIT = '100000000';
const resultsFile = path.join(projectRoot, 'tests/bench/results/latest.json');
const tool = (name: string) => path.join(projectRoot, 'node_modules/.bin', name);
const log = (line: string) => console.log(`[bench] ${line}`);

// --- helpers ----------------------------------------------------------------------------------

function run(command: string, args: string[], cwd: string, env = process.env): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${args.join(' ')} failed:\n${output}`)),
    );
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? 0;
}
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.html'))
    .map((f) => path.join(dir, f));
}

// --- valid, distinct applications --------------------------------------------------------------

// The unit tests' valid visit-home answers, with a certificate issued today so they stay valid.
const baseAnswers: RawAnswers = visitHomeAnswers({
  fullName: 'Ytelse Testesen',
  email: 'ytelse@example.no',
  certificateIssuedOn: formatNorwegianDate(osloDate(new Date())),
});

function formBody(answers: RawAnswers): string {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(answers))
    for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
  return body.toString();
}

const privacyVersion =
  /^version:\s*'?([\d.]+)'?/m.exec(
    readFileSync(path.join(projectRoot, 'content/pages/personvern.mdx'), 'utf8'),
  )?.[1] ?? '1.0';

// --- the temporary project --------------------------------------------------------------------

/** The best of two clean builds (no Astro cache), so a busy neighbour skews it less. */
async function timedBuild(dir: string): Promise<{ seconds: number; pages: number }> {
  let best = Infinity;
  for (let attempt = 0; attempt < 2; attempt++) {
    rmSync(path.join(dir, '.astro-cache'), { recursive: true, force: true });
    rmSync(path.join(dir, 'dist'), { recursive: true, force: true });
    const started = performance.now();
    await run(process.execPath, [tool('astro'), 'build'], dir);
    best = Math.min(best, (performance.now() - started) / 1000);
  }
  return { seconds: round(best, 2), pages: htmlFiles(path.join(dir, 'dist/client')).length };
}

function addGeneratedPages(dir: string, count: number): void {
  const folder = path.join(dir, 'content/pages/generated');
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  for (let i = 1; i <= count; i++) {
    writeFileSync(
      path.join(folder, `side-${i}.mdx`),
      `---
title: Generert side ${i}
description: En generert side for byggetesten, med overskrifter, avsnitt og en liste som en vanlig side.
lead: Denne siden er laget av ytelsestesten for å måle hvordan byggetiden vokser med antall sider.
updated: 2026-11-23
---

## Hva siden handler om

<ProfileValue field="municipality" /> lager mange sider. Side ${i} har vanlig innhold: avsnitt,
lister og lenker til [forsiden](/).

- første punkt på side ${i}
- andre punkt
- tredje punkt

## Mer informasjon

Ta kontakt med <ProfileValue field="unit" lowercase /> hvis du lurer på noe.
`,
    );
  }
  const route = path.join(dir, 'src/pages/generert/[id].astro');
  mkdirSync(path.dirname(route), { recursive: true });
  writeFileSync(
    route,
    `---
import { getCollection } from 'astro:content';
import PageEntry from '../../components/PageEntry.astro';

export async function getStaticPaths() {
  const pages = await getCollection('pages', (entry) => entry.id.startsWith('generated/'));
  return pages.map((entry) => ({ params: { id: entry.id.slice('generated/'.length) } }));
}
---

<PageEntry id={\`generated/\${Astro.params.id}\`} breadcrumbs={[{ href: '/', label: 'Forside' }]} />
`,
  );
}

// --- the site -----------------------------------------------------------------------------------

interface LoadResult {
  concurrency: number;
  seconds: number;
  requests: number;
  rps: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  non2xx: number;
  errors: number;
  acknowledged: number;
  ids: string[];
  acknowledgedIds: string[];
}

async function load(options: {
  url: string;
  connections: number;
  headers: Record<string, string>;
  body: (id: string) => string;
  acknowledged: (status: number, body: string) => boolean;
}): Promise<LoadResult> {
  const ids: string[] = [];
  const acknowledgedIds: string[] = [];
  const latencies: number[] = [];
  const instance = autocannon({
    url: options.url,
    connections: options.connections,
    duration: seconds,
    method: 'POST',
    headers: options.headers,
    requests: [
      {
        method: 'POST',
        setupRequest: (request, context) => {
          const id = randomUUID();
          ids.push(id);
          (context as { id?: string }).id = id;
          return { ...request, body: options.body(id) };
        },
        onResponse: (status, body, context) => {
          const id = (context as { id?: string }).id;
          if (id && options.acknowledged(status, body)) acknowledgedIds.push(id);
        },
      },
    ],
  });
  instance.on('response', (_client, _status, _bytes, responseTime: number) =>
    latencies.push(responseTime),
  );
  const result = await instance;
  latencies.sort((a, b) => a - b);
  return {
    concurrency: options.connections,
    seconds,
    requests: result.requests.total,
    rps: round(result.requests.total / seconds),
    p50_ms: round(percentile(latencies, 50)),
    p95_ms: round(percentile(latencies, 95)),
    p99_ms: round(percentile(latencies, 99)),
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    acknowledged: acknowledgedIds.length,
    ids,
    acknowledgedIds,
  };
}

// --- JavaScript per page ----------------------------------------------------------------------

/**
 * Gzip bytes of every script a page loads on first load: inline, src, island components, and
 * their static imports. What loads only when the visitor starts using the page is counted apart,
 * as `interaction`, with the static imports it brings that the first load did not already have:
 * islands that wake on first use (`client:firstuse`, the application form; with a saved draft it
 * wakes at once instead) and chunks reached only through a dynamic `import()` (the form's
 * validation and check step).
 */
function pageJs(
  html: string,
  clientDir: string,
): { bytes: number; files: string[]; interaction: { bytes: number; files: string[] } } {
  const seen = new Set<string>();
  const dynamic: string[] = [];
  let inlineBytes = 0;
  for (const inline of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g))
    if (inline[1]?.trim()) inlineBytes += gzipSync(inline[1]).length;
  /** Loads `queue` and its static imports (skipping what `seen` has); returns their gzip bytes. */
  const walk = (queue: string[]): number => {
    let bytes = 0;
    while (queue.length > 0) {
      const url = queue.shift() as string;
      if (seen.has(url)) continue;
      seen.add(url);
      const file = path.join(clientDir, url);
      if (!existsSync(file)) continue;
      const code = readFileSync(file);
      bytes += gzipSync(code).length;
      const text = code.toString();
      const resolve = (target: string) =>
        target.startsWith('/') ? target : path.posix.join(path.posix.dirname(url), target);
      // Static imports load with it (`import"./x.js"`, `from"./x.js"`).
      for (const m of text.matchAll(/(?:\bfrom|\bimport)\s*["']([^"']+\.js)["']/g))
        queue.push(resolve(m[1] ?? ''));
      // Dynamic imports (`import("./x.js")`, minified with backticks) load later, if at all.
      for (const m of text.matchAll(/\bimport\(\s*["'`]([^"'`]+\.js)["'`]\s*\)/g))
        dynamic.push(resolve(m[1] ?? ''));
    }
    return bytes;
  };
  const onLoad = [...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1] ?? '');
  const onUse: string[] = [];
  for (const [island] of html.matchAll(/<astro-island\b[^>]*>/g)) {
    const urls = [
      ...island.matchAll(/\b(?:component-url|renderer-url|before-hydration-url)="([^"]+)"/g),
    ].map((m) => m[1] ?? '');
    (/\bclient="firstuse"/.test(island) ? onUse : onLoad).push(...urls);
  }
  const bytes = inlineBytes + walk(onLoad.filter((u) => u.startsWith('/')));
  const files = [...seen];
  // The island first (its own dynamic imports join `dynamic` as it is walked), then the rest.
  const interactionBytes = walk(onUse.filter((u) => u.startsWith('/'))) + walk(dynamic);
  return {
    bytes,
    files,
    interaction: { bytes: interactionBytes, files: [...seen].filter((f) => !files.includes(f)) },
  };
}

// --- Lighthouse ---------------------------------------------------------------------------------

async function lighthouse(url: string, attempts = 3): Promise<Record<string, number>> {
  const out = path.join(os.tmpdir(), `fosterportal-lh-${randomUUID()}.json`);
  try {
    await run(
      process.execPath,
      [
        tool('lighthouse'),
        url,
        '--quiet',
        '--output=json',
        `--output-path=${out}`,
        '--only-categories=performance,accessibility,best-practices,seo',
        '--chrome-flags=--headless --no-sandbox --disable-gpu --disable-quic --disable-background-networking --disable-component-update --disable-sync',
      ],
      projectRoot,
      { ...process.env, CHROME_PATH: '/usr/bin/chromium' },
    );
    const report = JSON.parse(readFileSync(out, 'utf8')) as {
      categories: Record<string, { score: number | null }>;
      audits: Record<string, { numericValue?: number }>;
    };
    const scores: Record<string, number> = {};
    for (const [name, category] of Object.entries(report.categories))
      scores[name] = Math.round((category.score ?? 0) * 100);
    scores['lcp_ms'] = Math.round(report.audits['largest-contentful-paint']?.numericValue ?? 0);
    scores['tbt_ms'] = Math.round(report.audits['total-blocking-time']?.numericValue ?? 0);
    return scores;
  } catch (error) {
    // Lighthouse sometimes fails to record a trace on a busy machine (NO_NAVSTART, NO_FCP): that
    // is a failed measurement, not a score, so measure again (and say so).
    if (attempts <= 1 || !/Runtime error encountered/.test(String(error))) throw error;
    log(
      `   Lighthouse could not record ${url} (${/\(([A-Z_]+)\)/.exec(String(error))?.[1] ?? 'error'}); again`,
    );
    return lighthouse(url, attempts - 1);
  } finally {
    rmSync(out, { force: true });
  }
}

// --- screening queue ----------------------------------------------------------------------------

// Every value as the text Postgres sends. node-pg's default parsers turn each date and timestamp
// into a JS Date; a profile put that at about 3.6 ms of the 1,000-row queue, which is the client
// library's cost, not the view's. Coordinators' tools never see those objects: PostgREST sends
// the dates on as JSON strings.
const asText = (() => (value: string) => value) as unknown as typeof pg.types.getTypeParser;

async function screeningQueue(stack: StackInfo, rows: number): Promise<Record<string, number>> {
  const coordinator = '00000000-0000-4000-8000-00000000be01';
  const db = new pg.Client({ connectionString: stack.dbUrl, types: { getTypeParser: asText } });
  // The same query read into JS objects with Date values (node-pg's defaults), for comparison
  // with runs before 2026-11-23 18:08 UTC, whose p50 was measured this way.
  const parsingDb = new pg.Client({ connectionString: stack.dbUrl });
  await db.connect();
  await parsingDb.connect();
  try {
    // Only the seeded rows: the load runs' applications (all open) would swell the queue.
    await db.query('truncate public.applications cascade');
    const seedStarted = performance.now();
    // The same seed as tests/db/queue.test.ts: one in a hundred open.
    await db.query(
      queueSeedSql({
        rows,
        coordinatorId: coordinator,
        coordinatorEmail: 'bench@test.invalid',
        coordinatorName: 'Ytelse Benk',
        marker: 'bench',
        referenceOffset: 7340033,
      }),
    );
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    // Measure a settled database, as pgbench does by default: after the bulk load, autovacuum
    // may start on both tables within its minute, and a checkpoint may fall due, each taking one
    // of the two cores during some runs' queries and not others'.
    await db.query('vacuum public.applications, public.application_checklists');
    await db.query('checkpoint');
    const total = Number(
      (await db.query<{ n: string }>('select count(*) as n from public.applications')).rows[0]?.n,
    );

    /** The round trip of the whole queue on `client`: its time in ms and the number of rows. */
    const roundTrip = async (client: pg.Client): Promise<[number, number]> => {
      await beginAsCoordinator(client, coordinator);
      const started = performance.now();
      const result = await client.query('select * from public.screening_queue');
      const elapsed = performance.now() - started;
      await client.query('rollback');
      return [elapsed, result.rowCount ?? 0];
    };
    // The two clients take turns, so that a busy moment of the machine hits both alike.
    const times: number[] = [];
    const parsedTimes: number[] = [];
    let visible = 0;
    for (let i = 0; i < 55; i++) {
      const [elapsed, count] = await roundTrip(db);
      const [parsed] = await roundTrip(parsingDb);
      visible = count;
      if (i < 5) continue; // five warm-up queries
      times.push(elapsed);
      parsedTimes.push(parsed);
    }
    times.sort((a, b) => a - b);
    parsedTimes.sort((a, b) => a - b);

    // Beside the client round trip: the same query's execution time inside Postgres (EXPLAIN
    // ANALYZE without per-node timing), so the two can be told apart.
    const executions: number[] = [];
    for (let i = 0; i < 25; i++) {
      await beginAsCoordinator(db, coordinator);
      const plan = await db.query<{ 'QUERY PLAN': string }>(
        'explain (analyze, timing off) select * from public.screening_queue',
      );
      await db.query('rollback');
      const ms = /Execution Time: ([\d.]+) ms/.exec(
        plan.rows.map((r) => r['QUERY PLAN']).join('\n'),
      );
      if (i >= 5 && ms) executions.push(Number(ms[1]));
    }
    executions.sort((a, b) => a - b);

    // And what a coordinator's client gets through the gateway and PostgREST with supabase-js:
    // the whole queue, and the first page of 50 (the queue is sorted, so Postgres still reads
    // and sorts every open case; only less JSON is built and sent). No target; for the record.
    // With a live session, as Auth records one at sign-in: the policies require it.
    const sessionId = await openSession(db, coordinator);
    const token = await new SignJWT({
      role: 'authenticated',
      aud: 'authenticated',
      session_id: sessionId,
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(coordinator)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(stack.jwtSecret));
    const supabase = createClient(stack.url, stack.anonKey, {
      auth: { persistSession: false, autoRefreshToken: false },
      global: { headers: { Authorization: `Bearer ${token}` } },
    });
    const viaPostgrest = async (limit?: number): Promise<number[]> => {
      const timings: number[] = [];
      for (let i = 0; i < 55; i++) {
        const query = supabase.from('screening_queue').select('*');
        const started = performance.now();
        const { data, error } = await (limit ? query.limit(limit) : query);
        const elapsed = performance.now() - started;
        if (error || data?.length !== (limit ?? visible))
          throw new Error(
            `screening queue through PostgREST: ${error?.message ?? `${data?.length} rows`}`,
          );
        if (i >= 5) timings.push(elapsed);
      }
      return timings.sort((a, b) => a - b);
    };
    const postgrestWhole = await viaPostgrest();
    const postgrestPage = await viaPostgrest(50);

    return {
      rows: total,
      queue_rows: visible,
      queries: times.length,
      p50: round(percentile(times, 50), 2),
      p95: round(percentile(times, 95), 2),
      p50_with_js_dates: round(percentile(parsedTimes, 50), 2),
      sql_execution_p50: round(percentile(executions, 50), 2),
      postgrest_whole_queue_p50: round(percentile(postgrestWhole, 50), 2),
      postgrest_first_50_p50: round(percentile(postgrestPage, 50), 2),
      seed_seconds: round(seedSeconds, 1),
    };
  } finally {
    await db.end();
    await parsingDb.end();
  }
}

// --- 6 and 7: the queue and the workspace at 100,000 applications ----------------------------

/** The screening queue (6), then the workspace pages through the built site in `dir` (7). */
async function queueAndWorkspace(
  dir: string,
): Promise<{ queue: Record<string, number>; workspace: Record<string, number> }> {
  // 6. Screening queue at 100,000 applications.
  log('6. screening queue with 100,000 applications');
  const queue = await screeningQueue(stack, 100_000);
  log(
    `   p50 ${queue['p50']} ms over ${queue['queries']} queries (${queue['rows']} rows; ${queue['p50_with_js_dates']} ms with JS Date objects); execution in Postgres p50 ${queue['sql_execution_p50']} ms; through PostgREST ${queue['postgrest_whole_queue_p50']} ms (first 50: ${queue['postgrest_first_50_p50']} ms)`,
  );

  // 7. The coordinator workspace on the same 100,000 applications (1,000 open), through the site.
  log('7. coordinator workspace: queue and case page, signed in');
  const workspaceSite = await startSite(dir, {
    SUPABASE_URL: stack.url,
    SUPABASE_ANON_KEY: stack.anonKey,
    SUPABASE_SERVICE_ROLE_KEY: stack.serviceRoleKey,
  });
  let workspace: Record<string, number>;
  try {
    workspace = {
      rows: 100_000,
      ...(await workspaceBench(
        stack,
        workspaceSite.url,
        'bench@test.invalid',
        (html) => pageJs(html, path.join(dir, 'dist/client')).bytes,
      )),
    };
  } finally {
    workspaceSite.child.kill('SIGTERM');
  }
  log(
    `   queue p50 ${workspace['queue_p50_ms']} ms, p95 ${workspace['queue_p95_ms']} ms; case p50 ${workspace['case_p50_ms']} ms, p95 ${workspace['case_p95_ms']} ms; JS ${workspace['js_gzip_bytes']} B`,
  );
  return { queue, workspace };
}

// --- 9: the link pages at 100,000 applications --------------------------------------------

/** The co-applicant's and the referee's pages through the built site in `dir` (9). */
async function linkPages(dir: string): Promise<Record<string, number>> {
  log('10. link pages (co-applicant, referee) with 100,000 applications');
  const linkSite = await startSite(dir, {
    SUPABASE_URL: stack.url,
    SUPABASE_ANON_KEY: stack.anonKey,
    SUPABASE_SERVICE_ROLE_KEY: stack.serviceRoleKey,
  });
  try {
    return await linksBench(
      stack,
      linkSite.url,
      (html) => pageJs(html, path.join(dir, 'dist/client')).bytes,
      log,
    );
  } finally {
    linkSite.child.kill('SIGTERM');
  }
}

// --- 11: Min søknad at 100,000 applications -----------------------------------------------

/** /min-soknad/ for a signed-in applicant through the built site in `dir` (11). */
async function applicantPage(dir: string): Promise<Record<string, number>> {
  log('11. Min søknad (/min-soknad/, signed in) with 100,000 applications');
  const applicantSite = await startSite(dir, {
    SUPABASE_URL: stack.url,
    SUPABASE_ANON_KEY: stack.anonKey,
    SUPABASE_SERVICE_ROLE_KEY: stack.serviceRoleKey,
  });
  try {
    return await applicantBench(
      stack,
      applicantSite.url,
      (html) => pageJs(html, path.join(dir, 'dist/client')).bytes,
      log,
    );
  } finally {
    applicantSite.child.kill('SIGTERM');
  }
}

// --- main -------------------------------------------------------------------------------------

const startedAt = new Date();
// 7. Before anything else runs, so that the start times are not measured beside a load run.
const quick =
  submitOnly ||
  archiveOnly ||
  workspaceOnly ||
  numbersOnly ||
  linksOnly ||
  overviewOnly ||
  applicantOnly;
if (!quick) log('7. local stack with Auth: cold and warm start, sign-in round trip…');
const authFigures = quick ? undefined : await measureAuth(log);
if (authFigures)
  log(
    `   cold ${authFigures.cold_start_s} s, warm ${authFigures.warm_start_s} s, sign-in p50 ${authFigures.signin_p50_ms} ms, p95 ${authFigures.signin_p95_ms} ms`,
  );
const copy = copyProject('fosterportal-bench-');
const stack = await startTestStack();
let site: ChildProcess | undefined;
let cleaning = false;
async function cleanup(): Promise<void> {
  if (cleaning) return;
  cleaning = true;
  site?.kill('SIGTERM');
  await stack.stop().catch(() => undefined);
  rmSync(copy, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => void cleanup().finally(() => process.exit(130)));
try {
  log(`project copy in ${copy}; stack at ${stack.url}`);

  if (linksOnly) {
    log('building the shipped content once…');
    await run(process.execPath, [tool('astro'), 'build'], copy);
    const links = await linkPages(copy);
    const previous = existsSync(resultsFile)
      ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as Record<string, unknown>)
      : {};
    writeFileSync(resultsFile, `${JSON.stringify({ ...previous, links }, null, 2)}\n`);
    log(`links figures written to ${path.relative(projectRoot, resultsFile)}`);
    await cleanup();
    process.exit(0);
  }

  if (overviewOnly) {
    log('9b. the daily overview for 50 coordinators with 100,000 applications');
    const overview = await overviewBench(stack, log);
    log(`   ${overview['overview_seconds']} s (slowest of ${overview['overview_runs']})`);
    const previous = existsSync(resultsFile)
      ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as Record<string, unknown>)
      : {};
    const numbers = {
      ...(previous['numbers'] as Record<string, unknown> | undefined),
      ...overview,
    };
    writeFileSync(resultsFile, `${JSON.stringify({ ...previous, numbers }, null, 2)}\n`);
    log(`overview figures written to ${path.relative(projectRoot, resultsFile)}`);
    await cleanup();
    process.exit(0);
  }

  if (applicantOnly) {
    log('building the shipped content once…');
    await run(process.execPath, [tool('astro'), 'build'], copy);
    const figures = await applicantPage(copy);
    const previous = existsSync(resultsFile)
      ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as Record<string, unknown>)
      : {};
    writeFileSync(
      resultsFile,
      `${JSON.stringify({ ...previous, applicant_page: figures }, null, 2)}\n`,
    );
    log(`applicant_page figures written to ${path.relative(projectRoot, resultsFile)}`);
    await cleanup();
    process.exit(0);
  }

  if (workspaceOnly) {
    log('building the shipped content once…');
    await run(process.execPath, [tool('astro'), 'build'], copy);
    await queueAndWorkspace(copy);
    await cleanup();
    process.exit(0);
  }

  if (numbersOnly) {
    log('building the shipped content once…');
    await run(process.execPath, [tool('astro'), 'build'], copy);
    log("9. the lead's numbers with 100,000 applications over three years");
    const numbers = await numbersBench(stack, copy, log);
    log(`   p50 ${numbers['p50_ms']} ms, p95 ${numbers['p95_ms']} ms`);
    const previous = existsSync(resultsFile)
      ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as Record<string, unknown>)
      : {};
    // The overview's figures (BENCH_ONLY=overview) share `numbers`: keep them.
    const merged = { ...(previous['numbers'] as Record<string, unknown> | undefined), ...numbers };
    writeFileSync(resultsFile, `${JSON.stringify({ ...previous, numbers: merged }, null, 2)}\n`);
    log(`numbers figures written to ${path.relative(projectRoot, resultsFile)}`);
    await cleanup();
    process.exit(0);
  }

  log('5. building the shipped content…');
  const shipped = await timedBuild(copy);
  log(`   ${shipped.pages} pages in ${shipped.seconds} s`);

  if (archiveOnly) {
    log('8. archive copy: one PDF, and the ZIP of 1,000 ended cases');
    const archive = await archiveBench(stack, copy, log);
    const previous = existsSync(resultsFile)
      ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as Record<string, unknown>)
      : {};
    writeFileSync(resultsFile, `${JSON.stringify({ ...previous, archive }, null, 2)}\n`);
    log(`archive figures written to ${path.relative(projectRoot, resultsFile)}`);
    await cleanup();
    process.exit(0);
  }

  log(`starting the built site with SUBMIT_RATE_LIMIT=${RATE_LIMIT} (per IP per 10 minutes)`);
  const started = await startSite(copy, {
    SUPABASE_URL: stack.url,
    SUPABASE_ANON_KEY: stack.anonKey,
    SUPABASE_SERVICE_ROLE_KEY: stack.serviceRoleKey,
    SUBMIT_RATE_LIMIT: RATE_LIMIT,
  });
  site = started.child;
  const url = started.url;

  // 1. Submissions through the island's Action endpoint (form data in, JSON out, 200 when the
  // Action answered; acknowledged = the answer says "sent" with a reference).
  // trailingSlash: 'always' applies to the Actions' endpoints too.
  const actionUrl = `${url}/_actions/applications.submitVisitHome/`;
  const loads: LoadResult[] = [];
  for (const connections of [1, 10, 50]) {
    log(`1. ${connections} concurrent client(s), ${seconds} s → ${actionUrl}`);
    const result = await load({
      url: actionUrl,
      connections,
      headers: { origin: url, 'content-type': 'application/x-www-form-urlencoded' },
      body: (id) =>
        formBody({
          ...baseAnswers,
          email: `ytelse-${id.slice(0, 8)}@example.no`,
          submissionId: id,
        }),
      acknowledged: (status, body) => status === 200 && body.includes('"sent"'),
    });
    loads.push(result);
    log(
      `   ${result.rps} req/s, p50 ${result.p50_ms} ms, p95 ${result.p95_ms} ms, p99 ${result.p99_ms} ms, ${result.acknowledged} acknowledged`,
    );
  }
  await new Promise((r) => setTimeout(r, 1_000));
  const db = new pg.Client({ connectionString: stack.dbUrl });
  await db.connect();
  const allIds = loads.flatMap((l) => l.ids);
  const ackIds = loads.flatMap((l) => l.acknowledgedIds);
  const count = async (ids: string[]) =>
    Number(
      (
        await db.query<{ n: string }>(
          'select count(*) as n from public.applications where submission_id = any($1::uuid[])',
          [ids],
        )
      ).rows[0]?.n,
    );
  const storedAcknowledged = await count(ackIds);
  const storedAll = await count(allIds);
  const doubled = Number(
    (
      await db.query<{ n: string }>(
        'select count(*) - count(distinct submission_id) as n from public.applications',
      )
    ).rows[0]?.n,
  );

  // 2. The same inserts straight to PostgREST (through the gateway, as supabase-js calls it).
  const validated = validate(forms.besokshjem, { ...baseAnswers, submissionId: randomUUID() });
  if (!validated.ok) throw new Error(`bench answers are invalid: ${JSON.stringify(validated)}`);
  const submission = toSubmission('besokshjem', validated.data, privacyVersion);
  log(
    `2. PostgREST baseline, 50 concurrent clients, ${seconds} s → /rest/v1/rpc/submit_application`,
  );
  const baseline = await load({
    url: `${stack.url}/rest/v1/rpc/submit_application`,
    connections: 50,
    // The site's own key: only service_role may submit (anon gets 401).
    headers: {
      apikey: stack.serviceRoleKey,
      authorization: `Bearer ${stack.serviceRoleKey}`,
      'content-type': 'application/json',
    },
    body: (id) =>
      JSON.stringify({
        ...submission,
        submission_id: id,
        email: `rest-${id.slice(0, 8)}@example.no`,
      }),
    acknowledged: (status) => status === 200,
  });
  log(`   ${baseline.rps} req/s, p50 ${baseline.p50_ms} ms, p99 ${baseline.p99_ms} ms`);
  await db.end();
  if (!authFigures) {
    const fiftyRps = loads.at(-1)?.rps ?? 0;
    log(
      `PostgREST ÷ site at 50 clients: ${round(baseline.rps / Math.max(fiftyRps, 0.001), 2)} (load average ${os
        .loadavg()
        .map((n) => round(n, 2))
        .join(' ')})`,
    );
    await cleanup();
    process.exit(0);
  }

  // 3. JavaScript per page.
  log('3. JavaScript per page');
  const clientDir = path.join(copy, 'dist/client');
  const js: Record<string, number> = {};
  const jsFiles: Record<string, Record<string, number>> = {};
  const pagesToCheck = new Map<string, string>();
  for (const file of htmlFiles(clientDir)) {
    const rel = `/${path.relative(clientDir, file).split(path.sep).join('/')}`;
    const urlPath = rel.endsWith('/index.html') ? rel.slice(0, -'index.html'.length) : rel;
    pagesToCheck.set(urlPath, readFileSync(file, 'utf8'));
  }
  for (const p of ['/besokshjem/soknad/', '/tilsynsperson/soknad/'])
    pagesToCheck.set(p, await (await fetch(`${url}${p}`)).text());
  // What a page loads on its own, and what it loads later on the first interaction.
  const jsOnInteraction: Record<string, number> = {};
  const jsFilesOnInteraction: Record<string, Record<string, number>> = {};
  const gzipOf = (files: string[]) =>
    Object.fromEntries(
      files.map((f) => [f, gzipSync(readFileSync(path.join(clientDir, f))).length]),
    );
  for (const [p, html] of [...pagesToCheck].sort(([a], [b]) => a.localeCompare(b))) {
    const page = pageJs(html, clientDir);
    js[p] = page.bytes;
    jsOnInteraction[p] = page.interaction.bytes;
  }
  for (const p of ['/besokshjem/soknad/']) {
    const page = pageJs(pagesToCheck.get(p) ?? '', clientDir);
    jsFiles[p] = gzipOf(page.files);
    jsFilesOnInteraction[p] = gzipOf(page.interaction.files);
  }
  for (const p of ['/besokshjem/soknad/', '/tilsynsperson/soknad/'])
    log(`   ${p}: ${js[p]} B gzip on first load, ${jsOnInteraction[p]} B more on first use`);

  // 4. Lighthouse.
  const lighthouseScores: Record<string, Record<string, number>> = {};
  for (const p of ['/', '/besokshjem/', '/besokshjem/soknad/']) {
    log(`4. Lighthouse ${p}`);
    lighthouseScores[p] = await lighthouse(`${url}${p}`);
    log(`   ${JSON.stringify(lighthouseScores[p])}`);
  }
  site.kill('SIGTERM');
  site = undefined;

  // 1b. The 50-client load again with e-mail delivery on, as in production: the site has the
  // service-role key, so every stored application starts the outbox in the background (claim,
  // render both e-mails, send, complete), here to a loopback server speaking Resend's API. The
  // runs above measure the submission path alone (no service-role key: e-mails wait in the
  // outbox for `npm run outbox:send`). The earlier runs' waiting messages are removed first, so
  // this run sends only its own.
  log('1b. 50 concurrent clients with e-mail delivery on (loopback Resend API)');
  const resend = await startResendMock();
  const mailDb = new pg.Client({ connectionString: stack.dbUrl });
  await mailDb.connect();
  let withEmail: LoadResult;
  let emailDrain: { seconds: number; sent: number; waiting: number; failed: number };
  try {
    await mailDb.query('delete from public.outbox_messages');
    const mailing = await startSite(copy, {
      SUPABASE_URL: stack.url,
      SUPABASE_ANON_KEY: stack.anonKey,
      SUPABASE_SERVICE_ROLE_KEY: stack.serviceRoleKey,
      RESEND_API_KEY: 're_bench_loopback',
      RESEND_BASE_URL: resend.url,
      EMAIL_FROM: 'Barnevernstjenesten <ikke-svar@bench.invalid>',
      SUBMIT_RATE_LIMIT: RATE_LIMIT,
    });
    site = mailing.child;
    withEmail = await load({
      url: `${mailing.url}/_actions/applications.submitVisitHome/`,
      connections: 50,
      headers: { origin: mailing.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: (id) =>
        formBody({ ...baseAnswers, email: `epost-${id.slice(0, 8)}@example.no`, submissionId: id }),
      acknowledged: (status, body) => status === 200 && body.includes('"sent"'),
    });
    if (withEmail.acknowledged === 0) throw new Error('No submission succeeded with e-mail on.');
    // Then give the sender a minute more. It sends one message at a time (Resend allows a team a
    // few requests a second by default, so parallel sending would only collect 429s), so a burst
    // of 50 clients leaves a queue behind: what counts is that nothing is lost, doubled or failed.
    const drainStarted = performance.now();
    const outbox = async () =>
      (
        await mailDb.query<{ sent: number; waiting: number; failed: number }>(
          `select count(*) filter (where status = 'sent')::int as sent,
                  count(*) filter (where status in ('pending', 'sending'))::int as waiting,
                  count(*) filter (where status = 'failed')::int as failed
             from public.outbox_messages`,
        )
      ).rows[0] ?? { sent: 0, waiting: 0, failed: 0 };
    let counts = await outbox();
    while (counts.waiting > 0 && performance.now() - drainStarted < 60_000) {
      await new Promise((r) => setTimeout(r, 500));
      counts = await outbox();
    }
    emailDrain = { seconds: round((performance.now() - drainStarted) / 1000), ...counts };
    site.kill('SIGTERM');
    site = undefined;
  } finally {
    await mailDb.end();
    await resend.close();
  }
  log(
    `   ${withEmail.rps} req/s, p50 ${withEmail.p50_ms} ms, p99 ${withEmail.p99_ms} ms, ${withEmail.acknowledged} acknowledged; ` +
      `${resend.delivered.length} e-mails delivered by ${emailDrain.seconds} s after the load (outbox: ${emailDrain.sent} sent, ${emailDrain.waiting} waiting, ${emailDrain.failed} failed)`,
  );

  // 8. The archive copy, while the only ended cases are its own 1,000.
  log('8. archive copy: one PDF, and the ZIP of 1,000 ended cases');
  const archive = await archiveBench(stack, copy, log);

  const { queue, workspace } = await queueAndWorkspace(copy);
  const links = await linkPages(copy);
  const applicant_page = await applicantPage(copy);

  log("9. the lead's numbers with 100,000 applications over three years");
  const numbers = await numbersBench(stack, copy, log);
  log(`   p50 ${numbers['p50_ms']} ms, p95 ${numbers['p95_ms']} ms`);
  // 9b. On top of the numbers' 100,000: the overview's own 100,000 and 50 coordinators.
  log('9b. the daily overview for 50 coordinators with 100,000 applications');
  Object.assign(numbers, await overviewBench(stack, log));
  log(`   ${numbers['overview_seconds']} s (slowest of ${numbers['overview_runs']})`);

  // 5. Builds with generated pages.
  log('5. building with 500 generated MDX pages…');
  addGeneratedPages(copy, 500);
  const half = await timedBuild(copy);
  log(`   ${half.pages} pages in ${half.seconds} s`);
  log('5. building with 1,000 generated MDX pages…');
  addGeneratedPages(copy, 1000);
  const full = await timedBuild(copy);
  log(`   ${full.pages} pages in ${full.seconds} s`);
  const perPage500 = (half.seconds - shipped.seconds) / 500;
  const perPage1000 = (full.seconds - shipped.seconds) / 1000;

  const fifty = loads.find((l) => l.concurrency === 50) as LoadResult;
  const cpu = os.cpus()[0]?.model ?? 'unknown';
  const result = {
    measured_at: startedAt.toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpu,
      memory_gb: round(os.totalmem() / 1024 ** 3),
      os: `${os.type()} ${os.release()}`,
      node: process.version,
      load_average_at_start: os.loadavg().map((n) => round(n, 2)),
    },
    settings: { seconds_per_load_run: seconds, submit_rate_limit: Number(RATE_LIMIT) },
    submit: {
      endpoint: '/_actions/applications.submitVisitHome/',
      concurrency: 50,
      rps: fifty.rps,
      p50_ms: fifty.p50_ms,
      p95_ms: fifty.p95_ms,
      p99_ms: fifty.p99_ms,
      acknowledged: ackIds.length,
      stored: storedAcknowledged,
      stored_including_unanswered: storedAll,
      sent: allIds.length,
      duplicate_rows: doubled,
      postgrest_rps: baseline.rps,
      postgrest_p50_ms: baseline.p50_ms,
      postgrest_p99_ms: baseline.p99_ms,
      ratio: round(baseline.rps / Math.max(fifty.rps, 0.001), 2),
      runs: loads.map(({ ids: _ids, acknowledgedIds: _ack, ...rest }) => rest),
      with_email_delivery: {
        rps: withEmail.rps,
        p50_ms: withEmail.p50_ms,
        p95_ms: withEmail.p95_ms,
        p99_ms: withEmail.p99_ms,
        acknowledged: withEmail.acknowledged,
        emails_recorded: emailDrain.sent + emailDrain.waiting + emailDrain.failed,
        emails_delivered: resend.delivered.length,
        outbox_after: emailDrain,
      },
    },
    // First load: what the page loads before anyone touches it.
    js_gzip_bytes: js,
    js_files_gzip_bytes: jsFiles,
    // Loaded later, on the first interaction (dynamic imports not already loaded).
    js_gzip_bytes_on_interaction: jsOnInteraction,
    js_files_gzip_bytes_on_interaction: jsFilesOnInteraction,
    lighthouse: lighthouseScores,
    build: {
      shipped_pages: shipped.pages,
      shipped_seconds: shipped.seconds,
      generated_pages: 1000,
      generated_seconds: full.seconds,
      generated_total_pages: full.pages,
      generated_500_seconds: half.seconds,
      seconds_per_generated_page_at_500: round(perPage500, 4),
      seconds_per_generated_page_at_1000: round(perPage1000, 4),
    },
    screening_queue_ms: queue,
    workspace,
    archive,
    numbers,
    links,
    applicant_page,
    auth: authFigures,
  };
  mkdirSync(path.dirname(resultsFile), { recursive: true });
  writeFileSync(resultsFile, `${JSON.stringify(result, null, 2)}\n`);

  const rows: [string, string, string][] = [
    ...loads.map(
      (l) =>
        [
          `submit, ${l.concurrency} client(s)`,
          `${l.rps} req/s · p50 ${l.p50_ms} · p95 ${l.p95_ms} · p99 ${l.p99_ms} ms`,
          '',
        ] as [string, string, string],
    ),
    [
      'acknowledged vs stored',
      `${ackIds.length} vs ${storedAcknowledged} (duplicates ${doubled})`,
      ackIds.length === storedAcknowledged && doubled === 0 ? 'ok' : 'MISMATCH',
    ],
    [
      'submit, 50, e-mail delivery on',
      `${withEmail.rps} req/s · p50 ${withEmail.p50_ms} · p99 ${withEmail.p99_ms} ms · ${resend.delivered.length} e-mails sent, ${emailDrain.waiting} waiting`,
      resend.delivered.length === emailDrain.sent && emailDrain.failed === 0
        ? 'none lost, doubled or failed'
        : 'MISMATCH',
    ],
    [
      'PostgREST at 50 / site at 50',
      `${baseline.rps} / ${fifty.rps} req/s = ${result.submit.ratio}`,
      result.submit.ratio <= 1.5 ? 'ok (≤ 1.5)' : 'missed (> 1.5)',
    ],
    ...Object.entries(js).map(
      ([p, b]) =>
        [
          `JS ${p}`,
          jsOnInteraction[p]
            ? `${b} B gzip (${jsOnInteraction[p]} B more on first use)`
            : `${b} B gzip`,
          p.includes('/soknad/') && !p.includes('kvittering')
            ? b <= 20_480
              ? 'ok (≤ 20 KB)'
              : 'missed (> 20 KB)'
            : b === 0
              ? 'ok (0)'
              : p === '/informasjonsmoter/'
                ? 'inline script, by design'
                : 'not 0',
        ] as [string, string, string],
    ),
    ...Object.entries(lighthouseScores).map(
      ([p, s]) =>
        [
          `Lighthouse ${p}`,
          `perf ${s['performance']} · a11y ${s['accessibility']} · bp ${s['best-practices']} · seo ${s['seo']}`,
          ['performance', 'accessibility', 'best-practices', 'seo'].every((k) => s[k] === 100)
            ? 'ok'
            : 'below 100',
        ] as [string, string, string],
    ),
    ['build, shipped', `${shipped.pages} pages in ${shipped.seconds} s`, ''],
    ['build, +500 generated', `${half.pages} pages in ${half.seconds} s`, ''],
    [
      'build, +1,000 generated',
      `${full.pages} pages in ${full.seconds} s`,
      `${round(perPage500 * 1000, 1)} → ${round(perPage1000 * 1000, 1)} ms/page`,
    ],
    [
      'screening queue p50',
      `${queue['p50']} ms (${queue['rows']} rows; ${queue['sql_execution_p50']} ms in Postgres; ${queue['postgrest_whole_queue_p50']} ms through PostgREST, first 50 ${queue['postgrest_first_50_p50']} ms)`,
      (queue['p50'] ?? Infinity) < 20 ? 'ok (< 20 ms)' : 'missed',
    ],
    [
      'workspace queue / case p95',
      `${workspace['queue_p95_ms']} / ${workspace['case_p95_ms']} ms (p50 ${workspace['queue_p50_ms']} / ${workspace['case_p50_ms']} ms, signed in, ${workspace['rows']} rows)`,
      Math.max(workspace['queue_p95_ms'] ?? Infinity, workspace['case_p95_ms'] ?? Infinity) < 60
        ? 'ok (< 60 ms)'
        : 'missed',
    ],
    [
      'workspace JS (gzip)',
      `${workspace['js_gzip_bytes']} B`,
      workspace['js_gzip_bytes'] === 0 ? 'ok (0 B)' : 'see README',
    ],
    [
      'stack with Auth: cold / warm start',
      `${authFigures.cold_start_s} s / ${authFigures.warm_start_s} s (to PostgREST ready and Auth answering)`,
      authFigures.cold_start_s < 3 && authFigures.warm_start_s < 1
        ? 'ok (< 3 s / < 1 s)'
        : 'missed',
    ],
    [
      'sign-in round trip (code + verify)',
      `p50 ${authFigures.signin_p50_ms} ms · p95 ${authFigures.signin_p95_ms} ms (${authFigures.signins} sign-ins)`,
      '',
    ],
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  console.log(`\nResults (${os.cpus().length} × ${cpu}, Node ${process.version}):\n`);
  for (const [a, b, c] of rows) console.log(`  ${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c}`);
  console.log(`\nWritten to ${path.relative(projectRoot, resultsFile)}`);
} finally {
  await cleanup();
}
