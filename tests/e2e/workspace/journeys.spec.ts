import { expect, test, type Page } from '@playwright/test';
import {
  createUser,
  expectNoAxeViolations,
  osloToday,
  signIn,
  sql,
  submitApplication,
  tabTo,
} from './support.ts';
import { codeFor, requestCode } from '../coordinator/support.ts';
import { TOGETHER } from '../../../src/lib/forms/household.ts';

// Coordinators screening in the workspace, as journeys through the built site on a throwaway
// stack: every change is a form post that the database accepts or refuses as that coordinator.
// Each is a journey through several pages, each page checked with axe: slow on a busy machine.
test.slow('journeys through several pages, each checked with axe');

const statusOf = async (reference: string) =>
  (
    await sql<{ status: string }>('select status from public.applications where reference = $1', [
      reference,
    ])
  )[0]?.status;

async function openCase(page: Page, reference: string) {
  await page.goto(`/koordinator/sak/${reference}/`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`Sak ${reference}`);
}

/** Presses `key` and waits for the form post's answer page to load. */
async function submitWith(page: Page, key: string) {
  const posted = page.waitForResponse((r) => r.request().method() === 'POST');
  await page.keyboard.press(key);
  await posted;
  await page.waitForLoadState('load');
}

async function press(page: Page, name: string) {
  await page.getByRole('button', { name, exact: true }).click();
}

async function recordDate(page: Page, item: string, date: string) {
  const form = page.locator(`#skjema-sjekk-${item}`);
  await form.getByRole('textbox').fill(date);
  await form.getByRole('button', { name: 'Lagre' }).click();
  await expect(page.getByRole('status')).toContainText('Sjekklisten er oppdatert.');
}

test('keyboard only: a new visit-home application from received to approved', async ({ page }) => {
  const coordinator = await createUser('coordinator');
  const application = await submitApplication('besokshjem');
  await signIn(page, coordinator.email);

  await test.step('the queue lists the new case; Tab and Enter open it', async () => {
    await page.goto(`/koordinator/?visning=nye&sok=${application.reference}`);
    await expectNoAxeViolations(page);
    const link = page.getByRole('link', { name: application.reference });
    await tabTo(page, link);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).toContainText(application.reference);
    await expectNoAxeViolations(page);
  });

  const key = async (name: string) => {
    await tabTo(page, page.getByRole('button', { name, exact: true }));
    await submitWith(page, 'Enter');
    await expect(page.getByRole('status')).toContainText('Statusen er endret.');
  };
  const typeDate = async (item: string, date: string) => {
    await tabTo(page, page.locator(`#skjema-sjekk-${item}`).getByRole('textbox'));
    await page.keyboard.type(date);
    await submitWith(page, 'Enter');
    await expect(page.getByRole('status')).toContainText('Sjekklisten er oppdatert.');
  };

  await test.step('under review, certificate verified', async () => {
    await key('Sett til under behandling');
    await expect(page.locator('#status')).toHaveText('Under behandling');
    await typeDate('certificate', osloToday());
    await expect(page.locator('#skjema-sjekk-certificate')).toContainText(
      `Kontrollert av ${coordinator.name}`,
    );
    await expectNoAxeViolations(page);
  });

  await test.step('conversation, then home visit', async () => {
    await key('Sett til samtale avtalt');
    await typeDate('conversation', osloToday());
    await key('Sett til hjemmebesøk');
    await typeDate('homeVisit', osloToday());
    await expect(page.getByText('Alt godkjenningen krever er på plass.')).toBeVisible();
    await expectNoAxeViolations(page);
  });

  await test.step('approved, and the history says who did what', async () => {
    await key('Sett til godkjent');
    await expect(page.locator('#status')).toHaveText('Godkjent');
    await expect(page.getByText('Saken er avsluttet og kan ikke flyttes videre.')).toBeVisible();
    const history = page.locator('.timeline');
    await expect(history).toContainText('Status: hjemmebesøk → godkjent');
    await expect(history).toContainText(coordinator.name);
    await expectNoAxeViolations(page);
    expect(await statusOf(application.reference)).toBe('approved');
  });
});

