import { expect, test, type Page } from '@playwright/test';
import { addMonths, formatNorwegianDate, osloDate } from '../../../src/lib/dates.ts';
import { TOGETHER } from '../../../src/lib/forms/household.ts';
import type { RawAnswers } from '../../../src/lib/forms/index.ts';
import type { ApplicationKind } from '../../../src/lib/reference.ts';
import { withE2EDb } from '../../support/e2e.ts';
import {
  expectNoAxeViolations,
  fillByKeyboard,
  fillQuickly,
  formPath,
  referencePattern,
  tabTo,
  validAnswers,
} from './helpers.ts';

const kinds: ApplicationKind[] = ['besokshjem', 'tilsynsperson'];

async function storedRows(email: unknown) {
  return withE2EDb(
    async (db) =>
      (
        await db.query<{ reference: string; kind: string; phone: string }>(
          'select reference, kind, phone from public.applications where email = $1',
          [email],
        )
      ).rows,
  );
}

async function goToCheckStep(page: Page) {
  await page.getByRole('button', { name: 'Gå videre til oppsummering' }).click();
  await expect(page.getByRole('heading', { name: 'Se over svarene før du sender' })).toBeFocused();
}

for (const kind of kinds) {
  test.describe(`the ${kind} application`, () => {
    test('can be filled in and sent with the keyboard only', async ({ page }) => {
      test.slow();
      const answers = validAnswers(kind);
      await page.goto(formPath(kind));
      // Until it is used, the form is the server's plain HTML form, which posts straight away.
      await expect(page.getByRole('button', { name: 'Send søknaden' })).toBeVisible();
      await expectNoAxeViolations(page);

      await fillByKeyboard(page, kind, answers);
      // Tabbing into it woke the form up: it now checks the answers before anything is sent.
      await expect(page.getByRole('button', { name: 'Gå videre til oppsummering' })).toBeVisible();
      await expectNoAxeViolations(page);
      await tabTo(page, 'form button[type=submit]');
      await page.keyboard.press('Enter');

      const heading = page.getByRole('heading', { name: 'Se over svarene før du sender' });
      await expect(heading).toBeFocused();
      await expect(page.locator('.check-answers')).toContainText(String(answers['fullName']));
      await expect(page.locator('.check-answers')).toContainText('Bekreftet');
      await expectNoAxeViolations(page);

      // "Endre" goes back to the field; the answers are still there.
      await tabTo(page, '.check-answers a[href="#felt-phone"]');
      await page.keyboard.press('Enter');
      await expect(page.locator('#felt-phone')).toBeFocused();
      await page.keyboard.press('End');
      await tabTo(page, 'form button[type=submit]');
      await page.keyboard.press('Enter');
      await expect(heading).toBeFocused();

      await tabTo(page, '.check-answers button');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/soknad\/kvittering\/\?ref=/);
      const reference = (await page.locator('.code').textContent()) ?? '';
      expect(reference).toMatch(referencePattern);
      expect(reference.startsWith(kind === 'besokshjem' ? 'BH-' : 'TP-')).toBe(true);
      await expect(page.locator('h1')).toContainText('Takk!');
      await expectNoAxeViolations(page);

      const rows = await storedRows(answers['email']);
      expect(rows).toEqual([{ reference, kind, phone: '91234567' }]);
      expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    });

    test('keeps the answers when the page is reloaded', async ({ page }) => {
      const answers = validAnswers(kind);
      await page.goto(formPath(kind));
      await fillQuickly(page, kind, answers);
      await page.reload();
      await expect(page.locator('#felt-fullName')).toHaveValue(String(answers['fullName']));
      await expect(page.locator('#felt-email')).toHaveValue(String(answers['email']));
      await expect(page.locator('#felt-motivation')).toHaveValue(String(answers['motivation']));
      await expect(page.locator('#felt-consent')).toBeChecked();
      await expect(page.locator('#felt-over18-0')).toBeChecked();
    });

    test('a double click stores one application', async ({ page }) => {
      const answers = validAnswers(kind);
      await page.goto(formPath(kind));
      await fillQuickly(page, kind, answers);
      await goToCheckStep(page);
      await page.getByRole('button', { name: 'Send søknaden' }).dblclick();
      await page.waitForURL(/\/soknad\/kvittering\/\?ref=/);
      expect(await storedRows(answers['email'])).toHaveLength(1);
    });
  });
}

