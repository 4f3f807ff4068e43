/**
 * What the workspace journeys share: applications submitted as the public site submits them,
 * coordinators (Auth users with a coordinators row) made per test, signing in with the code from
 * the local mailbox, keyboard-only steps, and the axe check. (The sign-in journeys in
 * tests/e2e/coordinator/ have the same user and code helpers; these are kept apart so that each
 * suite stands alone.)
 */
import AxeBuilder from '@axe-core/playwright';
import { createClient } from '@supabase/supabase-js';
import { expect, type Locator, type Page } from '@playwright/test';
import { latestMessage } from '../../../supabase/local/mailbox.ts';
import { e2eState, withE2EDb } from '../../support/e2e.ts';
import { applicationPayload } from '../../support/payloads.ts';

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Zero axe violations (WCAG 2.0–2.2, A and AA) on the page as it is now. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  expect(
    results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}

function authAdmin() {
  const { url, serviceRoleKey } = e2eState();
  return createClient(url, serviceRoleKey, {
    auth: { persistSession: false, autoRefreshToken: false },
  }).auth.admin;
}

export const uniqueAddress = (who: string) =>
  `${who}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@eksempel.invalid`;

export interface TestUser {
  id: string;
  email: string;
  name: string;
}

/** A confirmed Auth user, with a coordinators row unless `coordinator` is false. */
export async function createUser(
  coordinator: { role?: 'coordinator' | 'lead'; active?: boolean } | false = {},
): Promise<TestUser> {
  const email = uniqueAddress(coordinator ? 'koordinator' : 'ansatt');
  const { data, error } = await authAdmin().createUser({ email, email_confirm: true });
  if (error || !data.user) throw error ?? new Error('no user');
  const name = `Test ${email.split('@')[0]}`;
  if (coordinator)
    await sql(
      'insert into public.coordinators (user_id, name, role, active) values ($1, $2, $3, $4)',
      [data.user.id, name, coordinator.role ?? 'coordinator', coordinator.active ?? true],
    );
  return { id: data.user.id, email, name };
}

/** The six-digit code of the newest e-mail to `email` sent after `since`. */
export async function codeFor(email: string, since: Date): Promise<string> {
  const { mailboxDir } = e2eState();
  for (let i = 0; i < 100; i++) {
    const message = await latestMessage(mailboxDir, email);
    if (message && new Date(message.sentAt) >= since && message.code) return message.code;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`No code reached the mailbox for ${email}`);
}

/** Signs in on the sign-in page with the code from the mailbox; lands on the queue. */
export async function signIn(page: Page, email: string): Promise<void> {
  await page.goto('/koordinator/logg-inn/');
  const since = new Date(Date.now() - 1000);
  await page.getByLabel('E-postadresse').fill(email);
  await page.getByRole('button', { name: 'Send meg en kode' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Skriv inn koden');
  await page.getByLabel('Kode fra e-posten').fill(await codeFor(email, since));
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await expect(page).toHaveURL(/\/koordinator\/$/);
}

/** Runs SQL on the e2e stack as the database owner (arranging and checking only). */
export async function sql<T extends Record<string, unknown>>(
  text: string,
  values: unknown[] = [],
): Promise<T[]> {
  return withE2EDb(async (db) => (await db.query<T>(text, values)).rows);
}

/** Submits an application as the public site does (anon, submit_application); its reference. */
export async function submitApplication(
  kind: 'besokshjem' | 'tilsynsperson',
  overrides: Record<string, unknown> = {},
): Promise<{ reference: string; id: string; name: string }> {
  const { url, anonKey } = e2eState();
  const name = `Søker ${Math.random().toString(36).slice(2, 8)}`;
  const anon = createClient(url, anonKey, { auth: { persistSession: false } });
  const { data, error } = await anon.rpc('submit_application', {
    application: applicationPayload(kind, { full_name: name, ...overrides }),
  });
  if (error) throw new Error(`submit failed: ${error.code}`);
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