test('an approval the database refuses: the certificate is too old on the approval day', async ({
  page,
}) => {
  const coordinator = await createUser('coordinator');
  const application = await submitApplication('tilsynsperson');
  await signIn(page, coordinator.email);
  await openCase(page, application.reference);
  const issued = osloToday(-125);

  await test.step('a certificate issued four months ago, the conversation held', async () => {
    await press(page, 'Sett til under behandling');
    await recordDate(page, 'certificate', issued);
    await press(page, 'Sett til samtale avtalt');
    await recordDate(page, 'conversation', osloToday());
  });

  await test.step('before pressing, the page says what the guard requires', async () => {
    const form = page.locator('#skjema-status-approved');
    await expect(form).toContainText('Databasen vil ikke godkjenne ennå');
    await expect(form).toContainText(
      `Politiattesten (utstedt ${issued}) var bare gyldig til og med`,
    );
    await expectNoAxeViolations(page);
  });

  await test.step('pressing it anyway: the refusal and its reasons, nothing changed', async () => {
    await press(page, 'Sett til godkjent');
    const alert = page.locator('#feil-status-approved');
    await expect(alert).toContainText('Databasen godkjente ikke saken:');
    await expect(alert).toContainText('var bare gyldig til og med');
    await expect(page.locator('#status')).toHaveText('Samtale avtalt');
    await expectNoAxeViolations(page);
    expect(await statusOf(application.reference)).toBe('conversation_scheduled');
  });
});

test("two who apply together: the partner's details on the case, and the partner's certificate before approval", async ({
  page,
}) => {
  const coordinator = await createUser('coordinator');
  const partner = `Medsøker ${Math.random().toString(36).slice(2, 8)}`;
  const application = await submitApplication('besokshjem', {
    call_time: 'ettermiddag',
    applying_with: TOGETHER,
    partner_name: partner,
    partner_phone: '98765432',
    partner_email: 'medsoker@example.no',
    adults: 2,
    others_informed: 'ja',
  });
  await signIn(page, coordinator.email);
  await openCase(page, application.reference);

  await test.step('the answers show the partner, the time to call and the other adults', async () => {
    const answers = page.locator('section[aria-labelledby="soknaden"]');
    await expect(answers.getByText('Jeg søker sammen med ektefelle')).toBeVisible();
    await expect(answers).toContainText(partner);
    await expect(answers).toContainText('98765432');
    await expect(answers).toContainText('medsoker@example.no');
    await expect(answers).toContainText('Ettermiddag, kl. 12–16');
    await expect(answers).toContainText('Ja, de vet at jeg søker');
    await expectNoAxeViolations(page);
  });

  await test.step("until the partner's certificate is checked, the guard says so", async () => {
    await press(page, 'Sett til under behandling');
    await recordDate(page, 'certificate', osloToday());
    await press(page, 'Sett til samtale avtalt');
    await recordDate(page, 'conversation', osloToday());
    await press(page, 'Sett til hjemmebesøk');
    await recordDate(page, 'homeVisit', osloToday());
    await expect(page.locator('#skjema-sjekk-partnerCertificate')).toContainText(
      'Medsøkerens politiattest er ikke kontrollert.',
    );
    await expect(page.locator('#skjema-status-approved')).toContainText(
      'Ingen koordinator har kontrollert politiattesten til medsøkeren',
    );
    await press(page, 'Sett til godkjent');
    await expect(page.locator('#feil-status-approved')).toContainText(
      'politiattesten til medsøkeren',
    );
    expect(await statusOf(application.reference)).toBe('home_visit');
    await expectNoAxeViolations(page);
  });

  await test.step('a date in the future is refused in Norwegian, under the field', async () => {
    const form = page.locator('#skjema-sjekk-partnerCertificate');
    await form
      .getByLabel(new RegExp(`Politiattesten til medsøkeren, ${partner}`))
      .fill(osloToday(2));
    await form.getByRole('button', { name: 'Lagre' }).click();
    await expect(page.locator('#skjema-sjekk-partnerCertificate')).toContainText(
      'Medsøkerens politiattest kan ikke være utstedt fram i tid',
    );
    await expectNoAxeViolations(page);
  });

  await test.step('checked: who and when, in the history too, and the case is approved', async () => {
    await recordDate(page, 'partnerCertificate', osloToday());
    await expect(page.locator('#skjema-sjekk-partnerCertificate')).toContainText(
      `Medsøkerens politiattest er kontrollert av ${coordinator.name}`,
    );
    await expect(page.locator('.timeline')).toContainText(
      `Medsøkerens politiattest, utstedelsesdato: tomt → ${osloToday()}`,
    );
    await expect(page.getByText('Alt godkjenningen krever er på plass.')).toBeVisible();
    await press(page, 'Sett til godkjent');
    await expect(page.locator('#status')).toHaveText('Godkjent');
    await expectNoAxeViolations(page);
  });
});