const today = osloDate(new Date());
const dayBefore = (iso: string) => {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
};
const tomorrow = (() => {
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
})();

const brokenRules: [string, RawAnswers, string, string][] = [
  ['no name', { fullName: '' }, 'fullName', 'Skriv inn fullt navn'],
  ['an invalid e-mail', { email: 'kari@' }, 'email', 'Skriv inn en gyldig e-postadresse'],
  ['a short phone number', { phone: '912 34' }, 'phone', 'norsk telefonnummer med 8 siffer'],
  ['a foreign phone number', { phone: '+46 912 34 567' }, 'phone', 'norsk telefonnummer'],
  ['a three-digit postcode', { postcode: '701' }, 'postcode', 'postnummeret med 4 siffer'],
  ['under 18', { over18: 'nei' }, 'over18', 'Du må være 18 år eller eldre'],
  ['no motivation', { motivation: '' }, 'motivation', 'Skriv kort om hvorfor'],
  [
    'a certificate older than three months',
    { certificateIssuedOn: formatNorwegianDate(dayBefore(addMonths(today, -3))) },
    'certificateIssuedOn',
    'eldre enn tre måneder',
  ],
  [
    'a certificate issued tomorrow',
    { certificateIssuedOn: formatNorwegianDate(tomorrow) },
    'certificateIssuedOn',
    'fram i tid',
  ],
  [
    'a date that does not exist',
    { certificateIssuedOn: '31.02.2026' },
    'certificateIssuedOn',
    'dd.mm.åååå',
  ],
  ['no commitment', { commitmentMonths: '' }, 'commitmentMonths', 'Velg hvor lenge'],
  ['a requirement not confirmed', { confirmStable: '' }, 'confirmStable', 'stabil livssituasjon'],
  ['no consent', { consent: '' }, 'consent', 'har lest personvernerklæringen'],
  ['no time to call', { callTime: '' }, 'callTime', 'Velg når det passer best at vi ringer deg'],
  ['no answer to who applies', { applyingWith: '' }, 'applyingWith', 'Velg om du søker alene'],
  [
    "together, without the partner's phone",
    { applyingWith: TOGETHER, partnerName: 'Ola Nordmann', partnerEmail: 'ola@example.no' },
    'partnerPhone',
    'Skriv inn telefonnummeret til den du søker sammen med',
  ],
  [
    'together, with one adult in the home',
    {
      applyingWith: TOGETHER,
      partnerName: 'Ola Nordmann',
      partnerPhone: '987 65 432',
      partnerEmail: 'ola@example.no',
      adults: '1',
      othersInformed: 'ingen-andre',
    },
    'adults',
    'minst 2 voksne',
  ],
  [
    'the other adults know, but there are none',
    { adults: '1', othersInformed: 'ja' },
    'othersInformed',
    'du er den eneste voksne',
  ],
  [
    'nobody else lives there, but two adults do',
    { adults: '2', othersInformed: 'ingen-andre' },
    'othersInformed',
    'flere voksne bor i hjemmet',
  ],
];

/** Valid visit-home answers for two who apply together. */
const together = (overrides: RawAnswers = {}) =>
  validAnswers('besokshjem', {
    applyingWith: TOGETHER,
    partnerName: 'Ola Nordmann',
    partnerPhone: '987 65 432',
    partnerEmail: `ola-${Date.now().toString(36)}@example.no`,
    adults: '2',
    othersInformed: 'ja',
    ...overrides,
  });

/** Who applies, as stored (a column each), and the time to call. */
async function storedHousehold(email: unknown) {
  return withE2EDb(
    async (db) =>
      (
        await db.query<Record<string, unknown>>(
          `select call_time, applying_with, partner_name, partner_phone, partner_email, adults,
                  others_informed, applies_together
             from public.applications where email = $1`,
          [email],
        )
      ).rows,
  );
}

