/**
 * The bench's link pages measure (issue 24): the co-applicant's page (/soknad/medsoker/<token>/)
 * and the referee's page (/referanse/<token>/) through the running site with 100,000 applications,
 * sequential requests timed until the whole body has arrived, and each page's first-load
 * JavaScript (gzip). Opening a link does not use it up, so one token per page serves every request.
 * The applications are the queue seed's (tests/support/queue-seed.ts); one open case gets a
 * pending co-applicant part and an asked referee, arranged as the database owner, and a token for
 * each issued as the outbox sender would (private.issue_link_token).
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { StackInfo } from '../../supabase/local/stack.ts';
import { queueSeedSql } from '../support/queue-seed.ts';

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

/** Seeds up to `rows` applications (unless there are that many) and gives two open tokens. */
async function arrange(
  stack: StackInfo,
  rows: number,
): Promise<{ coApplicant: string; referee: string }> {
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
          coordinatorEmail: `lenker-${randomUUID().slice(0, 8)}@test.invalid`,
          coordinatorName: 'Lenke Benk',
          marker: 'bench-links',
          referenceOffset: 9_100_000,
        }),
      );
      await db.query('vacuum analyze public.applications');
    }
    const id = (
      await db.query<{ id: string }>(
        `select id from public.applications where status = 'received' order by id limit 1`,
      )
    ).rows[0]?.id;
    if (!id) throw new Error('links bench: no open application');
    await db.query(
      `insert into public.co_applicant_parts (application_id, status, requested_at, expires_at)
         values ($1, 'pending', now(), now() + interval '21 days')
         on conflict (application_id) do update set status = 'pending', requested_at = now(),
           expires_at = now() + interval '21 days', answered_at = null`,
      [id],
    );
    const referee = (
      await db.query<{ id: string }>(
        `insert into public.referees (application_id, position, full_name, relation, phone, email,
                                      status, requested_at, expires_at)
           values ($1, 5, 'Referanse Benk', 'Nabo', '40000000', 'referanse.benk@example.no',
                   'asked', now(), now() + interval '21 days')
           returning id`,
        [id],
      )
    ).rows[0]?.id;
    const token = async (purpose: string, subject: string) =>
      (
        await db.query<{ token: string }>('select private.issue_link_token($1, $2, $3) as token', [
          id,
          purpose,
          subject,
        ])
      ).rows[0]?.token ?? '';
    return {
      coApplicant: await token('co_applicant', id),
      referee: await token('referee', referee ?? ''),
    };
  } finally {
    await db.end();
  }
}

/**
 * p95 over `requests` sequential requests per page (after 20 unmeasured), the worse of the two
 * pages, and the larger first-load JavaScript of the two (`jsBytes`: the bench's pageJs).
 */
export async function linksBench(
  stack: StackInfo,
  siteUrl: string,
  jsBytes: (html: string) => number,
  log: (line: string) => void,
  rows = 100_000,
  requests = 300,
): Promise<Record<string, number>> {
  const tokens = await arrange(stack, rows);
  const timed = async (url: string, heading: string) => {
    const ms: number[] = [];
    let html = '';
    for (let i = 0; i < requests + 20; i++) {
      const start = performance.now();
      const response = await fetch(url, { redirect: 'manual' });
      html = await response.text();
      if (response.status !== 200 || !html.includes(heading))
        throw new Error(
          `links bench: ${url.replace(/[^/]{43}\/$/, '…/')} answered ${response.status}`,
        );
      if (i >= 20) ms.push(performance.now() - start);
    }
    ms.sort((a, b) => a - b);
    return { p50: percentile(ms, 50), p95: percentile(ms, 95), js: jsBytes(html) };
  };
  const coApplicant = await timed(
    `${siteUrl}/soknad/medsoker/${tokens.coApplicant}/`,
    'Søker du sammen med',
  );
  const referee = await timed(`${siteUrl}/referanse/${tokens.referee}/`, 'Ytelse Testesen');
  log(
    `   co-applicant page p50 ${round(coApplicant.p50)} ms, p95 ${round(coApplicant.p95)} ms, JS ${coApplicant.js} B; referee page p50 ${round(referee.p50)} ms, p95 ${round(referee.p95)} ms, JS ${referee.js} B`,
  );
  return {
    p95_ms: round(Math.max(coApplicant.p95, referee.p95)),
    first_load_js_gzip_bytes: Math.max(coApplicant.js, referee.js),
    co_applicant_p50_ms: round(coApplicant.p50),
    co_applicant_p95_ms: round(coApplicant.p95),
    referee_p50_ms: round(referee.p50),
    referee_p95_ms: round(referee.p95),
    rows,
    requests,
  };
}
