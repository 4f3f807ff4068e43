// Erasure on request, in the workspace: a lead erases an application after confirming; a
// coordinator cannot.
import { expect, test } from '@playwright/test';
import {
  createUser,
  expectNoAxeViolations,
  openCase,
  press,
  signIn,
  sql,
  statusOf,
  submitApplication,
} from './support.ts';

// Each is a journey through several pages, each page checked with axe: slow on a busy machine.
test.slow('journeys through several pages, each checked with axe');

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
