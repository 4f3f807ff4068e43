/**
 * Delivery end to end below the browser: applications submitted as the site does, the real
 * `npm run outbox:send` command (src/cli/outbox-send.ts) as the sender, and a loopback server
 * speaking Resend's HTTP API (the SDK honours RESEND_BASE_URL) recording every request.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { projectRoot } from '../../supabase/local/stack.ts';
import { startResendMock, type ResendMock } from '../support/resend-mock.ts';
import { sql, stack, storeApplication, withDb } from '../support/db.ts';
import { TOGETHER } from '../../src/lib/forms/household.ts';
import { applicationPayload, type Payload } from '../support/payloads.ts';

const coordinatorsInbox = 'postmottak@steinkjer.kommune.no'; // content/profile/kommune.yaml
const from = 'Barnevernstjenesten <ikke-svar@test.invalid>';

let mock: ResendMock;

beforeAll(async () => {
  // The sender's EMAIL_TIMEOUT_MS (below) leaves a loaded machine room for an answer that comes
  // at once; the mock's late answers ('timeout') come well after it.
  mock = await startResendMock({ timeoutDelayMs: 10_000 });
});
afterAll(() => mock?.close());
beforeEach(async () => {
  // Each test sees only its own messages: settle what other tests left in the shared stack.
  await withDb((db) =>
    db.query(
      `update public.outbox_messages set status = 'sent', sent_at = now(), locked_until = null
        where status <> 'sent'`,
    ),
  );
  mock.respond = () => 'ok';
  mock.latencyMs = 0;
  mock.requests.length = 0;
  mock.delivered.length = 0;
});

/** Runs `npm run outbox:send`'s script once against the test stack and the loopback Resend. */
function runSender(): Promise<{ code: number; output: string }> {
  const { url, anonKey, serviceRoleKey } = stack();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['src/cli/outbox-send.ts'], {
      cwd: projectRoot,
      env: {
        PATH: process.env['PATH'] ?? '',
        HOME: process.env['HOME'] ?? '',
        SUPABASE_URL: url,
        SUPABASE_ANON_KEY: anonKey,
        SUPABASE_SERVICE_ROLE_KEY: serviceRoleKey,
        RESEND_API_KEY: 're_test_loopback',
        RESEND_BASE_URL: mock.url,
        EMAIL_FROM: from,
        EMAIL_REPLY_TO: 'svar@test.invalid',
        EMAIL_TIMEOUT_MS: '5000',
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

const visitHome = (overrides: Payload = {}): Payload => applicationPayload('besokshjem', overrides);

const submit = (payload: Payload = visitHome()) => storeApplication(payload);

interface OutboxRow {
  template: string;
  status: string;
  attempts: number;
  last_error: string | null;
  idempotency_key: string;
  provider_id: string | null;
  due: boolean;
}

const outboxOf = (reference: string) =>
  withDb(
    async (db) =>
      (
        await db.query<OutboxRow>(
          `select m.template, m.status, m.attempts, m.last_error, m.idempotency_key, m.provider_id,
                  m.next_attempt_at <= now() as due
             from public.outbox_messages m join public.applications a on a.id = m.application_id
            where a.reference = $1 order by m.template`,
          [reference],
        )
      ).rows,
  );

/** Lets time pass for the given applications' messages: their next try is due now. */
const makeDue = (references: string[]) =>
  withDb((db) =>
    db.query(
      `update public.outbox_messages m set next_attempt_at = now()
         from public.applications a
        where a.id = m.application_id and a.reference = any ($1) and m.status = 'pending'`,
      [references],
    ),
  );

const deliveredFor = (reference: string) =>
  mock.delivered.filter((d) => d.payload.subject.includes(reference));

describe('a submission', () => {
  it('sends exactly one receipt to the applicant and one notice to the coordinators', async () => {
    const payload = visitHome();
    const reference = await submit(payload);
    const run = await runSender();
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain('outbox: 2 sent, 0 to retry, 0 failed');

    expect(mock.requests).toHaveLength(2);
    for (const request of mock.requests) {
      expect(request.authorization).toBe('Bearer re_test_loopback');
      expect(request.idempotencyKey).toMatch(
        /^fosterportal\/(receipt|coordinator_notice)\/[0-9a-f-]{36}$/,
      );
      expect(request.body?.from).toBe(from);
      expect(request.body?.reply_to).toBe('svar@test.invalid');
      expect(request.body?.html).toContain('<html lang="nb"');
      expect(request.body?.text).toContain(reference);
    }
    const receipts = mock.delivered.filter((d) => d.idempotencyKey.includes('/receipt/'));
    const notices = mock.delivered.filter((d) => d.idempotencyKey.includes('/coordinator_notice/'));
    expect(receipts.map((d) => d.payload.to)).toEqual([[payload['email']]]);
    expect(notices.map((d) => d.payload.to)).toEqual([[coordinatorsInbox]]);
    expect(receipts[0]?.payload.subject).toContain(reference);
    expect(notices[0]?.payload.subject).toContain(reference);
    expect(receipts[0]?.payload.html).toContain(reference);
    expect(notices[0]?.payload.html).toContain(reference);

    const rows = await outboxOf(reference);
    expect(rows.map((r) => [r.template, r.status, r.attempts])).toEqual([
      ['coordinator_notice', 'sent', 1],
      ['receipt', 'sent', 1],
    ]);
    expect(rows.map((r) => r.provider_id)).toEqual(
      expect.arrayContaining(mock.delivered.map((d) => d.id)),
    );

    // A second run finds nothing to send.
    const again = await runSender();
    expect(again.output).toContain('outbox: 0 sent');
    expect(mock.requests).toHaveLength(2);
  });
});

describe('when Resend fails', () => {
  for (const failure of [500, 429, 'timeout'] as const) {
    it(`answering ${failure}: the application is kept and the messages go out later, once`, async () => {
      mock.respond = () => failure;
      const reference = await submit();
      // Storing does not wait for e-mail: the reference comes back before anything is sent.
      expect(mock.requests).toHaveLength(0);

      const first = await runSender();
      expect(first.code, first.output).toBe(0);
      expect(first.output).toContain('0 sent, 2 to retry');
      let rows = await outboxOf(reference);
      expect(rows.every((r) => r.status === 'pending' && r.attempts === 1 && !r.due)).toBe(true);
      expect(rows[0]?.last_error).toBe(
        failure === 'timeout'
          ? 'resend: no answer (network or timeout)'
          : `resend: ${failure} ${failure === 429 ? 'rate_limit_exceeded' : 'internal_server_error'}`,
      );
      expect(
        await withDb(
          async (db) =>
            (await db.query('select 1 from public.applications where reference = $1', [reference]))
              .rowCount,
        ),
      ).toBe(1);

      // Not due yet: a run right away sends nothing more.
      mock.respond = () => 'ok';
      const early = await runSender();
      expect(early.output).toContain('outbox: 0 sent');

      await makeDue([reference]);
      const later = await runSender();
      expect(later.output).toContain('outbox: 2 sent, 0 to retry, 0 failed');
      rows = await outboxOf(reference);
      expect(rows.map((r) => [r.status, r.attempts])).toEqual([
        ['sent', 2],
        ['sent', 2],
      ]);
      // Delivered exactly once per message, though each was requested twice with the same key.
      const delivered = deliveredFor(reference);
      expect(delivered).toHaveLength(2);
      for (const row of rows) {
        const tries = mock.requests.filter((r) => r.idempotencyKey === row.idempotency_key);
        expect(tries).toHaveLength(2);
        expect(delivered.filter((d) => d.idempotencyKey === row.idempotency_key)).toHaveLength(1);
      }
    });
  }

  it('gives up after the last try and marks the message failed for the coordinators', async () => {
    mock.respond = () => 500;
    const reference = await submit();
    await withDb((db) =>
      db.query(
        `update public.outbox_messages m set attempts = 9 from public.applications a
          where a.id = m.application_id and a.reference = $1`,
        [reference],
      ),
    );
    const run = await runSender();
    expect(run.output).toContain('0 sent, 0 to retry, 2 failed');
    const rows = await outboxOf(reference);
    expect(rows.map((r) => [r.status, r.attempts, r.last_error])).toEqual([
      ['failed', 10, 'resend: 500 internal_server_error'],
      ['failed', 10, 'resend: 500 internal_server_error'],
    ]);
    expect((await runSender()).output).toContain('outbox: 0 sent');
  });
});

describe('two senders at once', () => {
  it('send each of 100 pending messages exactly once', async () => {
    const references = await Promise.all(Array.from({ length: 50 }, () => submit()));
    const pending = await withDb(async (db) =>
      (
        await db.query<{ idempotency_key: string }>(
          `select idempotency_key from public.outbox_messages where status = 'pending'`,
        )
      ).rows.map((r) => r.idempotency_key),
    );
    expect(pending).toHaveLength(100);
    // Latency per request keeps both senders busy at the same time: 100 messages take one sender
    // 10 s, longer than the other takes to start on a loaded machine.
    mock.latencyMs = 100;
    const [a, b] = await Promise.all([runSender(), runSender()]);
    expect(a.code, a.output).toBe(0);
    expect(b.code, b.output).toBe(0);
    const sentBy = (output: string) => Number(/outbox: (\d+) sent/.exec(output)?.[1] ?? NaN);
    expect(sentBy(a.output) + sentBy(b.output)).toBe(100);
    // Both really took part.
    expect(sentBy(a.output)).toBeGreaterThan(0);
    expect(sentBy(b.output)).toBeGreaterThan(0);

    const keys = mock.requests.map((r) => r.idempotencyKey);
    expect(keys).toHaveLength(100);
    expect(new Set(keys)).toEqual(new Set(pending));
    expect(mock.delivered).toHaveLength(100);
    for (const reference of references) expect(deliveredFor(reference)).toHaveLength(2);
    const states = await withDb(
      async (db) =>
        (
          await db.query<{ status: string; attempts: number; n: number }>(
            `select status, attempts, count(*)::int as n from public.outbox_messages
              where idempotency_key = any ($1) group by 1, 2`,
            [pending],
          )
        ).rows,
    );
    expect(states).toEqual([{ status: 'sent', attempts: 1, n: 100 }]);
  });
});

describe('privacy', () => {
  it('no answer the applicant gave appears in any subject or body', async () => {
    const answers = {
      full_name: 'Zyxwvu Særnavnsen',
      phone: '98765432',
      street_address: 'Hemmeligveien 4242',
      postcode: '9917',
      postal_place: 'Kirkenesfjordbyen',
      motivation: 'UNIK-MOTIVASJON-qwerty: jeg har en særlig grunn som ingen skal lese på e-post.',
    };
    const reference = await submit(
      visitHome({
        ...answers,
        applying_with: TOGETHER,
        partner_name: 'Qwmnbv Partnersen',
        partner_phone: '97531864',
        partner_email: 'qwmnbv.partner@example.no',
        adults: 7,
        others_informed: 'ja',
        children: 9,
        children_ages: '13; 17',
        spare_bed: true,
        weekends_per_month: 2,
        also_available: ['hverdager'],
        siblings: 'ja',
        suited_ages: ['0-5'],
      }),
    );
    const supervisor = await submit(
      applicationPayload('tilsynsperson', {
        ...answers,
        experience_kinds: ['annet'],
        experience_years: 37,
        availability: ['helg'],
        children_capacity: 4,
        languages: 'SPRÅK-UNIK somali og samisk',
      }),
    );
    // The co-applicant's own e-mail (their link, with their and the applicant's names) is not an
    // answer's way out; the link e-mails' own test is in tests/db/household-links.test.ts.
    await sql(
      `delete from public.outbox_messages where template = 'co_applicant_request'
         and application_id = (select id from public.applications where reference = $1)`,
      [reference],
    );
    const run = await runSender();
    expect(run.output).toContain('outbox: 4 sent');
    expect(deliveredFor(reference)).toHaveLength(2);
    expect(deliveredFor(supervisor)).toHaveLength(2);

    const secrets = [
      'Zyxwvu',
      'Særnavnsen',
      '98765432',
      '987 65 432',
      'Hemmeligveien',
      '4242',
      '9917',
      'Kirkenesfjordbyen',
      'UNIK-MOTIVASJON',
      'qwerty',
      'særlig grunn',
      '13; 17',
      'SPRÅK-UNIK',
      'somali',
      'Qwmnbv',
      'Partnersen',
      '97531864',
      '975 31 864',
      'qwmnbv.partner',
    ];
    for (const email of mock.delivered) {
      const { subject, html = '', text = '' } = email.payload;
      for (const part of [subject, html, text]) {
        for (const secret of secrets)
          expect(part.toLowerCase()).not.toContain(secret.toLowerCase());
      }
    }
    // Nothing else in any request either, apart from the applicant's own address in `to`.
    for (const request of mock.requests) {
      for (const secret of secrets)
        expect(request.rawBody.toLowerCase()).not.toContain(secret.toLowerCase());
    }
  });
});
