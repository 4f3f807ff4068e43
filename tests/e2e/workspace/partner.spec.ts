// Two who apply together, in the workspace: the partner's details on the case page, and the
// partner's police certificate on the checklist before approval; one applicant sees neither.
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
} from './support.ts';
import { TOGETHER } from '../../../src/lib/forms/household.ts';

// Each is a journey through several pages, each page checked with axe: slow on a busy machine.
test.slow('journeys through several pages, each checked with axe');

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
    // The co-applicant's own part and the referees are not this test's subject (household.spec.ts).
    await withE2EDb((db) => completeHousehold(db, application.id));
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
