// A coordinator screening a case in the workspace, through the built site on a throwaway stack:
// from received to approved by keyboard alone, an approval the database refuses, and a decline
// that asks first. Every change is a form post that the database accepts or refuses as that
// coordinator.
import { expect, test } from '@playwright/test';
import { withE2EDb } from '../../support/e2e.ts';
import { completeHousehold } from '../../support/screening.ts';
import {
  createUser,
  expectNoAxeViolations,
  openCase,
  osloToday,
  press,
  recordDate,
  signIn,
  statusOf,
  submitApplication,
  submitWith,
  tabTo,
} from './support.ts';

// Each is a journey through several pages, each page checked with axe: slow on a busy machine.
test.slow('journeys through several pages, each checked with axe');

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
    // The referees' answers are not this test's subject: given as the database owner.
    await withE2EDb((db) => completeHousehold(db, application.id));
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
