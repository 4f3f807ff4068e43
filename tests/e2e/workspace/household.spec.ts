// The other people in a case give their own part (issue 24), through the built site on a
// throwaway stack: the co-applicant confirms through the link e-mailed to them, a coordinator sends
// the reference requests, one referee answers, one declines and is taken by phone, the checklist
// counts the references and the case is approved. Also: approval refused while the co-applicant
// has not confirmed (and their link sent again), and a co-applicant who says no. The e-mails come
// from the loopback Resend; the links are read out of them as a person would follow them.
import { spawn } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';
import { projectRoot } from '../../../supabase/local/stack.ts';
import { CERTIFICATE_TO_ORDER_LABEL } from '../../../src/lib/forms/rules.ts';
import { TOGETHER } from '../../../src/lib/forms/household.ts';
import { e2eState, withE2EDb } from '../../support/e2e.ts';
import { completeHousehold } from '../../support/screening.ts';
import type { DeliveredEmail } from '../../support/resend-mock.ts';
import {
  createUser,
  expectNoAxeViolations,
  openCase,
  osloToday,
  press,
  recordDate,
  signIn,
  sql,
  statusOf,
  submitApplication,
} from './support.ts';

// Journeys through several pages and people, each page checked with axe: slow on a busy machine.
test.slow('journeys through several pages, each checked with axe');

const unique = () => Math.random().toString(36).slice(2, 8);
const email = () =>
  (e2eState() as ReturnType<typeof e2eState> & { email: Record<string, string> }).email;

/** `npm run outbox:send` against the e2e stack and the loopback Resend (as email.spec.ts does). */
function runSender(): Promise<void> {
  const { url, anonKey, serviceRoleKey } = e2eState();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['src/cli/outbox-send.ts'], {
      cwd: projectRoot,
      env: {
        PATH: process.env['PATH'] ?? '',
        SUPABASE_URL: url,
        SUPABASE_ANON_KEY: anonKey,
        SUPABASE_SERVICE_ROLE_KEY: serviceRoleKey,
        ...email(),
      },
      stdio: 'ignore',
    });
    child.on('error', reject);
    child.on('exit', () => resolve());
  });
}

/** The e-mails the loopback Resend delivered to `address`, oldest first. */
async function emailsTo(address: string): Promise<DeliveredEmail[]> {
  const all = (await (
    await fetch(`${email()['RESEND_BASE_URL']}/_test/delivered`)
  ).json()) as DeliveredEmail[];
  return all.filter((d) => [d.payload.to].flat().includes(address));
}

const LINK = /\/(soknad\/medsoker|referanse)\/([A-Za-z0-9_-]{43})/;

/** The link in the `nth` e-mail (from 1) to `address`, once it has come; sends the outbox meanwhile. */
async function linkSentTo(address: string, nth = 1): Promise<string> {
  await expect
    .poll(
      async () => {
        await runSender();
        return (await emailsTo(address)).length;
      },
      { timeout: 90_000, intervals: [1000, 2000, 5000] },
    )
    .toBeGreaterThanOrEqual(nth);
  const message = (await emailsTo(address))[nth - 1];
  const match = LINK.exec(message?.payload.text ?? message?.payload.html ?? '');
  expect(match, 'the e-mail carries a personal link').not.toBeNull();
  return `/${match?.[1]}/${match?.[2]}/`;
}

/** An application of two who apply together, with two referees; every address unique. */
async function jointApplication() {
  const tag = unique();
  const partner = { name: `Medsøker ${tag}`, email: `medsoker.${tag}@example.no` };
  const referees = [1, 2].map((n) => ({
    full_name: `Referanse ${n} ${tag}`,
    relation: n === 1 ? 'Nabo i ti år' : 'Kollega i fem år',
    phone: `4123456${n}`,
    email: `referanse.${n}.${tag}@example.no`,
  }));
  const application = await submitApplication('besokshjem', {
    applying_with: TOGETHER,
    partner_name: partner.name,
    partner_phone: '98765432',
    partner_email: partner.email,
    adults: 2,
    others_informed: 'ja',
    referees,
  });
  return { ...application, partner, referees };
}

