// The archive copy through the routes: a coordinator downloads a case's PDF/A copy from the case
// page; a lead exports ended cases as a ZIP from /koordinator/arkiv/ (a refused date keeps what
// was typed); a coordinator who is not a lead gets no ZIP. Both answers are no-store, and their
// file names carry the reference, never a name. The copy holds the co-applicant's own part and the
// referees' states and answers. Anon and others are refused in access.spec.ts.
import { unzipSync } from 'fflate';
import { expect, test } from '@playwright/test';
import { oneLine, readPdf } from '../../support/poppler.ts';
import { TOGETHER } from '../../../src/lib/forms/household.ts';
import {
  createUser,
  expectNoAxeViolations,
  openCase,
  signIn,
  sql,
  submitApplication,
} from './support.ts';

test.slow('journeys through several pages, each checked with axe');

test('a coordinator downloads the archive copy of a case from the case page', async ({ page }) => {
  const coordinator = await createUser('coordinator');
  const application = await submitApplication('tilsynsperson');
  await signIn(page, coordinator.email);
  await openCase(page, application.reference);
  await expectNoAxeViolations(page);
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Last ned arkivkopi av saken (PDF)' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`arkivkopi-${application.reference}.pdf`);

  const response = await page.request.get(`/koordinator/sak/${application.reference}/arkiv.pdf`);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('application/pdf');
  expect(response.headers()['cache-control']).toBe('no-store');
  expect(response.headers()['content-disposition']).not.toContain(application.name);
  const pdf = readPdf(await response.body());
  expect(pdf.meta).toContain('<pdfaid:part>2</pdfaid:part>');
  expect(pdf.text).toContain(application.name);

  const missing = await page.request.get('/koordinator/sak/BH-2222-2222/arkiv.pdf');
  expect(missing.status()).toBe(404);
});

test('a lead exports ended cases as a ZIP; a wrong date is said and kept', async ({ page }) => {
  const lead = await createUser('lead');
  const ended = await submitApplication('tilsynsperson');
  await sql(`update public.applications set status = 'withdrawn', assigned_to = $2 where id = $1`, [
    ended.id,
    lead.id,
  ]);
  await signIn(page, lead.email);
  await page.getByRole('link', { name: 'Arkivkopier' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Arkivkopier');
  await expectNoAxeViolations(page);

  await page.getByLabel('Avsluttet fra og med (valgfritt)').fill('31.02.2026');
  await page.getByRole('button', { name: 'Last ned ZIP-fil' }).click();
  await expect(page).toHaveURL(/\/koordinator\/arkiv\/\?fra=31.02.2026/);
  await expect(page.locator('.ds-error-summary')).toContainText('Skriv fra-datoen som dd.mm.åååå');
  await expect(page.getByLabel('Avsluttet fra og med (valgfritt)')).toHaveValue('31.02.2026');
  await expectNoAxeViolations(page);

  const response = await page.request.get('/koordinator/arkiv/arkivkopier.zip?fra=&til=');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('application/zip');
  expect(response.headers()['cache-control']).toBe('no-store');
  expect(response.headers()['content-disposition']).toMatch(
    /filename="arkivkopier-\d{4}-\d{2}-\d{2}\.zip"/,
  );
  const files = unzipSync(new Uint8Array(await response.body()));
  expect(Object.keys(files)).toContain(`${ended.reference}/arkivmelding.xml`);
  expect(Object.keys(files)).toContain(`${ended.reference}/arkivkopi-${ended.reference}.pdf`);
  expect(Object.keys(files).join('\n')).not.toContain(ended.name);
});

test('a coordinator who is not a lead gets no ZIP', async ({ page }) => {
  const coordinator = await createUser('coordinator');
  await signIn(page, coordinator.email);
  await page.goto('/koordinator/arkiv/');
  await expect(
    page.getByText('Bare ledere kan laste ned arkivkopier av mange saker.'),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Last ned ZIP-fil' })).toHaveCount(0);
  await expectNoAxeViolations(page);
  const response = await page.request.get('/koordinator/arkiv/arkivkopier.zip');
  expect(response.status()).toBe(403);
  expect(response.headers()['content-type']).not.toBe('application/zip');
});

test("the archive copy holds the co-applicant's part and the referees' states and answers, in the case PDF and the export", async ({
  page,
}) => {
  const lead = await createUser('lead');
  const tag = Math.random().toString(36).slice(2, 8);
  const application = await submitApplication('besokshjem', {
    applying_with: TOGETHER,
    partner_name: `Medsøker ${tag}`,
    partner_phone: '98765432',
    partner_email: `medsoker.${tag}@example.no`,
    adults: 2,
    others_informed: 'ja',
  });
  // The states as the link pages and the coordinator would leave them, arranged as the owner.
  await sql(
    `update public.co_applicant_parts
        set status = 'confirmed', answered_at = now(), over_18 = true, phone = '93456789',
            call_time = 'dagtid', certificate_status = 'bestiller', privacy_version = '2.3'
      where application_id = $1`,
    [application.id],
  );
  await sql(
    `update public.referees
        set status = 'answered', requested_at = now(), expires_at = now() + interval '21 days',
            answered_at = now(), answers = jsonb_build_object('med-barn', $2::text)
      where application_id = $1 and position = 1`,
    [application.id, `Rolig og trygg ${tag}`],
  );
  await sql(
    `update public.referees
        set status = 'by_phone', answered_at = now(), phone_note = $2, recorded_by = $3
      where application_id = $1 and position = 2`,
    [application.id, `Ringte ${tag}`, lead.id],
  );
  const expected = [
    'Medsøkerens del',
    `Medsøker ${tag} bekreftet`,
    'Telefonnummer 93456789',
    'Bestiller politiattest',
    'Referanser',
    `Hvordan er ${application.name} sammen med barn?`,
    `Rolig og trygg ${tag}`,
    'Tatt på telefon av',
    `Notat fra samtalen Ringte ${tag}`,
  ];
  await signIn(page, lead.email);

  const response = await page.request.get(`/koordinator/sak/${application.reference}/arkiv.pdf`);
  expect(response.status()).toBe(200);
  const pdf = readPdf(await response.body());
  expect(pdf.info).toMatch(/^Tagged:\s+yes$/m);
  expect(pdf.fonts.filter((font) => !font.embedded)).toEqual([]);
  for (const text of expected) expect(pdf.text).toContain(oneLine(text));

  await sql(`update public.applications set status = 'withdrawn', assigned_to = $2 where id = $1`, [
    application.id,
    lead.id,
  ]);
  const zip = await page.request.get('/koordinator/arkiv/arkivkopier.zip?fra=&til=');
  expect(zip.status()).toBe(200);
  const files = unzipSync(new Uint8Array(await zip.body()));
  const copy = files[`${application.reference}/arkivkopi-${application.reference}.pdf`];
  expect(copy).toBeDefined();
  const exported = readPdf(copy!);
  for (const text of expected) expect(exported.text).toContain(oneLine(text));
});
