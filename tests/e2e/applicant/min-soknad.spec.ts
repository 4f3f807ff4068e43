/**
 * "Min søknad" in the browser: the applicant's journey (apply, the link from the e-mail, the
 * status, a status e-mail when a coordinator schedules a conversation, a corrected phone number,
 * the download, the withdrawal the coordinator sees in the history), the same answer for an
 * unknown address, used and expired links, another application out of reach by every path of the
 * site, nothing of the service's own (notes, checklist actors, referees' answers) on the page, the
 * applicant's and the coordinator's sessions kept apart both ways, a new e-mail address that is
 * the one we have (nothing sent), and axe on every page. The applicant's pages run with JavaScript
 * off and load no script.
 */
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { expectNoAxeViolations } from '../../support/axe.ts';
import { e2eState, withE2EDb } from '../../support/e2e.ts';
import { fillQuickly, formPath, uniqueEmail, validAnswers } from '../forms/helpers.ts';
import {
  createUser,
  openCase,
  press,
  signIn,
  sql,
  submitApplication,
} from '../workspace/support.ts';
import {
  awaitEmail,
  emailsTo,
  expectNoAxeViolationsNoScript,
  linkPath,
  openSession,
  signInLink,
} from './helpers.ts';

/** A browser context for the applicant: JavaScript off, and every script request recorded. */
async function applicantContext(browser: Browser) {
  const context = await browser.newContext({
    baseURL: e2eState().baseURL,
    javaScriptEnabled: false,
  });
  const scripts: string[] = [];
  context.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(r.url());
  });
  return { context, page: await context.newPage(), scripts };
}

const phoneOf = async (reference: string) =>
  (
    await sql<{ phone: string }>('select phone from public.applications where reference = $1', [
      reference,
    ])
  )[0]?.phone;

