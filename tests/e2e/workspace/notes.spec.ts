// Notes on a case, in the workspace: a note marked as contact shows as the last contact in the
// queue.
import { expect, test } from '@playwright/test';
import {
  createUser,
  expectNoAxeViolations,
  openCase,
  osloToday,
  press,
  signIn,
  submitApplication,
} from './support.ts';

// Each is a journey through several pages, each page checked with axe: slow on a busy machine.
test.slow('journeys through several pages, each checked with axe');

test('a note marked as contact shows as the last contact in the queue', async ({ page }) => {
  const coordinator = await createUser('coordinator');
  const application = await submitApplication('tilsynsperson');
  await signIn(page, coordinator.email);
  await openCase(page, application.reference);

  await test.step('the note field warns against sensitive data; an empty note is refused', async () => {
    await expect(page.getByText('Ikke skriv helseopplysninger, fødselsnummer')).toBeVisible();
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