test('one applicant: no partner on the case and no partner certificate on the checklist', async ({
  page,
}) => {
  const coordinator = await createUser('coordinator');
  const application = await submitApplication('besokshjem');
  await signIn(page, coordinator.email);
  await openCase(page, application.reference);
  await expect(page.getByText('Jeg søker alene')).toBeVisible();
  await expect(page.getByText('Fullt navn til den du søker sammen med')).toHaveCount(0);
  await expect(page.locator('#skjema-sjekk-partnerCertificate')).toHaveCount(0);
});

test('a decline asks for confirmation first', async ({ page }) => {
  const coordinator = await createUser('coordinator');
  const application = await submitApplication('besokshjem');
  await signIn(page, coordinator.email);
  await openCase(page, application.reference);
  await press(page, 'Sett til under behandling');

  await test.step('without the confirmation the case stays open (browser and server)', async () => {
    await press(page, 'Sett til avslått');
    await expect(page.locator('#status')).toHaveText('Under behandling');
    const response = await page.request.post(
      `/koordinator/sak/${application.reference}/?_action=screening.changeStatus`,
      {
        form: { reference: application.reference, status: 'declined' },
        headers: { Origin: new URL(page.url()).origin },
      },
    );
    expect(response.status()).toBe(422);
    expect(await response.text()).toContain('Kryss av for at du er sikker');
    expect(await statusOf(application.reference)).toBe('in_review');
  });

  await test.step('confirmed: declined', async () => {
    await page.getByLabel(/Jeg er sikker: saken blir avslått/).check();
    await press(page, 'Sett til avslått');
    await expect(page.locator('#status')).toHaveText('Avslått');
    await expectNoAxeViolations(page);
    expect(await statusOf(application.reference)).toBe('declined');
  });
});

test('a note marked as contact shows as the last contact in the queue', async ({ page }) => {
  const coordinator = await createUser('coordinator');
  const application = await submitApplication('tilsynsperson');
  await signIn(page, coordinator.email);
  await openCase(page, application.reference);

  await test.step('the note field warns against sensitive data; an empty note is refused', async () => {
    await expect(page.getByText('Ikke skriv helseopplysninger, personnummer')).toBeVisible();
    await press(page, 'Lagre notatet');
    await expect(page.locator('#notat-error')).toHaveText('Skriv notatet før du lagrer.');
    await expectNoAxeViolations(page);
  });

  await test.step('a contact note is saved and cannot be edited', async () => {
    await page.getByLabel('Nytt notat').fill('Ringte søkeren og avtalte samtale.');
    await page.getByLabel(/Kontakt med søkeren/).check();
    await press(page, 'Lagre notatet');
    await expect(page.getByRole('status')).toContainText('Notatet er lagret.');
    const notes = page.locator('.notes');
    await expect(notes).toContainText('Ringte søkeren og avtalte samtale.');
    await expect(notes.locator('.ds-tag')).toHaveText('Kontakt med søkeren');
    await expect(page.locator('.timeline')).toContainText('Merket som kontakt med søkeren');
    await expectNoAxeViolations(page);
  });

  await test.step('the queue shows today as the last contact', async () => {
    await page.goto(`/koordinator/?sok=${application.reference}`);
    const row = page.getByRole('row', { name: new RegExp(application.reference) });
    await expect(row.getByRole('cell').nth(5)).toHaveText(osloToday());
    await expectNoAxeViolations(page);
  });
});