test('the journey: apply, sign in from the e-mail, follow the status, change the phone, download, withdraw', async ({
  page,
  browser,
}) => {
  // Seven pages, nine axe checks, a coordinator's sign-in and three e-mails: 53 s on a quiet
  // machine, 2.3 min at load average 12, where the default 180 s once ran out. Three times the
  // default, as the other long journeys have.
  test.setTimeout(3 * test.info().timeout);
  const email = uniqueEmail();
  const firstName = `Kari${randomUUID().slice(0, 4)}`;
  let reference = '';

  await test.step('apply through the form; the receipt page links to Min søknad', async () => {
    const answers = validAnswers('besokshjem', { email, fullName: `${firstName} Søkersen` });
    await page.goto(formPath('besokshjem'));
    await fillQuickly(page, 'besokshjem', answers);
    await page.getByRole('button', { name: 'Gå videre til oppsummering' }).click();
    await page.getByRole('button', { name: 'Send søknaden' }).click();
    await page.waitForURL(/\/soknad\/kvittering\/\?ref=/);
    reference = ((await page.locator('.code').textContent()) ?? '').trim();
    await expect(page.getByRole('link', { name: 'Min søknad' })).toHaveAttribute(
      'href',
      '/min-soknad/',
    );
    const receipt = await awaitEmail(email, 'Vi har mottatt søknaden din');
    expect(receipt.payload.text).toContain('/min-soknad/');
  });

  const applicant = await applicantContext(browser);
  const ap = applicant.page;

  await test.step('ask for a link; the e-mail has the first name only, the link opens the page', async () => {
    await ap.goto('/min-soknad/');
    await expectNoAxeViolationsNoScript(ap);
    await ap.getByLabel('E-postadresse').fill(email.toUpperCase());
    await ap.getByRole('button', { name: 'Send meg en lenke' }).click();
    await expect(ap.getByRole('heading', { level: 1 })).toHaveText('Sjekk e-posten din');
    await expectNoAxeViolationsNoScript(ap);
    const message = await awaitEmail(email, 'Lenke for å logge inn');
    const text = message.payload.text ?? '';
    expect(text).toContain(`Hei, ${firstName}.`);
    expect(`${message.payload.subject}${text}${message.payload.html}`).not.toContain('Søkersen');
    expect(text).not.toContain(reference);
    const path = linkPath(text, '/min-soknad/inn/');
    // GET shows a button only: a mail scanner fetching the link does not use it up.
    await ap.goto(path);
    await expectNoAxeViolationsNoScript(ap);
    await openSession(ap, path);
  });

  await test.step('the page: "Mottatt", the steps, the answers as given; the cookie is the contract’s', async () => {
    await expect(ap.locator('.facts')).toContainText('Mottatt');
    await expect(ap.getByText('Søknaden er mottatt: Ferdig')).toBeVisible();
    await expect(ap.getByText('Første samtale: Pågår nå')).toBeVisible();
    await expect(ap.locator('.answers')).toContainText(`${firstName} Søkersen`);
    await expect(ap.locator('.answers')).toContainText('Fullt navn');
    await expectNoAxeViolationsNoScript(ap);
    const [cookie] = (await applicant.context.cookies()).filter((c) => c.name === 'min_soknad');
    expect(cookie).toMatchObject({ path: '/min-soknad/', httpOnly: true, sameSite: 'Lax' });
    expect(cookie?.expires).toBeGreaterThan(Date.now() / 1000);
    expect(cookie?.expires).toBeLessThanOrEqual(Date.now() / 1000 + 2 * 3600 + 60);
  });

  await test.step('a coordinator schedules a conversation; the status e-mail comes, the page shows it', async () => {
    const coordinator = await createUser('coordinator');
    await signIn(page, coordinator.email);
    await openCase(page, reference);
    await press(page, 'Sett til under behandling');
    await press(page, 'Sett til samtale avtalt');
    await expect(page.locator('#status')).toHaveText('Samtale avtalt');
    const status = await awaitEmail(email, 'samtale avtalt');
    expect(status.payload.text).toContain(`Hei, ${firstName}.`);
    expect(status.payload.text).toContain('/min-soknad/');
    expect(`${status.payload.subject}${status.payload.text}`).not.toContain(reference);
    await ap.reload();
    await expect(ap.locator('.facts')).toContainText('Samtale avtalt');
  });

  await test.step('change the phone number; a bad one comes back with the error and what was typed', async () => {
    await ap.getByRole('link', { name: /Endre telefon/ }).click();
    await expectNoAxeViolationsNoScript(ap);
    await ap.getByLabel('Telefonnummer').fill('12');
    await ap.getByRole('button', { name: 'Lagre endringene' }).click();
    await expect(ap.locator('.ds-error-summary')).toContainText('norsk telefonnummer med 8 siffer');
    await expect(ap.getByLabel('Telefonnummer')).toHaveValue('12');
    await expectNoAxeViolationsNoScript(ap);
    expect(await phoneOf(reference)).not.toBe('12');
    await ap.getByLabel('Telefonnummer').fill('934 56 780');
    await ap.getByRole('button', { name: 'Lagre endringene' }).click();
    await expect(ap).toHaveURL(/\/min-soknad\/\?endret=kontakt$/);
    await expect(ap.getByText('Kontaktopplysningene er endret.')).toBeVisible();
    expect(await phoneOf(reference)).toBe('93456780');
  });

  await test.step('download the answers: a tagged PDF in Norwegian, with the answers', async () => {
    const response = await ap.request.get(`/min-soknad/svar.pdf?sak=${reference}`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/pdf');
    expect(response.headers()['cache-control']).toBe('no-store');
    const pdf = (await response.body()).toString('latin1');
    expect(pdf.startsWith('%PDF-1.7')).toBe(true);
    expect(pdf).toContain('/StructTreeRoot');
    expect(pdf).toContain('/MarkInfo');
    expect(pdf).toMatch(/\/Lang \(nb-NO\)/);
    expect(pdf).toContain('/FontFile2');
  });

  await test.step('withdraw after a confirmation; the coordinator sees "Trukket av søkeren"', async () => {
    await ap.goto('/min-soknad/');
    await ap.getByRole('link', { name: 'Trekk søknaden' }).click();
    await expect(ap.getByRole('heading', { level: 1 })).toHaveText('Vil du trekke søknaden?');
    await expectNoAxeViolationsNoScript(ap);
    await ap.getByRole('button', { name: 'Ja, trekk søknaden' }).click();
    await expect(ap).toHaveURL(/\/min-soknad\/\?endret=trukket$/);
    await expect(ap.locator('.facts')).toContainText('Trukket av deg');
    await expect(ap.getByRole('link', { name: 'Trekk søknaden' })).toHaveCount(0);
    await expectNoAxeViolationsNoScript(ap);
    await openCase(page, reference);
    await expect(page.locator('#status')).toHaveText('Trukket av søkeren');
    await expect(
      page.locator('#historikk, section:has(h2:text("Historikk"))').first(),
    ).toContainText('Trukket av søkeren');
    // The applicant who withdrew gets the page's confirmation, not a status e-mail.
    expect(await emailsTo(email, 'avsluttet')).toHaveLength(0);
  });

  await test.step('"Logg ut" ends the session: the cookie is gone, the page asks for a link', async () => {
    const before = (await applicant.context.cookies()).find((c) => c.name === 'min_soknad');
    await ap.getByRole('button', { name: 'Logg ut' }).click();
    await expect(ap.getByText('Du er logget ut.')).toBeVisible();
    expect(
      (await applicant.context.cookies()).find((c) => c.name === 'min_soknad'),
    ).toBeUndefined();
    // The ended session's cookie, put back, opens nothing.
    await applicant.context.addCookies([{ ...before!, sameSite: 'Lax' }]);
    await ap.goto('/min-soknad/');
    await expect(ap.getByRole('button', { name: 'Send meg en lenke' })).toBeVisible();
  });

  expect(applicant.scripts).toEqual([]);
  await applicant.context.close();
});

test('an unknown address gets the same answer as a known one, and no e-mail', async ({
  browser,
}) => {
  const known = await submitApplication('tilsynsperson', { email: uniqueEmail() });
  const [row] = await sql<{ email: string }>(
    'select email from public.applications where reference = $1',
    [known.reference],
  );
  const answers: string[] = [];
  const unknown = uniqueEmail();
  for (const address of [row?.email ?? '', unknown]) {
    const { context, page } = await applicantContext(browser);
    await page.goto('/min-soknad/');
    await page.getByLabel('E-postadresse').fill(address);
    await page.getByRole('button', { name: 'Send meg en lenke' }).click();
    await expect(page).toHaveURL(/\/min-soknad\/\?lenke=sendt$/);
    answers.push(await page.locator('main').innerText());
    await context.close();
  }
  expect(answers[1]).toBe(answers[0]);
  await awaitEmail(row?.email ?? '', 'Lenke for å logge inn');
  expect(await emailsTo(unknown, 'Lenke for å logge inn')).toEqual([]);
});

test('a used link and an expired link open nothing and offer a new one', async ({ browser }) => {
  const application = await submitApplication('besokshjem', { email: uniqueEmail() });
  const { context, page } = await applicantContext(browser);
  const path = await signInLink(application.id);
  await openSession(page, path);
  await context.clearCookies();

  await page.goto(path);
  await page.getByRole('button', { name: 'Logg inn og se søknaden' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lenken er allerede brukt');
  await expect(page.getByRole('link', { name: 'Be om en ny lenke' })).toBeVisible();
  await expectNoAxeViolationsNoScript(page);

  const expired = await signInLink(application.id);
  await withE2EDb((db) =>
    db.query(
      `update private.link_tokens set expires_at = now() - interval '1 minute'
        where application_id = $1 and purpose = 'applicant' and used_at is null`,
      [application.id],
    ),
  );
  await page.goto(expired);
  await page.getByRole('button', { name: 'Logg inn og se søknaden' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lenken er utløpt');
  await expectNoAxeViolationsNoScript(page);

  const response = await page.goto('/min-soknad/inn/ikke-en-lenke/');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lenken virker ikke');
  expect((await context.cookies()).find((c) => c.name === 'min_soknad')).toBeUndefined();
  await context.close();
});

test('another application is out of reach: the pages, the download and the Action with its reference', async ({
  browser,
}) => {
  const mine = await submitApplication('besokshjem', { email: uniqueEmail() });
  const theirs = await submitApplication('besokshjem', { email: uniqueEmail(), phone: '41234567' });
  const { context, page } = await applicantContext(browser);
  await openSession(page, await signInLink(mine.id));
  await expect(page.locator('main')).not.toContainText(theirs.reference);

  for (const path of ['endre', 'trekk', 'slett'])
    expect((await page.goto(`/min-soknad/${path}/?sak=${theirs.reference}`))?.status()).toBe(404);
  // The refusal is words, never cached and never indexed, as the file itself.
  const refused = await page.request.get(`/min-soknad/svar.pdf?sak=${theirs.reference}`);
  expect(refused.status()).toBe(404);
  expect(await refused.text()).toBe('Fant ikke søknaden.');
  expect(refused.headers()['content-type']).toBe('text/plain; charset=utf-8');
  expect(refused.headers()['cache-control']).toBe('no-store');
  expect(refused.headers()['x-robots-tag']).toBe('noindex, nofollow');
  expect(refused.headers()['referrer-policy']).toBe('same-origin');

  // The change form's own Action: with my reference it saves (a control), with theirs nothing.
  await page.goto(`/min-soknad/endre/?sak=${mine.reference}`);
  const action = await page
    .locator('form:has(button:text("Lagre endringene"))')
    .getAttribute('action');
  const post = (reference: string, path = action ?? '') =>
    page.request.post(path, {
      headers: { origin: e2eState().baseURL },
      form: {
        reference,
        phone: '99999999',
        callTime: 'dagtid',
        streetAddress: 'Andre vei 1',
        postcode: '7010',
        postalPlace: 'Trondheim',
      },
      maxRedirects: 0,
    });
  expect((await post(mine.reference)).status()).toBe(303);
  expect(await phoneOf(mine.reference)).toBe('99999999');
  expect((await post(theirs.reference)).status()).toBe(404);
  expect(await phoneOf(theirs.reference)).toBe('41234567');
  // And the withdrawal's Action with their reference.
  const withdraw = await page.request.post('/min-soknad/trekk/?_action=applicant.withdraw', {
    headers: { origin: e2eState().baseURL },
    form: { reference: theirs.reference },
    maxRedirects: 0,
  });
  expect(withdraw.status()).toBe(404);
  const [status] = await sql<{ status: string }>(
    'select status from public.applications where id = $1',
    [theirs.id],
  );
  expect(status?.status).toBe('received');
  await context.close();
});

test('the page shows none of the service’s own: notes, who ticked the checklist, referees’ answers', async ({
  browser,
}) => {
  const coordinator = await createUser('coordinator');
  const application = await submitApplication('besokshjem', { email: uniqueEmail() });
  await sql(
    `insert into public.application_notes (application_id, author_id, body)
     values ($1, $2, 'INTERNT-NOTAT-hemmelig')`,
    [application.id, coordinator.id],
  );
  // The certificate recorded by the assigned coordinator: the checklist knows who and when.
  await sql('update public.applications set assigned_to = $2 where id = $1', [
    application.id,
    coordinator.id,
  ]);
  await sql(
    'update public.application_checklists set certificate_issued_on = current_date where application_id = $1',
    [application.id],
  );
  await sql(
    `update public.referees set status = 'by_phone', answered_at = now(),
       phone_note = 'REFERANSE-SVAR-hemmelig', recorded_by = $2
      where application_id = $1 and position = 1`,
    [application.id, coordinator.id],
  );
  const { context, page: ap } = await applicantContext(browser);
  await openSession(ap, await signInLink(application.id));
  const text = await ap.locator('body').innerText();
  expect(text).not.toContain('INTERNT-NOTAT');
  expect(text).not.toContain('REFERANSE-SVAR');
  expect(text).not.toContain(coordinator.name);
  // The step is shown as done, without who or when.
  await expect(ap.getByText('Politiattest: Ferdig')).toBeVisible();
  const pdf = (
    await (await ap.request.get(`/min-soknad/svar.pdf?sak=${application.reference}`)).body()
  ).toString('latin1');
  expect(pdf).not.toContain('INTERNT-NOTAT');
  await context.close();
});

test('sessions apart: an applicant’s cookie never opens the workspace, a coordinator’s never opens Min søknad', async ({
  browser,
}) => {
  const application = await submitApplication('tilsynsperson', { email: uniqueEmail() });
  const { context, page } = await applicantContext(browser);
  await openSession(page, await signInLink(application.id));
  const cookie = (await context.cookies()).find((c) => c.name === 'min_soknad')!;
  // Even sent to /koordinator/ on purpose (the browser never would: its path is /min-soknad/).
  await context.addCookies([{ ...cookie, path: '/' }]);
  await page.goto('/koordinator/');
  await expect(page).toHaveURL(/\/koordinator\/logg-inn\/$/);
  await context.close();

  const coordinator = await createUser('coordinator');
  const workspace: BrowserContext = await browser.newContext({ baseURL: e2eState().baseURL });
  const wp: Page = await workspace.newPage();
  await signIn(wp, coordinator.email);
  const sbCookies = (await workspace.cookies()).filter((c) => c.name.startsWith('sb-'));
  expect(sbCookies.length).toBeGreaterThan(0);
  await workspace.addCookies(sbCookies.map((c) => ({ ...c, path: '/' })));
  await wp.goto('/min-soknad/');
  await expect(wp.getByRole('button', { name: 'Send meg en lenke' })).toBeVisible();
  await expect(wp.locator('main')).not.toContainText(application.reference);
  await expectNoAxeViolations(wp);
  await workspace.close();
});

test('an erasure request: asked after a confirmation, then the lead sees it on the case and in the queue', async ({
  page,
  browser,
}) => {
  const application = await submitApplication('besokshjem', { email: uniqueEmail() });
  const { context, page: ap, scripts } = await applicantContext(browser);
  await openSession(ap, await signInLink(application.id));
  await ap.getByRole('link', { name: 'Be om at vi sletter opplysningene dine' }).click();
  await expect(ap.getByRole('heading', { level: 1 })).toHaveText(
    'Vil du at vi sletter opplysningene dine?',
  );
  await expectNoAxeViolationsNoScript(ap);
  await ap.getByRole('button', { name: 'Ja, be om sletting' }).click();
  await expect(ap).toHaveURL(/\/min-soknad\/\?endret=sletting$/);
  await expect(ap.getByText(/Du ba om sletting/)).toBeVisible();
  await expect(
    ap.getByRole('link', { name: 'Be om at vi sletter opplysningene dine' }),
  ).toHaveCount(0);
  await expectNoAxeViolationsNoScript(ap);
  expect(scripts).toEqual([]);
  await context.close();

  const lead = await createUser('lead');
  await signIn(page, lead.email);
  await page.goto(`/koordinator/?sok=${application.reference}`);
  await expect(page.getByRole('row', { name: new RegExp(application.reference) })).toContainText(
    'Søkeren ba om sletting',
  );
  await openCase(page, application.reference);
  await expect(page.locator('#sletteonske')).toContainText('Søkeren ba om sletting på Min søknad');
  await expectNoAxeViolations(page);
});

test('a new e-mail address that is the one we have: a plain status, the form as typed, nothing sent', async ({
  browser,
}) => {
  const application = await submitApplication('besokshjem', { email: uniqueEmail() });
  const [row] = await sql<{ email: string }>(
    'select email from public.applications where id = $1',
    [application.id],
  );
  const current = row?.email ?? '';
  const confirmations = async () =>
    (
      await sql<{ n: number }>(
        `select (select count(*) from private.email_changes where application_id = $1)::int
              + (select count(*) from public.outbox_messages
                  where application_id = $1 and template = 'applicant_email_confirm')::int as n`,
        [application.id],
      )
    )[0]?.n;
  const { context, page: ap, scripts } = await applicantContext(browser);
  await openSession(ap, await signInLink(application.id));
  await ap.goto(`/min-soknad/endre/?sak=${application.reference}`);

  // The same address, as the applicant may type it (the database compares without case).
  const typed = current.toUpperCase();
  await ap.getByLabel('Ny e-postadresse').fill(typed);
  const [response] = await Promise.all([
    ap.waitForResponse((r) => r.request().method() === 'POST'),
    ap.getByRole('button', { name: 'Send lenke til den nye adressen' }).click(),
  ]);
  expect(response.status()).toBe(200);
  await expect(ap).toHaveURL(/\/min-soknad\/endre\/\?sak=/);
  await expect(ap.getByRole('status')).toContainText(
    'Dette er allerede e-postadressen vi har for søknaden din.',
  );
  await expect(ap.getByRole('alert')).toHaveCount(0);
  await expect(ap.locator('.ds-error-summary')).toHaveCount(0);
  await expect(ap.locator('main')).not.toContainText('Vi har sendt en lenke');
  await expect(ap.getByLabel('Ny e-postadresse')).toHaveValue(typed);
  await expectNoAxeViolationsNoScript(ap);
  expect(await confirmations()).toBe(0);

  // A control: another address is asked for, and its confirmation waits to be sent.
  await ap.getByLabel('Ny e-postadresse').fill(uniqueEmail());
  await ap.getByRole('button', { name: 'Send lenke til den nye adressen' }).click();
  await expect(ap).toHaveURL(/\/min-soknad\/\?endret=epost$/);
  expect(await confirmations()).toBe(2);
  expect(scripts).toEqual([]);
  await context.close();
});