test.describe('a visit home applying together with a partner', () => {
  test('with JavaScript: the partner’s questions appear for two, and are sent', async ({
    page,
  }) => {
    test.slow();
    const answers = together();
    await page.goto(formPath('besokshjem'));
    await expectNoAxeViolations(page);
    await page.locator('#felt-fullName').focus();
    await expect(page.locator('astro-island[ssr]')).toHaveCount(0);
    // Woken, the form asks for the partner only when two apply together.
    await expect(page.locator('#felt-partnerName')).toHaveCount(0);
    await page
      .getByLabel('Jeg søker sammen med ektefelle, samboer eller registrert partner')
      .check();
    await expect(page.getByLabel('Fullt navn til den du søker sammen med')).toBeVisible();
    await expect(page.getByText('Begge må legge fram en politiattest')).toBeVisible();
    await expectNoAxeViolations(page);

    await fillQuickly(page, 'besokshjem', answers);
    await goToCheckStep(page);
    const check = page.locator('.check-answers');
    await expect(check).toContainText('Jeg søker sammen med ektefelle');
    await expect(check).toContainText('Ola Nordmann');
    await expect(check).toContainText('Ja, de vet at jeg søker');
    await expect(check).toContainText('Ettermiddag, kl. 12–16');
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Send søknaden' }).click();
    await page.waitForURL(/\/soknad\/kvittering\/\?ref=BH-/);
    await expectNoAxeViolations(page);
    expect(await storedHousehold(answers['email'])).toEqual([
      {
        call_time: 'ettermiddag',
        applying_with: TOGETHER,
        partner_name: 'Ola Nordmann',
        partner_phone: '98765432',
        partner_email: answers['partnerEmail'],
        adults: 2,
        others_informed: 'ja',
        applies_together: true,
      },
    ]);
  });

  test('with JavaScript: a partner typed and then "alone" chosen is not sent', async ({ page }) => {
    const answers = together();
    await page.goto(formPath('besokshjem'));
    await fillQuickly(page, 'besokshjem', answers);
    await page.getByLabel('Jeg søker alene').check();
    await expect(page.locator('#felt-partnerName')).toHaveCount(0);
    await goToCheckStep(page);
    await expect(page.locator('.check-answers')).not.toContainText('Ola Nordmann');
    await page.getByRole('button', { name: 'Send søknaden' }).click();
    await page.waitForURL(/\/soknad\/kvittering\/\?ref=BH-/);
    const [row] = await storedHousehold(answers['email']);
    expect(row).toMatchObject({
      applying_with: 'alene',
      partner_name: null,
      partner_phone: null,
      partner_email: null,
    });
  });
});

test.describe('a visit home applying together, without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the server names every missing partner detail and the other adults, keeps the answers, then stores it', async ({
    page,
  }) => {
    const answers = together({
      partnerName: '',
      partnerPhone: '123',
      partnerEmail: '',
      othersInformed: 'ingen-andre',
    });
    await page.goto(formPath('besokshjem'));
    // Without JavaScript every question is shown, the partner's too, with a hint saying when.
    await expect(page.getByLabel('Fullt navn til den du søker sammen med')).toBeVisible();
    await fillQuickly(page, 'besokshjem', answers);
    await page.getByRole('button', { name: 'Send søknaden' }).click();
    const summary = page.locator('.ds-error-summary');
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('link')).toHaveText([
      /Skriv inn fullt navn til den du søker sammen med/,
      /8 siffer/,
      /Skriv inn e-postadressen til den du søker sammen med/,
      /flere voksne bor i hjemmet/,
    ]);
    await expect(page.locator('#felt-partnerPhone')).toHaveValue('123');
    await expect(page.locator('#felt-applyingWith-1')).toBeChecked();
    await expect(page.locator('#felt-othersInformed-1')).toBeChecked();
    expect(await storedRows(answers['email'])).toHaveLength(0);

    await page.locator('#felt-partnerName').fill('Ola Nordmann');
    await page.locator('#felt-partnerPhone').fill('98765432');
    await page.locator('#felt-partnerEmail').fill('ola@example.no');
    await page.locator('#felt-othersInformed-0').check();
    await page.getByRole('button', { name: 'Send søknaden' }).click();
    await page.waitForURL(/\/soknad\/kvittering\/\?ref=BH-/);
    const [row] = await storedHousehold(answers['email']);
    expect(row).toMatchObject({
      applying_with: TOGETHER,
      partner_name: 'Ola Nordmann',
      partner_phone: '98765432',
      partner_email: 'ola@example.no',
    });
  });

  test('alone, a partner filled in anyway is not stored', async ({ page }) => {
    const answers = together({ applyingWith: 'alene' });
    await page.goto(formPath('besokshjem'));
    await fillQuickly(page, 'besokshjem', answers);
    await page.getByRole('button', { name: 'Send søknaden' }).click();
    await page.waitForURL(/\/soknad\/kvittering\/\?ref=BH-/);
    const [row] = await storedHousehold(answers['email']);
    expect(row).toMatchObject({ applying_with: 'alene', partner_name: null });
  });
});

