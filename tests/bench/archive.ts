/**
 * The bench's archive measure: one case's archive copy (PDF/A) through the running site, p95 over
 * sequential requests, and the site's peak resident memory while a lead downloads the ZIP of
 * 1,000 ended cases (sampled from /proc every 50 ms while the body streams in), beside its memory
 * when idle (just started), after the PDF requests, and the kernel's high-water mark for the
 * process (VmHWM, which no sample can miss). The site is src/cli/serve.ts as production runs it,
 * so with the V8 flags it gives itself (recorded as read from /proc). The cases are the queue
 * seed's (tests/support/queue-seed.ts), its coordinator made a lead.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import type { StackInfo } from '../../supabase/local/stack.ts';
import { queueSeedSql } from '../support/queue-seed.ts';
import { startSite } from './project-copy.ts';
import { signInCookie } from './workspace.ts';

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

/** A process's resident memory in MB (VmRSS), or its peak so far (VmHWM). */
function memoryMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/** The V8 flags a process runs with, from its command line. */
function v8Flags(pid: number): string {
  const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  return args.filter((arg) => /^--(max-semi-space-size|heap-growing-percent)/.test(arg)).join(' ');
}

export async function archiveBench(
  stack: StackInfo,
  copy: string,
  log: (line: string) => void,
  pdfRequests = 100,
): Promise<Record<string, number | string>> {
  const marker = `bench-archive-${randomUUID().slice(0, 8)}`;
  const lead = { id: randomUUID(), email: `arkiv-${randomUUID().slice(0, 8)}@test.invalid` };
  const db = new pg.Client({ connectionString: stack.dbUrl });
  await db.connect();
  // 1,010 rows, one in a hundred open: 1,000 ended cases.
  await db.query(
    queueSeedSql({
      rows: 1010,
      coordinatorId: lead.id,
      coordinatorEmail: lead.email,
      coordinatorName: 'Arkiv Leder',
      marker,
      referenceOffset: 7_000_000,
    }),
  );
  await db.query(`update public.coordinators set role = 'lead' where user_id = $1`, [lead.id]);
  const ended = Number(
    (
      await db.query<{ n: string }>(
        `select count(*) as n from public.applications
          where privacy_version = $1 and status in ('approved', 'declined', 'withdrawn')`,
        [marker],
      )
    ).rows[0]?.n,
  );
  const reference = (
    await db.query<{ reference: string }>(
      `select reference from public.applications where privacy_version = $1 and status = 'approved' limit 1`,
      [marker],
    )
  ).rows[0]?.reference;
  await db.end();

  const site = await startSite(copy, {
    SUPABASE_URL: stack.url,
    SUPABASE_ANON_KEY: stack.anonKey,
    SUPABASE_SERVICE_ROLE_KEY: stack.serviceRoleKey,
  });
  try {
    const pid = site.child.pid ?? 0;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const idle = memoryMb(pid, 'VmRSS');
    const cookie = await signInCookie(stack, site.url, lead.email);
    const ms: number[] = [];
    for (let i = 0; i < pdfRequests + 10; i++) {
      const start = performance.now();
      const response = await fetch(`${site.url}/koordinator/sak/${reference}/arkiv.pdf`, {
        headers: { cookie },
        redirect: 'manual',
      });
      const body = await response.arrayBuffer();
      if (response.status !== 200 || body.byteLength === 0)
        throw new Error(`archive bench: the PDF answered ${response.status}`);
      if (i >= 10) ms.push(performance.now() - start);
    }
    ms.sort((a, b) => a - b);
    log(
      `   one case's PDF: p50 ${round(percentile(ms, 50))} ms, p95 ${round(percentile(ms, 95))} ms`,
    );

    const before = memoryMb(pid, 'VmRSS');
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, memoryMb(pid, 'VmRSS'))), 50);
    const started = performance.now();
    const response = await fetch(`${site.url}/koordinator/arkiv/arkivkopier.zip`, {
      headers: { cookie },
      redirect: 'manual',
    });
    if (response.status !== 200 || !response.body)
      throw new Error(`archive bench: the ZIP answered ${response.status}`);
    let bytes = 0;
    for await (const chunk of response.body) bytes += (chunk as Uint8Array).byteLength;
    clearInterval(sampler);
    peak = Math.max(peak, memoryMb(pid, 'VmRSS'));
    const seconds = (performance.now() - started) / 1000;
    const highWater = memoryMb(pid, 'VmHWM');
    const flags = v8Flags(pid);
    log(
      `   ZIP of ${ended} ended cases: ${round(bytes / 1024 ** 2)} MB in ${round(seconds)} s; site RSS ${round(idle)} MB idle, ${round(before)} MB after the PDFs, peak ${round(peak)} MB (high-water mark ${round(highWater)} MB; V8 flags: ${flags || 'none'})`,
    );
    return {
      pdf_p50_ms: round(percentile(ms, 50)),
      pdf_p95_ms: round(percentile(ms, 95)),
      pdf_requests: pdfRequests,
      bulk_cases: ended,
      bulk_1000_peak_rss_mb: round(peak),
      bulk_rss_before_mb: round(before),
      site_idle_rss_mb: round(idle),
      site_rss_high_water_mb: round(highWater),
      site_v8_flags: flags,
      bulk_seconds: round(seconds),
      bulk_zip_mb: round(bytes / 1024 ** 2),
    };
  } finally {
    site.child.kill('SIGTERM');
  }
}
