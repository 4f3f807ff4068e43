/**
 * E-mail through the browser: a submission on the built site sends a receipt and a notice
 * through a loopback server speaking Resend's API (started by tests/support/e2e-server.ts), and a
 * Resend outage neither delays the receipt page nor loses a message.
 */
import { spawn } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';
import { projectRoot } from '../../../supabase/local/stack.ts';
import { e2eState, withE2EDb } from '../../support/e2e.ts';
import type { DeliveredEmail, RecordedRequest } from '../../support/resend-mock.ts';
import { fillQuickly, formPath, referencePattern, validAnswers } from '../forms/helpers.ts';

// These tests change how the loopback Resend answers: run them one at a time.
test.describe.configure({ mode: 'serial' });

interface EmailState {
  email: Record<string, string> & { RESEND_BASE_URL: string };
}
const state = () => e2eState() as ReturnType<typeof e2eState> & EmailState;
const resendUrl = () => state().email.RESEND_BASE_URL;

const setAnswer = (answer: 'ok' | 'timeout' | number) =>
  fetch(`${resendUrl()}/_test/answer`, { method: 'PUT', body: JSON.stringify({ answer }) });
const delivered = async (reference: string) =>
  ((await (await fetch(`${resendUrl()}/_test/delivered`)).json()) as DeliveredEmail[]).filter((d) =>
    d.payload.subject.includes(reference),
  );
const requests = async () =>
  (await (await fetch(`${resendUrl()}/_test/requests`)).json()) as RecordedRequest[];

test.afterEach(() => setAnswer('ok'));

async function submitVisitHome(page: Page, overrides: Record<string, string> = {}) {
  const answers = validAnswers('besokshjem', overrides);
  await page.goto(formPath('besokshjem'));
  await fillQuickly(page, 'besokshjem', answers);
  await page.getByRole('button', { name: 'Gå videre til oppsummering' }).click();
  await page.getByRole('button', { name: 'Send søknaden' }).click();
  await page.waitForURL(/\/soknad\/kvittering\/\?ref=/);
  await expect(page.locator('h1')).toContainText('Takk!');
  const reference = ((await page.locator('.code').textContent()) ?? '').trim();
  expect(reference).toMatch(referencePattern);
  return { answers, reference };
}

/** `npm run outbox:send` against the e2e stack and the loopback Resend. */
function runSender(siteUrl?: string): Promise<string> {
  const { url, anonKey, serviceRoleKey, email } = state();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['src/cli/outbox-send.ts'], {
      cwd: projectRoot,
      env: {
        PATH: process.env['PATH'] ?? '',
        SUPABASE_URL: url,
        SUPABASE_ANON_KEY: anonKey,
        SUPABASE_SERVICE_ROLE_KEY: serviceRoleKey,
        ...(siteUrl ? { SITE_URL: siteUrl } : {}),
        ...email,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', reject);
    child.on('exit', () => resolve(output));
  });
}

test('a submission sends one receipt to the applicant and one notice to the coordinators, with no answers in them', async ({
  page,
}) => {
  const { answers, reference } = await submitVisitHome(page, {
    motivation: 'E2E-MOTIVASJON-zqx jeg har en helt spesiell grunn',
    streetAddress: 'Hemmelige gate 77',
    postalPlace: 'Uniksted',
    phone: '987 65 431',
    childrenAges: '3, 17',
  });
  await expect.poll(async () => (await delivered(reference)).length, { timeout: 30_000 }).toBe(2);
  const emails = await delivered(reference);
  const receipt = emails.find((e) => e.idempotencyKey.includes('/receipt/'));
  const notice = emails.find((e) => e.idempotencyKey.includes('/coordinator_notice/'));
  expect(receipt?.payload.to).toEqual([answers['email']]);
  expect(notice?.payload.to).toEqual(['postmottak@steinkjer.kommune.no']);
  expect(receipt?.payload.text).toContain(reference);
  expect(notice?.payload.text).toContain(reference);

  const secrets = [
    'E2E-MOTIVASJON',
    'spesiell grunn',
    'Hemmelige gate',
    'Uniksted',
    '98765431',
    '987 65 431',
    'Kari Nordmann',
  ];
  for (const email of emails) {
    const { subject, html = '', text = '' } = email.payload;
    for (const secret of secrets) expect(`${subject}\n${html}\n${text}`).not.toContain(secret);
  }
  // Sent once each, and the application's outbox says so.
  const keys = (await requests()).map((r) => r.idempotencyKey);
  for (const email of emails)
    expect(keys.filter((k) => k === email.idempotencyKey)).toHaveLength(1);
  await expect
    .poll(() =>
      withE2EDb(async (db) =>
        (
          await db.query<{ status: string }>(
            `select m.status from public.outbox_messages m join public.applications a on a.id = m.application_id
              where a.reference = $1`,
            [reference],
          )
        ).rows.map((r) => r.status),
      ),
    )
    .toEqual(['sent', 'sent']);
});

