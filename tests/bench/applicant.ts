/**
 * The bench's Min søknad measure (issue 25): /min-soknad/ for a signed-in applicant through the
 * running site with 100,000 applications, the session check included (every request carries the
 * session cookie, and the page is public.applicant_page's answer for it), sequential requests
 * timed until the whole body has arrived, and the page's first-load JavaScript (gzip). The
 * applications are the queue seed's (tests/support/queue-seed.ts); one open case gets an address of
 * its own, a sign-in token issued as the outbox sender would, and a session opened with it as the
 * site opens one.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { StackInfo } from '../../supabase/local/stack.ts';
import { queueSeedSql } from '../support/queue-seed.ts';

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

/** Seeds up to `rows` applications (unless there are that many); a session and its reference. */
async function arrange(
  stack: StackInfo,
  rows: number,
): Promise<{ session: string; reference: string }> {
  const db = new pg.Client({ connectionString: stack.dbUrl });
  await db.connect();
  try {
    const count = Number(
      (await db.query<{ n: string }>('select count(*) as n from public.applications')).rows[0]?.n,
    );
    if (count < rows) {
      await db.query(
        queueSeedSql({
          rows: rows - count,
          coordinatorId: randomUUID(),
          coordinatorEmail: `soker-${randomUUID().slice(0, 8)}@test.invalid`,
          coordinatorName: 'Søker Benk',
          marker: 'bench-applicant',
          referenceOffset: 9_200_000,
        }),
      );
      await db.query('vacuum analyze public.applications');
    }
    const row = (
      await db.query<{ id: string; reference: string }>(
        `select id, reference from public.applications where status = 'received' order by id limit 1`,
      )
    ).rows[0];
    if (!row) throw new Error('applicant bench: no open application');
    // The seed gives every application one address; an applicant has their own (the page shows
    // every application with the session's address, so the seed's would be all 100,000).
    await db.query('update public.applications set email = $2 where id = $1', [
      row.id,
      `soker.benk.${randomUUID().slice(0, 8)}@example.no`,
    ]);
    const token = (
      await db.query<{ token: string }>(
        `select private.issue_link_token($1, 'applicant', $1) as token`,
        [row.id],
      )
    ).rows[0]?.token;
    const opened = (
      await db.query<{ answer: { state: string; session?: string } }>(
        `select public.open_applicant_session($1, 'bench') as answer`,
        [token],
      )
    ).rows[0]?.answer;
    if (opened?.state !== 'open' || !opened.session)
      throw new Error(`applicant bench: the session did not open (${opened?.state})`);
    return { session: opened.session, reference: row.reference };
  } finally {
    await db.end();
  }
}

/** p95 over `requests` sequential requests (after 20 unmeasured) and the first-load JavaScript. */
export async function applicantBench(
  stack: StackInfo,
  siteUrl: string,
  jsBytes: (html: string) => number,
  log: (line: string) => void,
  rows = 100_000,
  requests = 300,
): Promise<Record<string, number>> {
  const { session, reference } = await arrange(stack, rows);
  const ms: number[] = [];
  let html = '';
  for (let i = 0; i < requests + 20; i++) {
    const start = performance.now();
    const response = await fetch(`${siteUrl}/min-soknad/`, {
      redirect: 'manual',
      headers: { cookie: `min_soknad=${session}` },
    });
    html = await response.text();
    // The page of this session's own application, not the sign-in form: the check ran.
    if (response.status !== 200 || !html.includes(reference))
      throw new Error(`applicant bench: /min-soknad/ answered ${response.status} without the case`);
    if (i >= 20) ms.push(performance.now() - start);
  }
  ms.sort((a, b) => a - b);
  const js = jsBytes(html);
  log(
    `   /min-soknad/ p50 ${round(percentile(ms, 50))} ms, p95 ${round(percentile(ms, 95))} ms, JS ${js} B`,
  );
  return {
    p95_ms: round(percentile(ms, 95)),
    js_gzip_bytes: js,
    p50_ms: round(percentile(ms, 50)),
    rows,
    requests,
  };
}