test('a lead invites a coordinator, who signs in; deactivated, their open session is shut out', async ({
  browser,
}) => {
  const lead = await createUser('lead');
  const leadPage = await (await browser.newContext()).newPage();
  const newPage = await (await browser.newContext()).newPage();
  const email = `invitert-${Date.now().toString(36)}@eksempel.invalid`;
  const name = `Ny Koordinator ${Date.now().toString(36)}`;

  await test.step('the lead invites by e-mail', async () => {
    await signIn(leadPage, lead.email);
    await leadPage.getByRole('link', { name: 'Koordinatorene (team)' }).click();
    await expect(leadPage.getByRole('heading', { level: 1 })).toHaveText('Koordinatorene');
    await expectNoAxeViolations(leadPage);
    await leadPage.getByRole('button', { name: 'Send invitasjon' }).click();
    await expect(leadPage.locator('.ds-error-summary')).toContainText('Skriv inn navnet');
    await expectNoAxeViolations(leadPage);
    await leadPage.getByLabel('Navn').fill(name);
    await leadPage.getByLabel('E-postadresse på jobben').fill(email);
    await leadPage.getByRole('button', { name: 'Send invitasjon' }).click();
    await expect(leadPage.getByRole('status')).toContainText('Invitasjonen er sendt.');
    await expect(leadPage.getByRole('row', { name: new RegExp(name) })).toContainText('Aktiv');
  });

  await test.step('the new coordinator signs in with the code from the invitation and sees the queue', async () => {
    // Within a minute of the invitation Auth sends no second code (one per address a minute):
    // the invitation's code is the one to use; later, a new one would be the newest mail.
    await newPage.goto('/koordinator/logg-inn/');
    await requestCode(newPage, email);
    await newPage.getByLabel('Kode fra e-posten').fill(await codeFor(email, new Date(0)));
    await newPage.getByRole('button', { name: 'Logg inn' }).click();
    await expect(newPage.getByRole('heading', { level: 1 })).toHaveText(`Hei, ${name}`);
    await expect(newPage.getByRole('heading', { name: 'Søknadskøen' })).toBeVisible();
  });

  await test.step('the lead deactivates them; their next request is shut out', async () => {
    await leadPage.getByRole('button', { name: `Deaktiver ${name}` }).click();
    await expect(leadPage.getByRole('status')).toContainText('Koordinatoren er deaktivert');
    await expect(leadPage.getByRole('row', { name: new RegExp(name) })).toContainText('Deaktivert');
    // The list's history, from the audit log: who added and who deactivated them.
    const changes = leadPage.locator('.changes');
    await expect(changes).toContainText(`Lagt til på koordinatorlisten: ${name}`);
    await expect(changes).toContainText(`Koordinator endret: ${name}`);
    await expect(changes).toContainText('Aktiv: ja → nei');
    await expect(changes).toContainText(lead.name);
    await expectNoAxeViolations(leadPage);
    await newPage.goto('/koordinator/');
    await expect(newPage).toHaveURL(/\/koordinator\/logg-inn\/\?melding=ingen-tilgang/);
    await expect(newPage.getByText(name)).toHaveCount(0);
    const [row] = await sql<{ active: boolean }>(
      'select c.active from public.coordinators c join auth.users u on u.id = c.user_id where u.email = $1',
      [email],
    );
    expect(row?.active).toBe(false);
  });
});

test("a lead erases an application at the applicant's request; a coordinator cannot", async ({
  page,
  browser,
}) => {
  const lead = await createUser('lead');
  const plain = await createUser('coordinator');
  const { reference, id } = await submitApplication('besokshjem');
  await test.step('a coordinator who is not a lead sees no erasure, and a post of it is refused', async () => {
    const context = await browser.newContext();
    const other = await context.newPage();
    await signIn(other, plain.email);
    await openCase(other, reference);
    await expect(
      other.getByRole('heading', { name: 'Slette søknaden etter krav fra søkeren' }),
    ).toHaveCount(0);
    await other.request.post(`/koordinator/sak/${reference}/?_action=screening.erase`, {
      form: { reference, confirm: 'ja' },
      headers: { Origin: new URL(other.url()).origin },
      maxRedirects: 0,
    });
    expect(await statusOf(reference)).toBe('received');
    await context.close();
  });
  await signIn(page, lead.email);
  await openCase(page, reference);
  await test.step('without the confirmation nothing is erased', async () => {
    await page.locator('#bekreft-slett').evaluate((el) => el.removeAttribute('required'));
    await press(page, 'Slett søknaden');
    await expect(page.locator('#bekreft-slett-feil')).toContainText('Kryss av for at søkeren');
    expect(await statusOf(reference)).toBe('received');
    await expectNoAxeViolations(page);
  });
  await test.step('confirmed, the application is gone and one audit row without personal data stays', async () => {
    await page.locator('#bekreft-slett').check();
    await press(page, 'Slett søknaden');
    await expect(page).toHaveURL(/\/koordinator\/\?lagret=slettet$/);
    await expect(page.getByRole('status')).toContainText('Søknaden er slettet');
    await expectNoAxeViolations(page);
    expect(await statusOf(reference)).toBeUndefined();
    const rows = await sql<{ changes: unknown }>(
      `select changes from public.audit_log where action = 'erasure' and actor_id = $1`,
      [lead.id],
    );
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(reference);
    expect(JSON.stringify(rows)).not.toContain(id);
  });
});