/** The co-applicant follows their link and confirms, as a person fills in the page. */
async function confirmAsCoApplicant(page: Page, link: string) {
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Søker du sammen med');
  await expectNoAxeViolations(page);
  await page.getByRole('radio', { name: 'Ja', exact: true }).check();
  await page.getByLabel('Telefonnummer').fill('93456789');
  await page.getByRole('radio', { name: 'Formiddag, kl. 8–12' }).check();
  await page.getByRole('radio', { name: CERTIFICATE_TO_ORDER_LABEL }).check();
  await page.getByRole('checkbox', { name: /Jeg har lest personvernerklæringen/ }).check();
  await page.getByRole('button', { name: 'Bekreft at vi søker sammen' }).click();
  await expect(page).toHaveURL(/\/soknad\/medsoker\/takk\//);
}

/** The case's referee `n` (from 1) by id, as stored. */
async function refereeId(applicationId: string, n: number): Promise<string> {
  const [row] = await sql<{ id: string }>(
    'select id from public.referees where application_id = $1 and position = $2',
    [applicationId, n],
  );
  return row?.id ?? '';
}

/** Records the applicant's and partner's certificates, the conversation and the home visit. */
async function coordinatorSteps(page: Page) {
  await press(page, 'Sett til under behandling');
  await recordDate(page, 'certificate', osloToday());
  await recordDate(page, 'partnerCertificate', osloToday());
  await press(page, 'Sett til samtale avtalt');
  await recordDate(page, 'conversation', osloToday());
  await press(page, 'Sett til hjemmebesøk');
  await recordDate(page, 'homeVisit', osloToday());
}

test('the whole household: the partner confirms, the referees answer, decline and are phoned, and the case is approved', async ({
  page,
}) => {
  const coordinator = await createUser('coordinator');
  const application = await jointApplication();
  const coApplicant = page.locator('section[aria-labelledby="medsoker"]');
  const refereesSection = page.locator('section[aria-labelledby="referanser"]');
  const answer1 = `Trygg og varm med barna i gata ${unique()}.`;

  await test.step('the partner confirms through the e-mailed link', async () => {
    const link = await linkSentTo(application.partner.email);
    expect(link).toMatch(/^\/soknad\/medsoker\//);
    await confirmAsCoApplicant(page, link);
  });

  await test.step('the case shows what the partner gave, and the referees not yet asked', async () => {
    await signIn(page, coordinator.email);
    await openCase(page, application.reference);
    await expect(coApplicant).toContainText('Bekreftet');
    await expect(coApplicant).toContainText(`${application.partner.name} bekreftet`);
    await expect(coApplicant).toContainText('93456789');
    await expect(coApplicant).toContainText('Formiddag, kl. 8–12');
    await expect(coApplicant).toContainText('Bestiller politiattest');
    await expect(coApplicant.getByRole('button', { name: 'Send lenken på nytt' })).toHaveCount(0);
    await expect(refereesSection).toContainText(application.referees[0]!.full_name);
    await expect(refereesSection).toContainText(application.referees[1]!.email);
    await expect(refereesSection.getByText('Ikke spurt ennå.')).toHaveCount(2);
    await expect(page.locator('#sjekk-references')).toContainText(
      'Bare 0 av 2 referanser er mottatt eller tatt på telefon.',
    );
    await expect(page.locator('.timeline')).toContainText('Medsøker bekreftet');
    expect(await emailsTo(application.referees[0]!.email)).toEqual([]);
    await expectNoAxeViolations(page);
  });

  await test.step('the coordinator sends the reference requests', async () => {
    await press(page, 'Send forespørsel til referansene');
    await expect(page.getByRole('status')).toContainText('Forespørselen er lagt i kø');
    await expect(refereesSection.getByText(/venter på svar/)).toHaveCount(2);
    await expect(
      page.getByRole('button', { name: 'Send forespørsel til referansene' }),
    ).toHaveCount(0);
    await expect(page.locator('.timeline')).toContainText('Forespørsel sendt til referansene');
    await expectNoAxeViolations(page);
  });

  await test.step('referee 1 answers, referee 2 does not want to', async () => {
    const first = await linkSentTo(application.referees[0]!.email);
    const second = await linkSentTo(application.referees[1]!.email);
    await page.goto(first);
    await page.getByLabel(/^1\. /).fill('Nabo i ti år.');
    await page.getByLabel(/^2\. /).fill(answer1);
    await page.getByRole('button', { name: 'Send referansen' }).click();
    await expect(page).toHaveURL(/\/referanse\/takk\//);
    await page.goto(second);
    await page.getByRole('button', { name: 'Jeg vil ikke gi en referanse' }).click();
    await expect(page).toHaveURL(/\/referanse\/takk\//);
  });

  const second = await refereeId(application.id, 2);
  await test.step('the case shows the answer under its question, and the decline', async () => {
    await openCase(page, application.reference);
    await expect(refereesSection).toContainText(answer1);
    await expect(refereesSection).toContainText(`Hvordan er ${application.name} sammen med barn?`);
    await expect(refereesSection).toContainText('Ønsket ikke å gi referanse');
    await expect(page.locator('#sjekk-references')).toContainText(
      'Bare 1 av 2 referanser er mottatt eller tatt på telefon.',
    );
    const history = page.locator('.timeline');
    await expect(history).toContainText('Referanse mottatt');
    await expect(history).toContainText('Referansen ønsket ikke å svare');
    await expect(history).not.toContainText(answer1);
    await expectNoAxeViolations(page);
  });

  await test.step('the coordinator records a reference taken by phone, with a note', async () => {
    const form = page.locator(`#skjema-telefon-${second}`);
    await page.locator(`article:has(#skjema-telefon-${second}) summary`).click();
    // An empty note is refused in Norwegian, in the form.
    await form.getByRole('button', { name: 'Registrer referanse tatt på telefon' }).click();
    await expect(page.locator(`#skjema-telefon-${second}`)).toContainText(
      'Skriv et kort notat fra samtalen med referansen.',
    );
    await expectNoAxeViolations(page);
    await page
      .locator(`#skjema-telefon-${second}`)
      .getByRole('textbox')
      .fill('Ringte. Ville heller snakke enn å skrive; kjenner familien godt.');
    await page
      .locator(`#skjema-telefon-${second}`)
      .getByRole('button', { name: 'Registrer referanse tatt på telefon' })
      .click();
    await expect(page.getByRole('status')).toContainText(
      'Referansen er registrert som tatt på telefon.',
    );
    await expect(refereesSection).toContainText(`Tatt på telefon av ${coordinator.name}`);
    await expect(refereesSection).toContainText('Ville heller snakke enn å skrive');
    await expect(page.locator('.timeline')).toContainText('Referanse tatt på telefon');
    await expect(page.locator('.timeline')).not.toContainText('Ville heller snakke');
  });

  await test.step('the checklist shows the references done, and the case is approved', async () => {
    await expect(page.locator('#sjekk-references')).toContainText(
      '2 av 2 referanser er mottatt eller tatt på telefon.',
    );
    await coordinatorSteps(page);
    await expect(page.getByText('Alt godkjenningen krever er på plass.')).toBeVisible();
    await expectNoAxeViolations(page);
    await press(page, 'Sett til godkjent');
    await expect(page.locator('#status')).toHaveText('Godkjent');
    await expectNoAxeViolations(page);
    expect(await statusOf(application.reference)).toBe('approved');
  });
});

test('approval is refused while the co-applicant has not confirmed; their link can be sent again', async ({
  page,
}) => {
  const coordinator = await createUser('coordinator');
  const application = await jointApplication();
  // The referees are not this test's subject: they answered, as the database owner arranges it.
  await withE2EDb((db) =>
    db.query(
      `update public.referees set status = 'answered', requested_at = now(), expires_at = now() + interval '21 days',
              answered_at = now(), answers = '{"kjennskap": "Lenge."}' where application_id = $1`,
      [application.id],
    ),
  );
  await signIn(page, coordinator.email);
  await openCase(page, application.reference);
  const coApplicant = page.locator('section[aria-labelledby="medsoker"]');

  await test.step('the case says the partner has not answered', async () => {
    await expect(coApplicant).toContainText('Venter på svar');
    await expect(coApplicant).toContainText(`Venter på svar fra ${application.partner.name}`);
    await expectNoAxeViolations(page);
  });

  await test.step('the guard lists it, and refuses the approval', async () => {
    await coordinatorSteps(page);
    await expect(page.locator('#skjema-status-approved')).toContainText(
      'Medsøkeren har ikke bekreftet at de søker sammen med søkeren.',
    );
    await press(page, 'Sett til godkjent');
    await expect(page.locator('#feil-status-approved')).toContainText(
      'Medsøkeren har ikke bekreftet at de søker sammen med søkeren.',
    );
    expect(await statusOf(application.reference)).toBe('home_visit');
    await expectNoAxeViolations(page);
  });

  await test.step('"Send lenken på nytt" sends the partner a second e-mail with a new link', async () => {
    const first = await linkSentTo(application.partner.email);
    await coApplicant.getByRole('button', { name: 'Send lenken på nytt' }).click();
    await expect(page.getByRole('status')).toContainText('Lenken sendes på nytt');
    await expect(page.locator('.timeline')).toContainText(
      'Lenken til medsøkeren ble sendt på nytt',
    );
    const again = await linkSentTo(application.partner.email, 2);
    expect(again).not.toBe(first);
  });
});

test('a co-applicant who says no: the case says so and cannot be approved', async ({ page }) => {
  const coordinator = await createUser('coordinator');
  const application = await jointApplication();

  await test.step('the partner answers no through the link', async () => {
    await page.goto(await linkSentTo(application.partner.email));
    await page.getByRole('button', { name: 'Svar at jeg ikke søker sammen med søkeren' }).click();
    await expect(page).toHaveURL(/\/soknad\/medsoker\/takk\//);
  });

  await test.step('the case page says so, in its section, its history and the guard', async () => {
    await signIn(page, coordinator.email);
    await openCase(page, application.reference);
    const coApplicant = page.locator('section[aria-labelledby="medsoker"]');
    await expect(coApplicant).toContainText('Svarte nei');
    await expect(coApplicant).toContainText('at de ikke søker sammen med søkeren');
    await expect(coApplicant.getByRole('button', { name: 'Send lenken på nytt' })).toHaveCount(0);
    await expect(page.locator('.timeline')).toContainText('Medsøker svarte nei');
    await expectNoAxeViolations(page);
  });

  await test.step('with everything else in place, the guard still names the answer', async () => {
    await withE2EDb((db) => completeHousehold(db, application.id));
    await coordinatorSteps(page);
    await expect(page.locator('#skjema-status-approved')).toContainText(
      'Medsøkeren har svart at de ikke søker sammen med søkeren.',
    );
    await expectNoAxeViolations(page);
  });
});
