/**
 * The application forms' referee fields (as many as the profile's refereesWanted): asked with a
 * hint that close family cannot be a referee, checked in the browser and on the server with the
 * same messages, shown on the check-answers step, and stored as rows of public.referees.
 */
import { expect, test, type Page } from '@playwright/test';
import { withE2EDb } from '../../support/e2e.ts';
import {
  expectNoAxeViolations,
  fillQuickly,
  formPath,
  REFEREES_WANTED,
  validAnswers,
} from './helpers.ts';

const storedReferees = (email: unknown) =>
  withE2EDb(
    async (db) =>
      (
        await db.query<Record<string, unknown>>(
          `select r.position, r.full_name, r.relation, r.phone, r.email, r.status, a.referees_wanted
             from public.referees r join public.applications a on a.id = r.application_id
            where a.email = $1 order by r.position`,
          [email],
        )
      ).rows,
  );

const goToCheckStep = (page: Page) =>
  page.getByRole('button', { name: 'Gå videre til oppsummering' }).click();

test('the profile asks for two referees, and both forms ask for them', async ({ page }) => {
  expect(REFEREES_WANTED).toBe(2);
  for (const kind of ['besokshjem', 'tilsynsperson'] as const) {
    await page.goto(formPath(kind));
    const section = page.getByRole('region', { name: 'Referanser' });
    await expect(section).toContainText('Det kan ikke være nær familie');
    await expect(section).toContainText(
      'Vi kontakter ikke referansene før etter den første samtalen',
    );
    for (const n of [1, 2]) {
      await expect(section.getByLabel(`Fullt navn til referanse ${n}`)).toBeVisible();
      await expect(section.getByLabel(`Hvordan kjenner referanse ${n} deg?`)).toBeVisible();
      await expect(section.getByLabel(`Telefonnummeret til referanse ${n}`)).toBeVisible();
      await expect(section.getByLabel(`E-postadressen til referanse ${n}`)).toBeVisible();
    }
    await expect(
      section.getByLabel('Hvordan kjenner referanse 1 deg?'),
    ).toHaveAccessibleDescription(/Ikke nær familie/);
  }
});

test('with JavaScript: missing and wrong referees are named in the summary, shown on the check step, and stored', async ({
  page,
}) => {
  test.slow();
  const answers = validAnswers('tilsynsperson');
  await page.goto(formPath('tilsynsperson'));
  await fillQuickly(page, 'tilsynsperson', {
    ...answers,
    referee1FullName: '',
    referee2Email: String(answers['email']).toUpperCase(),
  });
  await goToCheckStep(page);
  const summary = page.locator('.ds-error-summary');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('Skriv inn fullt navn til referanse 1');
  await expect(summary).toContainText(
    'Skriv inn e-postadressen til referanse 2. Det kan ikke være din egen e-postadresse',
  );
  await expectNoAxeViolations(page);

  await page.getByLabel('Fullt navn til referanse 1').fill(String(answers['referee1FullName']));
  await page.getByLabel('E-postadressen til referanse 2').fill(String(answers['referee2Email']));
  await goToCheckStep(page);
  const check = page.locator('.check-answers');
  await expect(check).toContainText(String(answers['referee1FullName']));
  await expect(check).toContainText(String(answers['referee2Email']));
  await page.getByRole('button', { name: 'Send søknaden' }).click();
  await page.waitForURL(/\/soknad\/kvittering\/\?ref=TP-/);
  expect(await storedReferees(answers['email'])).toEqual([
    {
      position: 1,
      full_name: answers['referee1FullName'],
      relation: answers['referee1Relation'],
      phone: '41234561',
      email: answers['referee1Email'],
      status: 'not_asked',
      referees_wanted: 2,
    },
    {
      position: 2,
      full_name: answers['referee2FullName'],
      relation: answers['referee2Relation'],
      phone: '41234562',
      email: answers['referee2Email'],
      status: 'not_asked',
      referees_wanted: 2,
    },
  ]);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the server names a missing referee’s phone, keeps what was typed, then stores both', async ({
    page,
  }) => {
    const answers = validAnswers('besokshjem');
    await page.goto(formPath('besokshjem'));
    await fillQuickly(page, 'besokshjem', { ...answers, referee2Phone: '' });
    await page.getByRole('button', { name: 'Send søknaden' }).click();
    await expect(page.locator('.ds-error-summary')).toBeFocused();
    await expect(page.locator('.ds-error-summary')).toContainText(
      'Skriv inn telefonnummeret til referanse 2',
    );
    await expect(page.getByLabel('Fullt navn til referanse 2')).toHaveValue(
      String(answers['referee2FullName']),
    );
    expect(await storedReferees(answers['email'])).toEqual([]);
    await page.getByLabel('Telefonnummeret til referanse 2').fill('412 34 562');
    await page.getByRole('button', { name: 'Send søknaden' }).click();
    await page.waitForURL(/\/soknad\/kvittering\/\?ref=BH-/);
    expect((await storedReferees(answers['email'])).map((r) => r['phone'])).toEqual([
      '41234561',
      '41234562',
    ]);
  });
});
