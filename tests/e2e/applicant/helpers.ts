/**
 * What the Min søknad browser tests share: the e-mails the loopback Resend received for an
 * address, a sign-in link issued as the sender issues one (private.issue_link_token, since the
 * database keeps only a token's hash), and opening a session through the page's own button.
 */
import { expect, type Page } from '@playwright/test';
import { expectNoAxeViolations } from '../../support/axe.ts';
import { e2eState, withE2EDb } from '../../support/e2e.ts';
import type { DeliveredEmail } from '../../support/resend-mock.ts';

interface EmailState {
  email: { RESEND_BASE_URL: string };
}

/** Every e-mail delivered to `address` whose subject contains `subject`. */
export async function emailsTo(address: string, subject: string): Promise<DeliveredEmail[]> {
  const { email } = e2eState() as ReturnType<typeof e2eState> & EmailState;
  const all = (await (
    await fetch(`${email.RESEND_BASE_URL}/_test/delivered`)
  ).json()) as DeliveredEmail[];
  return all.filter(
    (d) => [d.payload.to].flat().includes(address) && d.payload.subject.includes(subject),
  );
}

/** Waits for the `count`th e-mail to `address` with `subject`, and gives it. */
export async function awaitEmail(
  address: string,
  subject: string,
  count = 1,
): Promise<DeliveredEmail> {
  await expect
    .poll(async () => (await emailsTo(address, subject)).length, { timeout: 30_000 })
    .toBeGreaterThanOrEqual(count);
  return (await emailsTo(address, subject))[count - 1]!;
}

/** The path of the site link in an e-mail's text (its host is SITE_URL, not the test server). */
export function linkPath(text: string, path: string): string {
  const match = new RegExp(`https?://[^\\s/]+(${path}[A-Za-z0-9_-]*/?)`).exec(text);
  if (!match?.[1]) throw new Error(`no ${path} link in the e-mail`);
  return match[1];
}

/** A fresh sign-in link for an application, as the sender gets one when it claims the e-mail. */
export const signInLink = (applicationId: string) =>
  withE2EDb(async (db) => {
    const { rows } = await db.query<{ token: string }>(
      `select private.issue_link_token($1, 'applicant', $1) as token`,
      [applicationId],
    );
    return `/min-soknad/inn/${rows[0]?.token}/`;
  });

/** Opens the sign-in link's page and presses its button: the session is open. */
export async function openSession(page: Page, path: string): Promise<void> {
  const response = await page.goto(path);
  expect(response?.status()).toBe(200);
  await page.getByRole('button', { name: 'Logg inn og se søknaden' }).click();
  await expect(page).toHaveURL(/\/min-soknad\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Min søknad');
}

/** The id of the application with `reference`. */
export const idOf = (reference: string) =>
  withE2EDb(
    async (db) =>
      (
        await db.query<{ id: string }>('select id from public.applications where reference = $1', [
          reference,
        ])
      ).rows[0]?.id ?? '',
  );

/**
 * Axe on a page shown with JavaScript off. Axe itself runs as script, and in a context with
 * JavaScript off its run never ends on this machine (its evaluate hangs), so the very HTML the
 * page got is served again, at the same address, to a page with JavaScript on (the stylesheets
 * load from the site as before) and checked there. The pages load no script (each test checks),
 * so what axe sees is what the visitor without JavaScript got.
 */
export async function expectNoAxeViolationsNoScript(page: Page): Promise<void> {
  const html = await page.content();
  const url = page.url();
  const browser = page.context().browser();
  if (!browser) throw new Error('no browser');
  const context = await browser.newContext({ baseURL: e2eState().baseURL });
  try {
    const copy = await context.newPage();
    await copy.route(url, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
    );
    await copy.goto(url);
    await expectNoAxeViolations(copy);
  } finally {
    await context.close();
  }
}