test('the no-JavaScript error state of a joint application has no axe violations', async ({
  page,
}) => {
  await page.route('**/_astro/**/*.js', (route) => route.abort());
  await page.goto(formPath('besokshjem'));
  await fillQuickly(page, 'besokshjem', together({ partnerName: '', adults: '1' }));
  await page.getByRole('button', { name: 'Send søknaden' }).click();
  await expect(page.locator('.ds-error-summary')).toBeFocused();
  await expect(page.locator('#felt-partnerName-feil')).toBeVisible();
  await expectNoAxeViolations(page);
});

test('answers typed before the form has loaded its script are kept and checked', async ({
  page,
}) => {
  // Hold the island's script back, as a slow connection would, while the applicant types.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/_astro/ApplicationForm.*.js', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(formPath('besokshjem'), { waitUntil: 'domcontentloaded' });
  await fillQuickly(page, 'besokshjem', validAnswers('besokshjem'));
  release();
  await expect(page.locator('astro-island[ssr]')).toHaveCount(0);
  // Everything typed counts: no errors, straight on to the check step.
  await goToCheckStep(page);
  await expect(page.getByText(validAnswers('besokshjem')['fullName'] as string)).toBeVisible();
});

test.describe('the form wakes up when it is first used', () => {
  test('no script loads with the page; the first focus loads it and keeps what is typed', async ({
    page,
  }) => {
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    });
    await page.goto(formPath('besokshjem'));
    await page.waitForLoadState('networkidle');
    expect(scripts).toEqual([]);
    await expect(page.locator('astro-island[ssr]')).toHaveCount(1);

    await page.locator('#felt-fullName').focus();
    await page.keyboard.type('Kari Nordmann');
    await expect(page.locator('astro-island[ssr]')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Gå videre til oppsummering' })).toBeVisible();
    await expect(page.locator('#felt-fullName')).toBeFocused();
    await expect(page.locator('#felt-fullName')).toHaveValue('Kari Nordmann');
    // What the first submit needs starts loading at the same time.
    await expect.poll(() => scripts.some((s) => /\/validation\.[\w-]+\.js$/.test(s))).toBe(true);
    // Only the conditional field's rule took effect: no certificate chosen, no date asked for.
    await expect(page.locator('#felt-certificateIssuedOn')).toHaveCount(0);
  });

  test('coming back to the form in the same tab, the draft is back at once', async ({ page }) => {
    const answers = validAnswers('besokshjem');
    await page.goto(formPath('besokshjem'));
    await fillQuickly(page, 'besokshjem', answers);
    // A new visit, not a reload: the browser refills nothing itself; the saved draft does.
    await page.goto('/besokshjem/');
    await page.goto(formPath('besokshjem'));
    await expect(page.locator('astro-island[ssr]')).toHaveCount(0);
    await expect(page.locator('#felt-fullName')).toHaveValue(String(answers['fullName']));
    await expect(page.locator('#felt-motivation')).toHaveValue(String(answers['motivation']));
    await expect(page.locator('#felt-consent')).toBeChecked();
  });

  test('pressed before anything else, the button ends in a focused error summary', async ({
    page,
  }) => {
    await page.goto(formPath('besokshjem'));
    // Whether the press wakes the form in time or the server answers the post, the result is the
    // same for the applicant.
    await page.getByRole('button', { name: 'Send søknaden' }).click();
    const summary = page.locator('.ds-error-summary');
    await expect(summary).toBeFocused();
    await expect(summary).toContainText('Skriv inn fullt navn');
    await expectNoAxeViolations(page);
  });

  test('after a post the browser did not check, it wakes at once and errors follow fixes', async ({
    page,
  }) => {
    await page.goto(formPath('tilsynsperson'));
    // form.submit() posts without events: the form has not woken, as with a very slow script.
    await page.evaluate(() =>
      document.querySelector<HTMLFormElement>('form.application-form')?.submit(),
    );
    await expect(page.locator('.ds-error-summary')).toBeFocused();
    await expect(page.locator('astro-island[ssr]')).toHaveCount(0);
    await expect(page.locator('#felt-email-feil')).toBeVisible();
    await page.locator('#felt-email').fill('kari@example.no');
    await expect(page.locator('#felt-email-feil')).toHaveCount(0);
  });
});

