// The lead's numbers page (/koordinator/tall/): a lead chooses the period and role and reads the
// figures in tables beside SVG charts, "under 5" for a count of 1–4, and downloads the same as CSV;
// a wrong month is refused in Norwegian and kept; a coordinator who is not a lead gets neither
// page figures nor CSV. The cases are received in a year of the 1900s chosen per run (backdated as
// the superuser; the counting triggers follow), so no other test's cases are in the figures.
import { expect, test } from '@playwright/test';
import { createUser, expectNoAxeViolations, signIn, sql, submitApplication } from './support.ts';

test.slow('a journey through several pages, each checked with axe');

test('a lead chooses period and role, reads tables and charts, downloads the CSV; a coordinator is refused', async ({
  browser,
}) => {
  const year = 1950 + Math.floor(Math.random() * 50);
  // Six supervisors in January (one approved would be under 5: none are decided), two in February,
  // and one visit home in January (left out when the role is chosen).
  const plan: (readonly ['tilsynsperson' | 'besokshjem', string])[] = [
    ...Array.from({ length: 6 }, () => ['tilsynsperson', `${year}-01-10`] as const),
    ...Array.from({ length: 2 }, () => ['tilsynsperson', `${year}-02-10`] as const),
    ['besokshjem', `${year}-01-12`] as const,
  ];
  for (const [kind, day] of plan) {
    const { id } = await submitApplication(kind);
    await sql(
      `update public.applications set received_at = ($2::date + time '10:00') at time zone 'Europe/Oslo' where id = $1`,
      [id, day],
    );
  }

  const lead = await createUser('lead');
  const page = await (await browser.newContext()).newPage();

  await test.step('the lead finds the numbers from the queue page', async () => {
    await signIn(page, lead.email);
    await page.getByRole('link', { name: 'Tall for rekrutteringen' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tall for rekrutteringen');
    await expect(page.getByText('Tallene er komplette for alle måneder.')).toBeVisible();
    await expectNoAxeViolations(page);
  });

  await test.step('a wrong month is refused in Norwegian and kept as typed', async () => {
    await page.getByLabel('Første måned').fill('13.' + year);
    await page.getByRole('button', { name: 'Vis tallene' }).click();
    await expect(page.locator('.ds-error-summary')).toContainText(
      'Skriv første måned som mm.åååå, for eksempel 03.2026.',
    );
    await expect(page.getByLabel('Første måned')).toHaveValue(`13.${year}`);
    await expectNoAxeViolations(page);
  });

  await test.step('the period and role chosen give the known figures, under 5 where 1–4', async () => {
    await page.getByLabel('Første måned').fill(`01.${year}`);
    await page.getByLabel('Siste måned').fill(`02.${year}`);
    await page.getByLabel('Rolle').selectOption('tilsynsperson');
    await page.getByRole('button', { name: 'Vis tallene' }).click();
    await expect(page).toHaveURL(new RegExp(`fra=01.${year}&til=02.${year}&rolle=tilsynsperson`));
    const table = page.getByRole('table', {
      name: `Tilsynsperson, januar ${year} – februar ${year}`,
    });
    const cells = async (row: string) =>
      (
        await table
          .getByRole('row', { name: new RegExp(`^${row}`) })
          .getByRole('cell')
          .allInnerTexts()
      ).slice(0, 2);
    expect(await cells(`januar ${year}`)).toEqual(['6', '0']);
    expect(await cells(`februar ${year}`)).toEqual(['under 5', '0']);
    expect(await cells('Hele perioden')).toEqual(['8', '0']);
    // Each chart is a picture drawn on the server, beside a table with the same figures.
    const received = page.getByRole('figure', { name: 'Søknader mottatt', exact: true });
    await expect(received.getByRole('img')).toBeVisible();
    await expect(received.getByRole('row', { name: /^feb\./ })).toContainText('under 5');
    await expect(received.locator('svg')).toContainText('under 5');
    await expect(received.locator('svg rect')).toHaveCount(1);
    // Both roles: the visit home in January counts too.
    await page.getByLabel('Rolle').selectOption('');
    await page.getByRole('button', { name: 'Vis tallene' }).click();
    const both = page.getByRole('table', {
      name: `Begge roller, januar ${year} – februar ${year}`,
    });
    await expect(
      both
        .getByRole('row', { name: new RegExp(`^januar ${year}`) })
        .getByRole('cell')
        .first(),
    ).toHaveText('7');
    await expectNoAxeViolations(page);
  });

  await test.step('the CSV has the same figures, under 5 too', async () => {
    const href = await page
      .getByRole('link', { name: 'Last ned tallene som CSV-fil' })
      .getAttribute('href');
    const answer = await page.request.get(href ?? '');
    expect(answer.status()).toBe(200);
    expect(answer.headers()['content-type']).toContain('text/csv');
    const lines = (await answer.text()).split('\r\n');
    expect(lines[0]).toContain('Måned;Rolle;Mottatt;Kontaktet innen fristen');
    expect(lines[1]).toMatch(new RegExp(`^${year}-01;Begge roller;7;0;`));
    expect(lines[2]).toMatch(new RegExp(`^${year}-02;Begge roller;under 5;0;`));
    expect(lines[3]).toMatch(/^Hele perioden;Begge roller;9;0;/);
  });

  await test.step('a coordinator who is not a lead gets neither the figures nor the CSV', async () => {
    const coordinator = await createUser('coordinator');
    const other = await (await browser.newContext()).newPage();
    await signIn(other, coordinator.email);
    await expect(other.getByRole('link', { name: 'Tall for rekrutteringen' })).toHaveCount(0);
    const answer = await other.goto(`/koordinator/tall/?fra=01.${year}&til=02.${year}`);
    expect(answer?.status()).toBe(403);
    await expect(other.getByRole('status')).toContainText('Bare ledere kan se tallene');
    await expect(other.getByRole('table')).toHaveCount(0);
    await expectNoAxeViolations(other);
    const csv = await other.request.get(`/koordinator/tall/tall.csv?fra=01.${year}&til=02.${year}`);
    expect(csv.status()).toBe(403);
    expect(await csv.text()).not.toContain(';');
  });
});
