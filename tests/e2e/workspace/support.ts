/**
 * What the workspace journeys share beyond the sign-in suite's helpers (tests/e2e/coordinator/
 * support.ts: users per test, the code from the local mailbox, the axe check): applications
 * submitted as the public site submits them, SQL for arranging and checking, keyboard-only steps,
 * signing in all the way to the queue, and the steps on a case page.
 */
import { createClient } from '@supabase/supabase-js';
import { expect, type Locator, type Page } from '@playwright/test';
import { e2eState, withE2EDb } from '../../support/e2e.ts';
import { applicationPayload } from '../../support/payloads.ts';
import { signIn as signInWithCode } from '../coordinator/support.ts';

export { createUser, expectNoAxeViolations } from '../coordinator/support.ts';

/** Signs in with the code from the mailbox and waits for the queue. */
export async function signIn(page: Page, email: string): Promise<void> {
  await page.goto('/koordinator/logg-inn/');
  await signInWithCode(page, email);
  await expect(page).toHaveURL(/\/koordinator\/$/);
}

/** Runs SQL on the e2e stack as the database owner (arranging and checking only). */
export async function sql<T extends Record<string, unknown>>(
  text: string,
  values: unknown[] = [],
): Promise<T[]> {
  return withE2EDb(async (db) => (await db.query<T>(text, values)).rows);
}

/** Submits an application as the site's server does (service_role, submit_application). */
export async function submitApplication(
  kind: 'besokshjem' | 'tilsynsperson',
  overrides: Record<string, unknown> = {},
): Promise<{ reference: string; id: string; name: string }> {
  const { url, serviceRoleKey } = e2eState();
  const name = `Søker ${Math.random().toString(36).slice(2, 8)}`;
  const server = createClient(url, serviceRoleKey, { auth: { persistSession: false } });
  const { data, error } = await server.rpc(
    'submit_application',
    applicationPayload(kind, { full_name: name, ...overrides }) as never,
  );
  if (error) throw new Error(`submit failed: ${error.code} ${error.message}`);
  const reference = String(data);
  const [row] = await sql<{ id: string }>(
    'select id from public.applications where reference = $1',
    [reference],
  );
  return { reference, id: row?.id ?? '', name };
}

/** Presses Tab until `target` has focus (keyboard only, as a person without a mouse would). */
export async function tabTo(page: Page, target: Locator, limit = 300): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error('Tab never reached the element');
}

/** Today in Europe/Oslo, as dd.mm.åååå. */
export function osloToday(offsetDays = 0): string {
  const instant = new Date(Date.now() + offsetDays * 86_400_000);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Oslo',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
    })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return `${parts['day']}.${parts['month']}.${parts['year']}`;
}

/** The status of the application with `reference`, as stored. */
export const statusOf = async (reference: string) =>
  (
    await sql<{ status: string }>('select status from public.applications where reference = $1', [
      reference,
    ])
  )[0]?.status;

/** Opens the case page of `reference`. */
export async function openCase(page: Page, reference: string) {
  await page.goto(`/koordinator/sak/${reference}/`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`Sak ${reference}`);
}

/** Presses `key` and waits for the form post's answer page to load. */
export async function submitWith(page: Page, key: string) {
  const posted = page.waitForResponse((r) => r.request().method() === 'POST');
  await page.keyboard.press(key);
  await posted;
  await page.waitForLoadState('load');
}

/** Clicks the button named exactly `name`. */
export async function press(page: Page, name: string) {
  await page.getByRole('button', { name, exact: true }).click();
}

/** Records `date` for the checklist item `item` and waits for the confirmation. */
export async function recordDate(page: Page, item: string, date: string) {
  const form = page.locator(`#skjema-sjekk-${item}`);
  await form.getByRole('textbox').fill(date);
  await form.getByRole('button', { name: 'Lagre' }).click();
  await expect(page.getByRole('status')).toContainText('Sjekklisten er oppdatert.');
}
