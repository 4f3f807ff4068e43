// The team page: a lead invites a coordinator, who signs in with the code from the mail; once
// deactivated, their open session is shut out.
import { expect, test } from '@playwright/test';
import { createUser, expectNoAxeViolations, signIn, sql } from './support.ts';
import { codeFor, requestCode } from '../coordinator/support.ts';

// Each is a journey through several pages, each page checked with axe: slow on a busy machine.
test.slow('journeys through several pages, each checked with axe');

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

test('a lead who sends their own id in upper case to deactivate themselves is refused in Norwegian', async ({
  page,
}) => {
  const lead = await createUser('lead');
  await signIn(page, lead.email);
  await page.goto('/koordinator/team/');
  // The page offers no deactivation of oneself; a hand-made post sends the own id in upper case
  // (a UUID in any case names the same user) through the role form of the lead's own row.
  const ownRow = page.getByRole('row', { name: new RegExp(`${lead.name} \\(deg\\)`) });
  const button = ownRow.getByRole('button', { name: `Gjør ${lead.name} til koordinator` });
  const form = button.locator('xpath=ancestor::form');
  await form.evaluate((element, id) => {
    const field = (name: string) =>
      element.querySelector<HTMLInputElement>(`input[name="${name}"]`) as HTMLInputElement;
    field('userId').value = id;
    field('change').value = 'deactivate';
  }, lead.id.toUpperCase());
  await button.click();
  await expect(ownRow.getByRole('alert')).toHaveText(
    'Du kan ikke deaktivere deg selv. Be en annen leder om det.',
  );
  await expectNoAxeViolations(page);
  const [row] = await sql<{ active: boolean; role: string }>(
    'select active, role from public.coordinators where user_id = $1',
    [lead.id],
  );
  expect(row).toEqual({ active: true, role: 'lead' });
});
