// Journalføring in the workspace: an ended case waits in the queue's "Avsluttet, ikke
// journalført" until a coordinator records its journalpost or case number on the case page; a
// number of the wrong form is refused in Norwegian and kept in the field; who and when show on the
// page and in the history, and a correction is logged.
import { expect, test } from '@playwright/test';
import {
  createUser,
  expectNoAxeViolations,
  press,
  signIn,
  sql,
  submitApplication,
} from './support.ts';

// A journey through several pages, each page checked with axe: slow on a busy machine.
test.slow('a journey through several pages, each checked with axe');

const stored = async (reference: string) =>
  (
    await sql<{ journal_reference: string | null; journaled_by: string | null }>(
      'select journal_reference, journaled_by from public.applications where reference = $1',
      [reference],
    )
  )[0];

test('an ended case is journalført from the queue through its case page', async ({ page }) => {
  const coordinator = await createUser('coordinator');
  const application = await submitApplication('tilsynsperson');
  // Declined as the SQL editor would, on behalf of the assigned coordinator.
  await sql(
    `update public.applications set status = 'in_review', assigned_to = $2 where reference = $1`,
    [application.reference, coordinator.id],
  );
  await sql(`update public.applications set status = 'declined' where reference = $1`, [
    application.reference,
  ]);
  await signIn(page, coordinator.email);

  await test.step('the queue lists it under "Avsluttet, ikke journalført"', async () => {
    await page.getByRole('link', { name: /^Avsluttet, ikke journalført \(\d+\)$/ }).click();
    await expect(page).toHaveURL(/visning=ikke-journalfort/);
    await page.getByLabel('Søk på referanse eller navn').fill(application.reference);
    await press(page, 'Søk');
    const row = page.getByRole('row', { name: new RegExp(application.reference) });
    await expect(row).toContainText('Avslått');
    await expect(row).toContainText(application.name);
    await expectNoAxeViolations(page);
    await row.getByRole('link', { name: application.reference }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(
      `Sak ${application.reference}`,
    );
  });

  const section = page.locator('section', { has: page.locator('#journalforing') });
  const field = page.getByLabel('Journalpost- eller saksnummer', { exact: true });

  await test.step('not journalført yet: the page says the case is kept until it is', async () => {
    await expect(page.locator('#journal-status')).toHaveText(
      'Ikke journalført ennå. Saken er avsluttet. Den slettes ikke fra portalen før den er journalført i kommunens sak/arkivsystem.',
    );
  });

  await test.step('an empty or malformed number is refused in Norwegian, kept, nothing stored', async () => {
    await press(page, 'Registrer som journalført');
    await expect(page.locator('#journalnummer-error')).toHaveText(
      'Skriv journalpostnummeret eller saksnummeret fra sak/arkivsystemet.',
    );
    await field.fill('2026-1234');
    await press(page, 'Registrer som journalført');
    await expect(page.locator('#journalnummer-error')).toHaveText(
      'Skriv nummeret slik sak/arkivsystemet viser det, for eksempel 2026/1234-1, 26/1234-1 eller 2026/1234.',
    );
    await expect(field).toHaveValue('2026-1234');
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(page).toHaveTitle(/^Feil: /);
    expect(await stored(application.reference)).toEqual({
      journal_reference: null,
      journaled_by: null,
    });
    await expectNoAxeViolations(page);
  });

  await test.step('a number as the archive system prints it is recorded with who and when', async () => {
    await field.fill(' 2026/1234-1 ');
    await press(page, 'Registrer som journalført');
    await expect(page.getByRole('status')).toContainText('Journalføringen er lagret.');
    await expect(page.locator('#journal-status')).toContainText(
      `Journalført i kommunens sak/arkivsystem med nummer 2026/1234-1, registrert av ${coordinator.name}`,
    );
    await expect(page.locator('.timeline')).toContainText('Journalnummer: tomt → 2026/1234-1');
    expect(await stored(application.reference)).toEqual({
      journal_reference: '2026/1234-1',
      journaled_by: coordinator.id,
    });
    await expectNoAxeViolations(page);
  });

  await test.step('a correction is saved and shows in the history', async () => {
    const correct = section.getByLabel('Rett journalpost- eller saksnummeret');
    await expect(correct).toHaveValue('2026/1234-1');
    await correct.fill('2026/1234-2');
    await press(page, 'Lagre det rettede nummeret');
    await expect(page.getByRole('status')).toContainText('Journalføringen er lagret.');
    await expect(page.locator('.timeline')).toContainText('Journalføringen rettet');
    await expect(page.locator('.timeline')).toContainText(
      'Journalnummer: 2026/1234-1 → 2026/1234-2',
    );
    expect((await stored(application.reference))?.journal_reference).toBe('2026/1234-2');
  });

  await test.step('the queue no longer lists it', async () => {
    await page.goto(`/koordinator/?visning=ikke-journalfort&sok=${application.reference}`);
    await expect(page.getByRole('status')).toContainText(
      `Ingen søknader i «Avsluttet, ikke journalført» passer med «${application.reference}».`,
    );
    await expectNoAxeViolations(page);
  });
});