for (const failure of [500, 'timeout'] as const) {
  test(`with Resend answering ${failure}, the receipt page shows at once and the e-mails go out later, once`, async ({
    page,
  }) => {
    await setAnswer(failure);
    const { reference } = await submitVisitHome(page);
    const outbox = () =>
      withE2EDb(
        async (db) =>
          (
            await db.query<{ status: string; attempts: number }>(
              `select m.status, m.attempts from public.outbox_messages m
               join public.applications a on a.id = m.application_id where a.reference = $1`,
              [reference],
            )
          ).rows,
      );
    if (failure === 'timeout') {
      // The receipt page does not wait for Resend. The sender tries one message at a time and
      // gives up on each after EMAIL_TIMEOUT_MS (5 s here), so a page that waited would come
      // after both tries had ended; this one comes before. A check of order, not a stopwatch.
      expect((await outbox()).map((r) => `${r.status}/${r.attempts}`)).not.toEqual([
        'pending/1',
        'pending/1',
      ]);
    }
    await expect
      .poll(async () => (await outbox()).map((r) => `${r.status}/${r.attempts}`), {
        timeout: 30_000,
      })
      .toEqual(['pending/1', 'pending/1']);

    await setAnswer('ok');
    await withE2EDb((db) =>
      db.query(
        `update public.outbox_messages m set next_attempt_at = now() from public.applications a
          where a.id = m.application_id and a.reference = $1`,
        [reference],
      ),
    );
    const output = await runSender();
    expect(output).toMatch(/outbox: \d+ sent/);
    expect((await outbox()).map((r) => r.status)).toEqual(['sent', 'sent']);
    expect(await delivered(reference)).toHaveLength(2);
  });
}

test('two who apply together: the co-applicant gets one e-mail with names only and a link that opens their page; a referee’s request goes out through the sender', async ({
  page,
}) => {
  const partnerEmail = `medsoker-${Date.now().toString(36)}@example.no`;
  const { answers, reference } = await submitVisitHome(page, {
    fullName: 'Kari Lenkesøker',
    applyingWith: 'sammen',
    partnerName: 'Ola Lenkemedsøker',
    partnerPhone: '987 65 432',
    partnerEmail,
    motivation: 'E2E-MOTIVASJON-lenke hemmelig',
    streetAddress: 'Lenkegata 5',
  });
  const to = async (address: string) =>
    ((await (await fetch(`${resendUrl()}/_test/delivered`)).json()) as DeliveredEmail[]).filter(
      (d) => d.payload.to.includes(address),
    );
  await expect.poll(async () => (await to(partnerEmail)).length, { timeout: 30_000 }).toBe(1);
  const [email] = await to(partnerEmail);
  const { subject, html = '', text = '' } = email?.payload ?? { subject: '' };
  expect(subject).toBe('Bekreft at du søker sammen med Kari Lenkesøker');
  expect(text).toContain('Hei, Ola Lenkemedsøker.');
  for (const secret of [
    reference,
    'E2E-MOTIVASJON',
    'Lenkegata',
    '98765432',
    '987 65 432',
    String(answers['email']),
    String(answers['referee1FullName']),
  ])
    expect(`${subject}\n${html}\n${text}`).not.toContain(secret);
  const path = /\/soknad\/medsoker\/[A-Za-z0-9_-]{43}\//.exec(text)?.[0] ?? '';
  expect(html).toContain(path);
  await page.goto(path);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Søker du sammen med Kari Lenkesøker?',
  );

  // A coordinator's request to a referee (queued here as request_references queues it), sent by
  // `npm run outbox:send` with the site's address: its link opens the referee's page.
  const refereeEmail = String(answers['referee1Email']);
  await withE2EDb(async (db) => {
    const { rows } = await db.query<{ id: string; application_id: string }>(
      `update public.referees r set status = 'asked', requested_at = now(),
          expires_at = now() + interval '21 days'
        from public.applications a
        where a.id = r.application_id and a.reference = $1 and r.position = 1
        returning r.id, r.application_id`,
      [reference],
    );
    await db.query(
      `insert into public.outbox_messages (application_id, template, recipient, subject_id)
         values ($1, 'referee_request', 'referee', $2)`,
      [rows[0]?.application_id, rows[0]?.id],
    );
  });
  const output = await runSender(new URL(page.url()).origin);
  expect(output).toMatch(/outbox: \d+ sent/);
  const [request] = await to(refereeEmail);
  expect(request?.payload.subject).toBe('Vil du være referanse for Kari Lenkesøker?');
  const link = /https?:\/\/[^\s"]+\/referanse\/[A-Za-z0-9_-]{43}\//.exec(
    request?.payload.text ?? '',
  )?.[0];
  expect(link?.startsWith(new URL(page.url()).origin)).toBe(true);
  await page.goto(link ?? '');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Referanse for Kari Lenkesøker');
});
