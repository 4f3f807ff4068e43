/**
 * The co-applicant's page, /soknad/medsoker/<token>/: confirm and decline without JavaScript and
 * without any script loaded, bad input kept with an error summary, used, expired and made-up
 * links answered with a page that never says whose link it was, the headers that keep the token
 * to itself, and axe on every state.
 */
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from '../../support/axe.ts';
import { withE2EDb } from '../../support/e2e.ts';
import { todayTyped } from '../forms/helpers.ts';
import {
  coApplicantLink,
  expectPrivateHeaders,
  expire,
  newCase,
  refereeLink,
  siteLogMark,
  siteLogSince,
  visibleText,
} from './helpers.ts';

const part = (id: string) =>
  withE2EDb(
    async (db) =>
      (
        await db.query<Record<string, unknown>>(
          `select status, over_18, phone, call_time, certificate_status,
                  to_char(certificate_issued_on, 'YYYY-MM-DD') as certificate_issued_on,
                  privacy_version, answered_at is not null as answered
             from public.co_applicant_parts where application_id = $1`,
          [id],
        )
      ).rows[0],
  );

test('the co-applicant confirms: only the applicant’s name is shown, no script loads, the answer is stored once', async ({
  page,
}) => {
  const c = await newCase();
  const link = await coApplicantLink(c);
  const token = link.split('/')[3] ?? '';
  const mark = siteLogMark();
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(r.url());
  });
  const response = await page.goto(link);
  expect(response?.status()).toBe(200);
  await expectPrivateHeaders(response?.headers() ?? {}, page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    `Søker du sammen med ${c.applicantName}?`,
  );
  const text = await visibleText(page);
  for (const secret of c.secrets) expect(text).not.toContain(secret);
  expect(await page.content()).not.toMatch(/og:url/);
  await expectNoAxeViolations(page);

  await page.getByRole('group', { name: 'Er du 18 år eller eldre?' }).getByLabel('Ja').check();
  await page.getByLabel('Telefonnummer', { exact: true }).fill('+47 934 56 789');
  await page.getByLabel('Ettermiddag, kl. 12–16').check();
  await page.getByLabel('Ja, jeg har en slik politiattest').check();
  await page.getByLabel('Når ble politiattesten utstedt?').fill(todayTyped());
  await page.getByLabel(/Jeg har lest personvernerklæringen/).check();
  await page.getByRole('button', { name: 'Bekreft at vi søker sammen' }).click();

  await expect(page).toHaveURL(/\/soknad\/medsoker\/takk\/\?svar=ja$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Takk for svaret');
  await expect(page.getByText('Du har bekreftet at dere søker sammen')).toBeVisible();
  await expectNoAxeViolations(page);
  // The page has no script at all: it works the same without JavaScript (tested below).
  expect(scripts).toEqual([]);

  const stored = await part(c.id);
  expect(stored).toMatchObject({
    status: 'confirmed',
    over_18: true,
    phone: '93456789',
    call_time: 'ettermiddag',
    certificate_status: 'har',
    privacy_version: '2.4',
    answered: true,
  });
  expect(stored?.['certificate_issued_on']).toMatch(/^\d{4}-\d{2}-\d{2}$/);

  // The same link again: used, 410, and still nothing of whose link it was.
  const again = await page.goto(link);
  expect(again?.status()).toBe(410);
  await expectPrivateHeaders(again?.headers() ?? {}, page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lenken er allerede brukt');
  expect(await visibleText(page)).not.toContain(c.applicantName);
  await expect(
    page.locator('main').getByRole('link', { name: 'postmottak@steinkjer.kommune.no' }),
  ).toBeVisible();
  await expectNoAxeViolations(page);

  // The token reached no log line of the site.
  expect(siteLogSince(mark)).not.toContain(token);
});

test('the co-applicant says no: the part is declined with nothing else stored', async ({
  page,
}) => {
  const c = await newCase();
  await page.goto(await coApplicantLink(c));
  await page.getByRole('button', { name: 'Svar at jeg ikke søker sammen med søkeren' }).click();
  await expect(page).toHaveURL(/\/soknad\/medsoker\/takk\/\?svar=nei$/);
  await expect(page.getByText('Du har svart at du ikke søker sammen')).toBeVisible();
  expect(await part(c.id)).toEqual({
    status: 'declined',
    over_18: null,
    phone: null,
    call_time: null,
    certificate_status: null,
    certificate_issued_on: null,
    privacy_version: null,
    answered: true,
  });
});

