/**
 * Submissions to the built site under load, attack and outage, on a site and stack of this file's
 * own (tests/support/own-site.ts), shared by its tests in order: concurrent and repeated
 * submissions, the rate limit, 2,000 hostile payloads, Postgres stopped mid-run, no personal data
 * in the logs, resends, and the certificate date judged by the database's day. The rate-limit and
 * clock tests start a second site.
 */
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import fc from 'fast-check';
import pg from 'pg';
import { SUBMIT_MESSAGES } from '../../../src/lib/forms/messages.ts';
import { validAnswers } from '../forms/helpers.ts';
import { formBody, hostilePayload } from './hostile-payloads.ts';
import { startOwnSite, type OwnSite } from '../../support/own-site.ts';

test.describe.configure({ mode: 'serial' });

let site: OwnSite;
const ACTION = '/besokshjem/soknad/?_action=applications.submitVisitHome';

test.beforeAll(async () => {
  // A stack and a site to start: as much room as a slow test (test.slow() is not for hooks).
  test.setTimeout(3 * test.info().timeout);
  site = await startOwnSite();
});
test.afterAll(async () => {
  await site?.stop();
});

/**
 * A plain form post, as the no-JavaScript form sends it (same origin, so Astro accepts it), to
 * this file's site unless another is given.
 */