test.describe('a rule broken in the browser', () => {
  for (const [name, overrides, field, message] of brokenRules) {
    test(`${name}: the summary takes focus and names it at the field`, async ({ page }) => {
      await page.goto(formPath('besokshjem'));
      await fillQuickly(page, 'besokshjem', validAnswers('besokshjem', overrides));
      await page.getByRole('button', { name: 'Gå videre til oppsummering' }).click();
      const summary = page.locator('.ds-error-summary');
      await expect(summary).toBeFocused();
      await expect(summary.getByRole('link')).toHaveCount(1);
      await expect(summary).toContainText(message);
      await expect(page.locator(`#felt-${field}-feil`)).toContainText(message);
      // The link in the summary moves focus to the field.
      const target = (await summary.getByRole('link').getAttribute('href')) ?? '';
      expect(target).toMatch(new RegExp(`^#felt-${field}(-0)?$`));
      await summary.getByRole('link').click();
      await expect(page.locator(target)).toBeFocused();
    });
  }

  test('the error state has no axe violations and errors follow the corrections', async ({
    page,
  }) => {
    await page.goto(formPath('tilsynsperson'));
    // The applicant starts in the form (which wakes it up) and goes on without filling it in.
    await page.locator('#felt-fullName').focus();
    await page.getByRole('button', { name: 'Gå videre til oppsummering' }).click();
    await expect(page.locator('.ds-error-summary')).toBeFocused();
    // Designsystemet: the summary sits just above the button that could not go on.
    await expect(
      page.locator('form .ds-error-summary + button[type="submit"]', {
        hasText: 'Gå videre til oppsummering',
      }),
    ).toBeVisible();
    await expect(page).toHaveTitle(/.+/);
    await expectNoAxeViolations(page);
    await expect(page.locator('#felt-email-feil')).toBeVisible();
    await page.locator('#felt-email').fill('kari@example.no');
    await expect(page.locator('#felt-email-feil')).toHaveCount(0);
    await expect(page.locator('#felt-email')).not.toHaveAttribute('aria-invalid', 'true');
    // The submit button is never disabled.
    await expect(page.getByRole('button', { name: 'Gå videre til oppsummering' })).toBeEnabled();
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the form posts to the server, which stores it and shows the receipt', async ({ page }) => {
    const answers = validAnswers('tilsynsperson');
    await page.goto(formPath('tilsynsperson'));
    await fillQuickly(page, 'tilsynsperson', answers);
    await page.getByRole('button', { name: 'Send søknaden' }).click();
    await page.waitForURL(/\/soknad\/kvittering\/\?ref=TP-/);
    const reference = await page.locator('.code').textContent();
    expect(await storedRows(answers['email'])).toEqual([
      { reference, kind: 'tilsynsperson', phone: '91234567' },
    ]);
  });

  test('the server shows the errors and keeps the typed values', async ({ page }) => {
    const answers = validAnswers('besokshjem', {
      phone: '123',
      certificateIssuedOn: formatNorwegianDate(tomorrow),
      confirmRoutines: '',
    });
    await page.goto(formPath('besokshjem'));
    await fillQuickly(page, 'besokshjem', answers);
    await page.getByRole('button', { name: 'Send søknaden' }).click();
    const summary = page.locator('.ds-error-summary');
    await expect(summary).toBeVisible();
    await expect(summary).toBeFocused();
    // After a reload the summary starts the form, where the reloaded page begins (Designsystemet's
    // exception for forms that reload on submit).
    await expect(page.locator('.ds-error-summary + form')).toHaveCount(1);
    await expect(summary.getByRole('link')).toHaveText([
      /8 siffer/,
      /fram i tid/,
      /trygge rutiner/,
    ]);
    await expect(page.locator('#felt-phone-feil')).toContainText('8 siffer');
    await expect(page.locator('#felt-phone')).toHaveValue('123');
    await expect(page.locator('#felt-fullName')).toHaveValue(String(answers['fullName']));
    await expect(page.locator('#felt-motivation')).toHaveValue(String(answers['motivation']));
    await expect(page.locator('#felt-suitedAges-1')).toBeChecked();
    await expect(page.locator('#felt-confirmStable')).toBeChecked();
    await expect(page.locator('#felt-confirmRoutines')).not.toBeChecked();
    expect(await storedRows(answers['email'])).toHaveLength(0);

    // Corrected, it goes through, still without JavaScript.
    await page.locator('#felt-phone').fill('91234567');
    await page.locator('#felt-certificateIssuedOn').fill(formatNorwegianDate(today));
    await page.locator('#felt-confirmRoutines').check();
    await page.getByRole('button', { name: 'Send søknaden' }).click();
    await page.waitForURL(/\/soknad\/kvittering\/\?ref=BH-/);
    expect(await storedRows(answers['email'])).toHaveLength(1);
  });

  test('a filled-in honeypot stores nothing', async ({ page }) => {
    const answers = validAnswers('besokshjem');
    await page.goto(formPath('besokshjem'));
    await fillQuickly(page, 'besokshjem', answers);
    await page.locator('#felt-nettsted').fill('http://spam.example', { force: true });
    await page.getByRole('button', { name: 'Send søknaden' }).click();
    await page.waitForURL(/\/soknad\/kvittering\/\?ref=BH-/);
    expect(await storedRows(answers['email'])).toHaveLength(0);
  });
});