test('bad input is kept, with an error summary that takes focus, and nothing is stored', async ({
  page,
}) => {
  const c = await newCase();
  const link = await coApplicantLink(c);
  await page.goto(link);
  await page.getByLabel('Telefonnummer', { exact: true }).fill('123');
  await page.getByLabel('Ja, jeg har en slik politiattest').check();
  await page.getByLabel('Når ble politiattesten utstedt?').fill('01.01.2020');
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST'),
    page.getByRole('button', { name: 'Bekreft at vi søker sammen' }).click(),
  ]);
  expect(response.status()).toBe(422);
  await page.waitForLoadState();
  const summary = page.locator('.ds-error-summary');
  await expect(summary).toBeFocused();
  for (const message of [
    'Velg om du er 18 år eller eldre',
    'Skriv inn et norsk telefonnummer med 8 siffer, for eksempel 912 34 567',
    'Velg når det passer best at vi ringer deg',
    'Politiattesten er eldre enn tre måneder',
    'Bekreft at du har lest personvernerklæringen',
  ])
    await expect(summary).toContainText(message);
  await expect(page.getByLabel('Telefonnummer', { exact: true })).toHaveValue('123');
  await expect(page.getByLabel('Når ble politiattesten utstedt?')).toHaveValue('01.01.2020');
  await expect(page.getByLabel('Ja, jeg har en slik politiattest')).toBeChecked();
  await expect(page.getByLabel('Telefonnummer', { exact: true })).toHaveAttribute(
    'aria-invalid',
    'true',
  );
  await expectNoAxeViolations(page);
  expect((await part(c.id))?.['status']).toBe('pending');
  // The first link in the summary leads to its field.
  await summary.getByRole('link').first().click();
  await expect(page.locator('#felt-over18-0')).toBeFocused();
});

test('an expired link, a made-up one and a referee’s link answer with a page that names no one', async ({
  page,
}) => {
  const c = await newCase();
  const link = await coApplicantLink(c);
  await expire('co_applicant_parts', 'application_id', c.id);
  const expired = await page.goto(link);
  expect(expired?.status()).toBe(410);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lenken er utløpt');
  await expectPrivateHeaders(expired?.headers() ?? {}, page);
  await expectNoAxeViolations(page);

  // Posting an answer to it stores nothing and says the same.
  const posted = await page.request.post(`${link}?_action=links.declineCoApplicant`, {
    form: { token: link.split('/')[3] ?? '' },
    headers: { origin: new URL(page.url()).origin },
    maxRedirects: 0,
  });
  expect(posted.status()).toBe(410);
  expect((await part(c.id))?.['status']).toBe('pending');

  for (const madeUp of [
    `/soknad/medsoker/${'A'.repeat(43)}/`,
    '/soknad/medsoker/kort/',
    await refereeLink(c),
  ].map((l) => l.replace('/referanse/', '/soknad/medsoker/'))) {
    const response = await page.goto(madeUp);
    expect(response?.status(), madeUp).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lenken virker ikke');
    await expectPrivateHeaders(response?.headers() ?? {}, page);
    const text = await visibleText(page);
    expect(text).not.toContain(c.applicantName);
    expect(text).toContain('postmottak@steinkjer.kommune.no');
  }
  await expectNoAxeViolations(page);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the co-applicant confirms, and a wrong answer comes back with what was typed', async ({
    page,
  }) => {
    const c = await newCase();
    await page.goto(await coApplicantLink(c));
    await expect(page.locator('script')).toHaveCount(0);
    await page.getByLabel('Telefonnummer', { exact: true }).fill('12');
    await page.getByRole('button', { name: 'Bekreft at vi søker sammen' }).click();
    await expect(page.locator('.ds-error-summary')).toBeFocused();
    await expect(page.getByLabel('Telefonnummer', { exact: true })).toHaveValue('12');

    await page.getByRole('group', { name: 'Er du 18 år eller eldre?' }).getByLabel('Ja').check();
    await page.getByLabel('Telefonnummer', { exact: true }).fill('934 56 789');
    await page.getByLabel('Formiddag, kl. 8–12').check();
    await page.getByLabel('Nei, jeg bestiller en når jeg får bekreftelsen fra dere').check();
    await page.getByLabel(/Jeg har lest personvernerklæringen/).check();
    await page.getByRole('button', { name: 'Bekreft at vi søker sammen' }).click();
    await expect(page).toHaveURL(/\/soknad\/medsoker\/takk\/\?svar=ja$/);
    expect(await part(c.id)).toMatchObject({
      status: 'confirmed',
      certificate_status: 'bestiller',
      certificate_issued_on: null,
    });
  });
});
