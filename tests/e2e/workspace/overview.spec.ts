/**
 * The daily overview in the browser: a coordinator finds the settings page from the workspace bar,
 * turns the overview off and on again (a refused answer is told in Norwegian and stores nothing),
 * and the overview e-mail itself, queued as the job queues it and sent by the real
 * `npm run outbox:send` through the loopback Resend, has its counts and links into the queue and
 * passes axe. Every page is checked with axe.
 */
import { spawn } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { projectRoot } from '../../../supabase/local/stack.ts';
import { e2eState } from '../../support/e2e.ts';
import type { DeliveredEmail } from '../../support/resend-mock.ts';
import { createUser, expectNoAxeViolations, signIn, sql } from './support.ts';

interface EmailState {
  email: Record<string, string> & { RESEND_BASE_URL: string };
}
const state = () => e2eState() as ReturnType<typeof e2eState> & EmailState;

/** `npm run outbox:send` against the e2e stack and the loopback Resend. */
function runSender(): Promise<string> {
  const { url, anonKey, serviceRoleKey, email } = state();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['src/cli/outbox-send.ts'], {
      cwd: projectRoot,
      env: {
        PATH: process.env['PATH'] ?? '',
        SUPABASE_URL: url,
        SUPABASE_ANON_KEY: anonKey,
        SUPABASE_SERVICE_ROLE_KEY: serviceRoleKey,
        ...email,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', reject);
    child.on('exit', () => resolve(output));
  });
}

const settingOf = async (userId: string) =>
  (
    await sql<{ daily_overview: boolean }>(
      'select daily_overview from public.coordinator_settings where user_id = $1',
      [userId],
    )
  )[0]?.daily_overview;

test.slow('a journey through several pages, each checked with axe');

test('a coordinator turns the daily overview off and on; a refused answer stores nothing', async ({
  page,
}) => {
  const coordinator = await createUser('coordinator');
  await signIn(page, coordinator.email);

  await test.step('the settings page is linked from the workspace bar; the overview is on', async () => {
    await page.getByRole('link', { name: 'Innstillinger' }).click();
    await expect(page).toHaveURL(/\/koordinator\/innstillinger\/$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Innstillinger');
    await expect(page.getByText('Du får oversikten.')).toBeVisible();
    await expect(page.getByLabel('Ja, send meg oversikten på arbeidsdager')).toBeChecked();
    await expectNoAxeViolations(page);
  });

  await test.step('turned off', async () => {
    await page.getByLabel('Nei, ikke send den').check();
    await page.getByRole('button', { name: 'Lagre' }).click();
    await expect(page.getByText('Innstillingen er lagret.')).toBeVisible();
    await expect(page.getByText('Du får ikke oversikten.')).toBeVisible();
    await expect(page.getByLabel('Nei, ikke send den')).toBeChecked();
    expect(await settingOf(coordinator.id)).toBe(false);
    await expectNoAxeViolations(page);
  });

  await test.step('an answer that is not one of the choices is refused and stores nothing', async () => {
    await page.getByLabel('Ja, send meg oversikten på arbeidsdager').check();
    // As a tampered post would: the chosen value is neither on nor off.
    await page
      .getByLabel('Ja, send meg oversikten på arbeidsdager')
      .evaluate((input: HTMLInputElement) => (input.value = 'kanskje'));
    const answer = page.waitForResponse((r) => r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Lagre' }).click();
    expect((await answer).status()).toBe(422);
    const summary = page.locator('.ds-error-summary');
    await expect(summary).toBeFocused();
    await expect(summary).toContainText('Velg om du vil få den daglige oversikten på e-post.');
    await expect(page).toHaveTitle(/^Feil i skjemaet: /);
    expect(await settingOf(coordinator.id)).toBe(false);
    await expectNoAxeViolations(page);
  });

  await test.step('turned on again', async () => {
    await page.getByLabel('Ja, send meg oversikten på arbeidsdager').check();
    await page.getByRole('button', { name: 'Lagre' }).click();
    await expect(page.getByText('Innstillingen er lagret.')).toBeVisible();
    await expect(page.getByText('Du får oversikten.')).toBeVisible();
    expect(await settingOf(coordinator.id)).toBe(true);
  });
});

test('the overview e-mail: its counts, links into the queue, and no axe violations', async ({
  page,
}) => {
  const lead = await createUser('lead');
  const counts = {
    scope: 'all',
    new_unassigned: 3,
    contact_due_today: 1,
    contact_overdue: 2,
    certificates_expiring: 4,
    referees_waiting: 1,
    co_applicants_pending: 2,
    ended_not_journaled: 5,
  };
  // As private.queue_daily_overviews queues it.
  await sql(
    `insert into public.outbox_messages (template, recipient, subject_id, overview_on, overview_counts)
       values ('daily_overview', 'coordinator', $1, '2026-11-24', $2)`,
    [lead.id, JSON.stringify(counts)],
  );
  const output = await runSender();
  const resend = state().email.RESEND_BASE_URL;
  let email: DeliveredEmail | undefined;
  await expect
    .poll(
      async () => {
        const all = (await (await fetch(`${resend}/_test/delivered`)).json()) as DeliveredEmail[];
        email = all.find((d) => d.payload.to.includes(lead.email));
        return Boolean(email);
      },
      { message: output, timeout: 30_000 },
    )
    .toBe(true);
  const { subject, html = '', text = '' } = email?.payload ?? { subject: '' };
  expect(subject).toBe('Daglig oversikt fra søknadsportalen 24.11.2026');
  for (const line of [
    'Som leder får du tallene for alle sakene.',
    '3 nye søknader som ingen har tatt ennå.',
    '1 søknad har frist for første kontakt i dag.',
    '2 søknader har passert fristen for første kontakt',
    '4 kontrollerte politiattester i åpne saker slutter å gjelde innen 14 dager.',
    '1 referanse har ikke svart 7 dager eller mer',
    '2 medsøkere har ikke bekreftet ennå.',
    '5 avsluttede saker er ikke journalført ennå.',
  ])
    expect(text).toContain(line);

  await page.setContent(html);
  /** Where a link of the e-mail goes in the workspace: its path and query. */
  const hrefOf = async (name: string) => {
    const url = new URL(
      (await page.getByRole('link', { name }).first().getAttribute('href')) ?? '',
    );
    return `${url.pathname}${url.search}`;
  };
  expect(await hrefOf('Se nye søknader i arbeidskøen')).toBe('/koordinator/?visning=nye');
  expect(await hrefOf('Se alle åpne saker')).toBe('/koordinator/?visning=alle');
  expect(await hrefOf('Se sakene som haster')).toBe('/koordinator/?visning=haster');
  expect(await hrefOf('Se avsluttede saker som ikke er journalført')).toBe(
    '/koordinator/?visning=ikke-journalfort',
  );
  expect(await hrefOf('Endre innstillingene dine')).toBe('/koordinator/innstillinger/');
  await expectNoAxeViolations(page);
});