test('the receipt without a valid reference says so', async ({ page }) => {
  const response = await page.goto('/soknad/kvittering/?ref=BH-0000-OOOO');
  expect(response?.status()).toBe(404);
  await expect(page.locator('h1')).toHaveText('Fant ingen kvittering');
});

test('when sending fails, the answers are kept and sending again works', async ({ page }) => {
  const answers = validAnswers('besokshjem');
  await page.goto(formPath('besokshjem'));
  await fillQuickly(page, 'besokshjem', answers);
  await goToCheckStep(page);
  await page.route('**/_actions/**', (route) => route.abort('connectionrefused'));
  await page.getByRole('button', { name: 'Send søknaden' }).click();
  const notice = page.locator('.form-notice');
  await expect(notice).toBeFocused();
  await expect(notice).toContainText('Svarene dine er tatt vare på');
  await expect(notice).not.toContainText(/Error|at \w+ \(/);
  expect(await storedRows(answers['email'])).toHaveLength(0);

  // Even a reload loses nothing; then the send goes through.
  await page.unroute('**/_actions/**');
  await page.reload();
  await expect(page.locator('#felt-email')).toHaveValue(String(answers['email']));
  await goToCheckStep(page);
  await page.getByRole('button', { name: 'Send søknaden' }).click();
  await page.waitForURL(/\/soknad\/kvittering\/\?ref=BH-/);
  expect(await storedRows(answers['email'])).toHaveLength(1);
});

test('a form post from another site is refused (Astro origin check)', async ({ request }) => {
  const response = await request.post('/besokshjem/soknad/?_action=applications.submitVisitHome', {
    headers: {
      origin: 'https://evil.example',
      'content-type': 'application/x-www-form-urlencoded',
    },
    data: 'fullName=Kari',
  });
  expect(response.status()).toBe(403);
});

test('the server-rendered error state has no axe violations', async ({ page }) => {
  // The island's scripts are blocked, so the form posts to the server as without JavaScript,
  // while axe (which needs JavaScript in the page) can still run.
  await page.route('**/_astro/**/*.js', (route) => route.abort());
  await page.goto(formPath('tilsynsperson'));
  await page.locator('#felt-email').fill('kari@');
  await page.getByRole('button', { name: 'Send søknaden' }).click();
  await expect(page.locator('.ds-error-summary')).toBeFocused();
  await expect(page).toHaveTitle(/^Feil i skjemaet/);
  await expect(page.locator('#felt-email')).toHaveValue('kari@');
  await expectNoAxeViolations(page);
});