async function post(
  body: BodyInit,
  contentType = 'application/x-www-form-urlencoded',
  to: { site: OwnSite; headers?: Record<string, string> } = { site },
): Promise<{ status: number; text: string; location: string | null }> {
  const { baseURL } = to.site;
  const response = await fetch(`${baseURL}${ACTION}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: baseURL, 'content-type': contentType, ...to.headers },
    body,
  });
  return {
    status: response.status,
    text: await response.text(),
    location: response.headers.get('location'),
  };
}

async function query<T extends pg.QueryResultRow>(
  sql: string,
  params: unknown[] = [],
  on: OwnSite = site,
) {
  const db = new pg.Client({ connectionString: on.stack.dbUrl });
  await db.connect();
  try {
    return (await db.query<T>(sql, params)).rows;
  } finally {
    await db.end();
  }
}

const countFor = async (ids: string[]) =>
  Number(
    (
      await query<{ n: string }>(
        'select count(*) as n from public.applications where submission_id = any($1::uuid[])',
        [ids],
      )
    )[0]?.n,
  );

/** Runs `tasks` with at most `limit` at a time. */
async function pool<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array<T>(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < tasks.length) {
        const index = next++;
        results[index] = await (tasks[index] as () => Promise<T>)();
      }
    }),
  );
  return results;
}

test('200 concurrent submissions store exactly 200 rows', async () => {
  test.slow();
  const ids = Array.from({ length: 200 }, () => randomUUID());
  const answers = await Promise.all(
    ids.map((id) => post(formBody({ ...validAnswers('besokshjem'), submissionId: id }))),
  );
  expect(answers.map((a) => a.status)).toEqual(ids.map(() => 303));
  expect(await countFor(ids)).toBe(200);
});

test('the same submission sent 20 times at once stores one row, with one reference', async () => {
  const id = randomUUID();
  const body = formBody({ ...validAnswers('besokshjem'), submissionId: id }).toString();
  const answers = await Promise.all(Array.from({ length: 20 }, () => post(body)));
  expect(answers.map((a) => a.status)).toEqual(answers.map(() => 303));
  expect(new Set(answers.map((a) => a.location)).size).toBe(1);
  expect(await countFor([id])).toBe(1);
});

test('past the rate limit: 429 with a Norwegian message, answers kept, nothing stored; behind a proxy, counted per applicant', async () => {
  test.slow();
  // A site of its own behind one (pretend) reverse proxy: the limit is 2, and the proxy appends
  // the address it saw to X-Forwarded-For.
  const behindProxy = await startOwnSite({ SUBMIT_RATE_LIMIT: '2', TRUSTED_PROXY_HOPS: '1' });
  try {
    const from = async (forwardedFor: string, fullName: string) => {
      const id = randomUUID();
      const body = formBody({ ...validAnswers('besokshjem'), fullName, submissionId: id });
      const answer = await post(body, undefined, {
        site: behindProxy,
        headers: { 'x-forwarded-for': forwardedFor },
      });
      return { ...answer, id };
    };
    const allowed = [
      await from('203.0.113.7', 'Første Søker'),
      await from('203.0.113.7', 'Andre Søker'),
    ];
    expect(allowed.map((a) => a.status)).toEqual([303, 303]);

    // The third from the same applicant, who also puts a made-up address in front.
    const refused = await from('198.51.100.1, 203.0.113.7', 'Tredje Forsøksen');
    expect(refused.status).toBe(429);
    expect(refused.text).toContain(SUBMIT_MESSAGES.rateLimited);
    expect(refused.text).toContain('value="Tredje Forsøksen"');
    expect(refused.text).not.toMatch(/\n\s+at .+:\d+:\d+/);

    // Another applicant behind the same proxy is not held up by the first one's attempts.
    const other = await from('203.0.113.8', 'Annen Søker');
    expect(other.status).toBe(303);

    const stored = await query<{ submission_id: string }>(
      'select submission_id from public.applications where submission_id = any($1::uuid[])',
      [[...allowed, refused, other].map((a) => a.id)],
      behindProxy,
    );
    expect(stored.map((r) => r.submission_id).sort()).toEqual(
      [...allowed.map((a) => a.id), other.id].sort(),
    );
  } finally {
    await behindProxy.stop();
  }
});

test('2,000 random and hostile payloads: every one a 4xx with a message, none stored', async () => {
  // 2,000 posts, each answered with the form page and its errors: under a minute on a quiet
  // machine, 7.5 min at a load average of 25 on 2 cores. Twice that, and still an end.
  test.setTimeout(15 * 60_000);
  const before = Number(
    (await query<{ n: string }>('select count(*) as n from applications'))[0]?.n,
  );
  const payloads = fc.sample(hostilePayload, { numRuns: 2_000, seed: 7 });
  const answers = await pool(
    payloads.map((p) => async () => ({ payload: p, answer: await post(p.body, p.contentType) })),
    8,
  );
  const wrong = answers.filter(
    ({ answer }) =>
      answer.status < 400 ||
      answer.status >= 500 ||
      !/Feil i skjemaet|Skjemaet inneholdt felt|Vi fikk ikke sendt|Vi kunne ikke ta imot/.test(
        answer.text,
      ),
  );
  expect(
    wrong.slice(0, 3).map(({ payload, answer }) => ({
      status: answer.status,
      body: payload.body.slice(0, 300),
    })),
  ).toEqual([]);
  expect(answers.every(({ answer }) => !/\n\s+at .+:\d+:\d+/.test(answer.text))).toBe(true);
  const after = Number(
    (await query<{ n: string }>('select count(*) as n from applications'))[0]?.n,
  );
  expect(after).toBe(before);
  // Still healthy: a valid application goes through.
  const ok = await post(formBody({ ...validAnswers('besokshjem'), submissionId: randomUUID() }));
  expect(ok.status).toBe(303);
  expect(site.alive()).toBe(true);
});

// --- Postgres stopped mid-run ----------------------------------------------------------------

test('Postgres stopped mid-run: clear Norwegian 503s, nothing half-stored, resumes by itself', async () => {
  test.slow();
  const sent = new Map<string, { body: string; status: number[] }>();
  let phase: 'before' | 'down' | 'after' = 'before';
  let recoveredAt = 0;
  const stopAt = Date.now() + 1_500;
  const bad: string[] = [];

  const worker = async () => {
    while (!(phase === 'after' && recoveredAt > 0 && Date.now() > recoveredAt + 1_000)) {
      const id = randomUUID();
      const body = formBody({ ...validAnswers('besokshjem'), submissionId: id }).toString();
      const entry = { body, status: [] as number[] };
      sent.set(id, entry);
      const answer = await post(body);
      entry.status.push(answer.status);
      if (answer.status === 303) {
        if (phase === 'after' && !recoveredAt) recoveredAt = Date.now();
      } else if (answer.status !== 503 || !answer.text.includes(SUBMIT_MESSAGES.unavailable)) {
        bad.push(`${answer.status}: ${answer.text.slice(0, 200)}`);
      } else if (/\n\s+at .+:\d+:\d+/.test(answer.text)) {
        bad.push('a stack trace in the answer');
      }
      if (phase === 'down') await new Promise((r) => setTimeout(r, 50));
    }
  };
  const outage = (async () => {
    await new Promise((r) => setTimeout(r, stopAt - Date.now()));
    await site.stack.stopDatabase();
    phase = 'down';
    await new Promise((r) => setTimeout(r, 3_000));
    await site.stack.startDatabase();
    phase = 'after';
  })();
  const deadline = setTimeout(() => bad.push('did not resume within 45 s'), 45_000);
  await Promise.all([outage, ...Array.from({ length: 4 }, worker)]);
  clearTimeout(deadline);

  expect(bad).toEqual([]);
  const answered = [...sent.values()].flatMap((e) => e.status);
  expect(answered.filter((s) => s === 503).length, 'some posts met the outage').toBeGreaterThan(0);
  expect(recoveredAt).toBeGreaterThan(0);

  // Nothing lost, nothing doubled: every acknowledged application is stored once; one answered
  // 503 may have been stored just before the connection broke, and then a retry (the form keeps
  // the answers and the submission id) finds it and stores nothing new.
  const rows = await query<{ submission_id: string; n: string }>(
    'select submission_id, count(*) as n from applications where submission_id = any($1::uuid[]) group by 1',
    [[...sent.keys()]],
  );
  const stored = new Map(rows.map((r) => [r.submission_id, Number(r.n)]));
  expect([...stored.values()].every((n) => n === 1)).toBe(true);
  for (const [id, entry] of sent)
    if (entry.status.includes(303)) expect(stored.get(id), `acknowledged ${id}`).toBe(1);
  const unacknowledged = [...sent].filter(([, e]) => !e.status.includes(303));
  const retries = await pool(
    unacknowledged.map(
      ([, entry]) =>
        () =>
          post(entry.body),
    ),
    4,
  );
  expect(retries.map((r) => r.status)).toEqual(retries.map(() => 303));
  expect(await countFor(unacknowledged.map(([id]) => id))).toBe(unacknowledged.length);
});

test('no personal data in the server logs', async () => {
  // The site and its stack are shared by the file: what shows that this test's posts were logged
  // is read from here on; what must never be logged is looked for in everything.
  const since = site.mark();
  const answers = {
    ...validAnswers('besokshjem'),
    fullName: 'Loggvakt Personvernsen',
    email: `loggvakt-${randomUUID().slice(0, 8)}@example.no`,
    phone: '934 56 781',
    streetAddress: 'Hemmeligveien 99',
    submissionId: randomUUID(),
  };
  expect((await post(formBody(answers))).status).toBe(303);
  // An invalid post (refused by the schema) is logged too, if at all.
  expect(
    (await post(formBody({ ...answers, email: 'loggvakt@', submissionId: randomUUID() }))).status,
  ).toBe(422);
  // Posts the schema accepts and the database refuses: past the per-address limit (three a day).
  const limited = [];
  for (let i = 0; i < 3; i++)
    limited.push((await post(formBody({ ...answers, submissionId: randomUUID() }))).status);
  expect(limited).toEqual([303, 303, 429]);
  // The database's refusal of the last post is logged; once it is, so is all before it.
  await expect
    .poll(() => site.databaseLogs(since), { timeout: 15_000 })
    .toContain('too many applications for one e-mail address');
  await new Promise((r) => setTimeout(r, 500));
  expect(site.logs(since) + site.databaseLogs(since), 'the posts were logged').not.toBe('');
  const logs = site.logs() + site.databaseLogs();
  for (const value of [
    answers.fullName,
    'Loggvakt',
    'Personvernsen',
    answers.email,
    '93456781',
    '934 56 781',
    'Hemmeligveien',
  ])
    expect(logs, `the logs contain "${value}"`).not.toContain(value);
  // The earlier tests' applicant (validAnswers) and the outage's answers are not there either.
  expect(logs).not.toContain('Kari Nordmann');
  expect(logs).not.toContain('Storgata 1');
});

test('a name with a NUL, or of zero-width characters only: 422 with the message at the field, no row, nothing in the Postgres log', async () => {
  const since = site.mark();
  const marker = `Nulvakt${randomUUID().slice(0, 8)}`;
  const cases = [
    { fullName: `${marker} Navne\u0000sen`, message: 'Fjern tegn som ikke er bokstaver' },
    { fullName: '\u200b', message: 'Skriv inn fullt navn' },
    { fullName: '\u200c\u2060\ufeff\u00ad', message: 'Skriv inn fullt navn' },
  ];
  const ids: string[] = [];
  for (const { fullName, message } of cases) {
    const id = randomUUID();
    ids.push(id);
    const answers = {
      ...validAnswers('besokshjem'),
      fullName,
      streetAddress: `${marker}veien 7`,
      submissionId: id,
    };
    const answer = await post(formBody(answers));
    expect(answer.status, JSON.stringify(fullName)).toBe(422);
    expect(answer.text).toContain(message);
    // What was typed is kept, around the field that needs fixing.
    expect(answer.text).toContain(`${marker}veien 7`);
  }
  expect(await countFor(ids)).toBe(0);
  // Everything Postgres logged before this mark is in the log once the mark is.
  const mark = `logg-merke ${randomUUID()}`;
  await query(`do $$ begin raise log '${mark}'; end $$`);
  await expect.poll(() => site.databaseLogs(since), { timeout: 15_000 }).toContain(mark);
  expect(site.databaseLogs(since)).not.toContain(marker);
  expect(site.databaseLogs(since)).not.toContain('cannot be converted to text');
  expect(site.logs(since)).not.toContain(marker);
});

// --- Resends --------------------------------------------------------------------------------------

test('a failed post (JavaScript off) keeps its submission id, so resending stores one application', async () => {
  const id = randomUUID();
  const answers = { ...validAnswers('besokshjem'), phone: '123', submissionId: id };
  const failed = await post(formBody(answers));
  expect(failed.status).toBe(422);
  expect(failed.text).toMatch(new RegExp(`name="submissionId"[^>]*value="${id}"`));
  const fixed = formBody({ ...answers, phone: '91234567' }).toString();
  const first = await post(fixed);
  const again = await post(fixed);
  expect([first.status, again.status]).toEqual([303, 303]);
  expect(again.location).toBe(first.location);
  expect(await countFor([id])).toBe(1);
});

test('a resend of a stored submission the form would now refuse (after midnight) gets its receipt', async () => {
  const id = randomUUID();
  const answers = { ...validAnswers('besokshjem'), submissionId: id };
  const first = await post(formBody(answers));
  expect(first.status).toBe(303);
  // The next day the same answers carry a certificate one day too old for the schema.
  const tooOld = new Date();
  tooOld.setUTCMonth(tooOld.getUTCMonth() - 4);
  const day = tooOld.toISOString().slice(0, 10).split('-').reverse().join('.');
  const resend = await post(formBody({ ...answers, certificate: 'har', certificateIssuedOn: day }));
  expect(resend.status).toBe(303);
  expect(resend.location).toBe(first.location);
  expect(await countFor([id])).toBe(1);
});

test("the certificate date is judged by the database's day, also when the server's clock is ahead", async () => {
  test.slow();
  // The site's clock is two days ahead of the database's (drift, or midnight passed there first).
  const ahead = await startOwnSite({ SHIFT_CLOCK_DAYS: '2' });
  try {
    // The oldest issue date still valid today for the database: by the site's own clock it is
    // too old, so an Action judging by that clock would refuse a valid application.
    const [oldest] = await query<{ day: string }>(
      `select to_char(d, 'DD.MM.YYYY') as day
         from generate_series((now() at time zone 'Europe/Oslo')::date - interval '4 months',
                              (now() at time zone 'Europe/Oslo')::date, interval '1 day') as d
        where private.is_certificate_valid(d::date, (now() at time zone 'Europe/Oslo')::date)
        order by d limit 1`,
      [],
      ahead,
    );
    const id = randomUUID();
    const answers = {
      ...validAnswers('besokshjem'),
      certificate: 'har',
      certificateIssuedOn: oldest?.day ?? '',
      submissionId: id,
    };
    const answer = await post(formBody(answers), undefined, { site: ahead });
    expect(answer.status).toBe(303);
    const stored = await query<{ n: string }>(
      'select count(*) as n from public.applications where submission_id = $1',
      [id],
      ahead,
    );
    expect(Number(stored[0]?.n)).toBe(1);
  } finally {
    await ahead.stop();
  }
});
