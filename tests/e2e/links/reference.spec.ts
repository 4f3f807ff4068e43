/**
 * A referee's page, /referanse/<token>/: the municipality's questions answered or a "no" without
 * JavaScript and without any script loaded, bad input kept with an error summary, used, expired
 * and made-up links answered with a page that never says whose link it was, the headers that keep
 * the token to itself, and axe on every state.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { load } from 'js-yaml';
import { ReferenceQuestionsSchema } from '../../../src/schemas/reference-questions.ts';
import { projectRoot } from '../../../supabase/local/stack.ts';
import { expectNoAxeViolations } from '../../support/axe.ts';
import { withE2EDb } from '../../support/e2e.ts';
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

const { questions } = ReferenceQuestionsSchema.parse(
  load(readFileSync(path.join(projectRoot, 'content/referanse/sporsmal.yaml'), 'utf8')),
);
const required = questions.filter((q) => !q.optional);

const referee = (id: string) =>
  withE2EDb(
    async (db) =>
      (
        await db.query<{ status: string; answers: Record<string, string> | null }>(
          'select status, answers from public.referees where id = $1',
          [id],
        )
      ).rows[0],
  );

test('a referee answers the municipality’s questions: only the applicant’s name is shown, no script loads, the answers are stored once', async ({
  page,
}) => {
  const c = await newCase();
  const link = await refereeLink(c, 0);
  const token = link.split('/')[2] ?? '';
  const mark = siteLogMark();
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(r.url());
  });
  const response = await page.goto(link);
  expect(response?.status()).toBe(200);
  await expectPrivateHeaders(response?.headers() ?? {}, page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    `Referanse for ${c.applicantName}`,
  );
  const text = await visibleText(page);
  for (const secret of c.secrets) expect(text).not.toContain(secret);
  await expectNoAxeViolations(page);

  // Every question of the definition file, in order, with the applicant's name filled in.
  const boxes = page.locator('form.link-form textarea');
  await expect(boxes).toHaveCount(questions.length);
  for (const [i, question] of questions.entries()) {
    const label = `${i + 1}. ${question.label.replaceAll('{navn}', c.applicantName)}`;
    await page.getByLabel(label).fill(`Svar ${i + 1}: ${'ord '.repeat(5)}`);
  }
  await page.getByRole('button', { name: 'Send referansen' }).click();
  await expect(page).toHaveURL(/\/referanse\/takk\/\?svar=ja$/);
  await expect(page.getByText('Vi har fått referansen din')).toBeVisible();
  await expectNoAxeViolations(page);
  // The page has no script at all: it works the same without JavaScript (tested below).
  expect(scripts).toEqual([]);

  const stored = await referee(c.referees[0]?.id ?? '');
  expect(stored?.status).toBe('answered');
  expect(Object.keys(stored?.answers ?? {}).sort()).toEqual(questions.map((q) => q.id).sort());
  expect(stored?.answers?.[questions[0]?.id ?? '']).toBe('Svar 1: ord ord ord ord ord');

  const again = await page.goto(link);
  expect(again?.status()).toBe(410);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lenken er allerede brukt');
  expect(await visibleText(page)).not.toContain(c.applicantName);
  await expectNoAxeViolations(page);
  expect(siteLogSince(mark)).not.toContain(token);
});

test('a referee who does not want to answer declines, and nothing else is stored', async ({
  page,
}) => {
  const c = await newCase();
  await page.goto(await refereeLink(c, 1));
  await page.getByRole('button', { name: 'Jeg vil ikke gi en referanse' }).click();
  await expect(page).toHaveURL(/\/referanse\/takk\/\?svar=nei$/);
  expect(await referee(c.referees[1]?.id ?? '')).toEqual({ status: 'declined', answers: null });
  // The other referee's link is untouched by it.
  expect((await referee(c.referees[0]?.id ?? ''))?.status).toBe('not_asked');
});

test('bad input is kept, with an error summary that takes focus, and nothing is stored', async ({
  page,
}) => {
  const c = await newCase();
  await page.goto(await refereeLink(c, 0));
  const first = page.locator('form.link-form textarea').first();
  await first.fill('Bare første svar');
  // Longer than the form's own limit, as a browser without maxlength would send it.
  await page.evaluate(() => {
    const boxes = document.querySelectorAll<HTMLTextAreaElement>('form.link-form textarea');
    const last = boxes[boxes.length - 1];
    last?.removeAttribute('maxlength');
    if (last) last.value = 'x'.repeat(1001);
  });
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST'),
    page.getByRole('button', { name: 'Send referansen' }).click(),
  ]);
  expect(response.status()).toBe(422);
  await page.waitForLoadState();
  const summary = page.locator('.ds-error-summary');
  await expect(summary).toBeFocused();
  for (const [i, question] of questions.entries()) {
    if (i === 0) continue;
    if (!question.optional)
      await expect(summary).toContainText(`Skriv et svar på spørsmål ${i + 1}`);
  }
  await expect(summary).toContainText('Svaret kan ha høyst 1000 tegn');
  await expect(first).toHaveValue('Bare første svar');
  await expectNoAxeViolations(page);
  expect((await referee(c.referees[0]?.id ?? ''))?.status).toBe('asked');
  expect(required.length).toBeGreaterThan(1);
});

test('an expired link, a made-up one and a co-applicant’s link answer with a page that names no one', async ({
  page,
}) => {
  const c = await newCase();
  const link = await refereeLink(c, 0);
  await expire('referees', 'id', c.referees[0]?.id ?? '');
  const expired = await page.goto(link);
  expect(expired?.status()).toBe(410);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lenken er utløpt');
  await expectPrivateHeaders(expired?.headers() ?? {}, page);
  expect(await visibleText(page)).not.toContain(c.applicantName);
  await expectNoAxeViolations(page);

  // A referee not asked (yet) has no open link either.
  const notAsked = await withE2EDb(async (db) => {
    const { rows } = await db.query<{ token: string }>(
      `select private.issue_link_token($1, 'referee', $2) as token`,
      [c.id, c.referees[1]?.id],
    );
    return `/referanse/${rows[0]?.token}/`;
  });
  expect((await page.goto(notAsked))?.status()).toBe(410);

  for (const madeUp of [
    `/referanse/${'b'.repeat(43)}/`,
    '/referanse/%3Cscript%3E/',
    (await coApplicantLink(c)).replace('/soknad/medsoker/', '/referanse/'),
  ]) {
    const response = await page.goto(madeUp);
    expect(response?.status(), madeUp).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lenken virker ikke');
    await expectPrivateHeaders(response?.headers() ?? {}, page);
    expect(await visibleText(page)).not.toContain(c.applicantName);
  }
  await expectNoAxeViolations(page);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a referee answers, after a missing answer came back with what was typed', async ({
    page,
  }) => {
    const c = await newCase();
    await page.goto(await refereeLink(c, 1));
    await expect(page.locator('script')).toHaveCount(0);
    const boxes = page.locator('form.link-form textarea');
    await boxes.first().fill('Nabo i seks år.');
    await page.getByRole('button', { name: 'Send referansen' }).click();
    await expect(page.locator('.ds-error-summary')).toBeFocused();
    await expect(boxes.first()).toHaveValue('Nabo i seks år.');
    for (const [i, question] of questions.entries())
      if (!question.optional) await boxes.nth(i).fill(`Svar ${i + 1}`);
    await page.getByRole('button', { name: 'Send referansen' }).click();
    await expect(page).toHaveURL(/\/referanse\/takk\/\?svar=ja$/);
    const stored = await referee(c.referees[1]?.id ?? '');
    expect(stored?.status).toBe('answered');
    // An optional question left empty is not stored as an answer.
    expect(Object.keys(stored?.answers ?? {}).sort()).toEqual(required.map((q) => q.id).sort());
  });
});
