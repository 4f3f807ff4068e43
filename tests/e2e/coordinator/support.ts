/**
 * What the coordinator journeys share: a fresh Auth user per test (as a coordinator, a lead, a
 * deactivated coordinator or no coordinator at all), the sign-in code read from the local
 * mailbox, and the steps of signing in.
 */
import { createClient } from '@supabase/supabase-js';
import { expect, type Page } from '@playwright/test';
import { latestMessage } from '../../../supabase/local/mailbox.ts';
import { e2eState, withE2EDb } from '../../support/e2e.ts';

export { expectNoAxeViolations } from '../../support/axe.ts';

/** Auth's admin API with the service-role key, for arranging users as a lead's tools would. */
export function authAdmin() {
  const { url, serviceRoleKey } = e2eState();
  return createClient(url, serviceRoleKey, {
    auth: { persistSession: false, autoRefreshToken: false },
  }).auth.admin;
}

/** A fictitious address no other test uses. */
export const uniqueAddress = (who: string) =>
  `${who}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@eksempel.invalid`;

export interface TestUser {
  id: string;
  email: string;
  name: string;
}

/** Who a test user is to the workspace. */
export type UserKind = 'coordinator' | 'lead' | 'deactivated' | 'not-a-coordinator';

/**
 * A confirmed Auth user; unless `not-a-coordinator`, also a row in public.coordinators (written as
 * the database's owner, as a lead's invitation would end up).
 */
export async function createUser(kind: UserKind): Promise<TestUser> {
  const email = uniqueAddress(kind === 'not-a-coordinator' ? 'ansatt' : 'koordinator');
  const { data, error } = await authAdmin().createUser({ email, email_confirm: true });
  if (error || !data.user) throw error ?? new Error('no user');
  const name = `Test ${email.split('@')[0]}`;
  if (kind !== 'not-a-coordinator') {
    await withE2EDb((db) =>
      db.query(
        'insert into public.coordinators (user_id, name, role, active) values ($1, $2, $3, $4)',
        [data.user.id, name, kind === 'lead' ? 'lead' : 'coordinator', kind !== 'deactivated'],
      ),
    );
  }
  return { id: data.user.id, email, name };
}

/** The eight-digit code of the newest sign-in e-mail to `email` sent after `since`. */
export async function codeFor(email: string, since: Date): Promise<string> {
  const { mailboxDir } = e2eState();
  // Auth writes the mail before it answers, so it is there at once; the wait is for a busy disk.
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const message = latestMessage(mailboxDir, email);
    if (message && new Date(message.storedAt) >= since && message.code) return message.code;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`No sign-in code reached the mailbox for ${email}`);
}

/** Asks for a code on the sign-in page; returns when the code step shows. */
export async function requestCode(page: Page, email: string): Promise<Date> {
  const since = new Date(Date.now() - 1000);
  await page.getByLabel('E-postadresse').fill(email);
  await page.getByRole('button', { name: 'Send meg en kode' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Skriv inn koden');
  return since;
}

/** Signs in from the sign-in page with the code from the mailbox. */
export async function signIn(page: Page, email: string): Promise<void> {
  if (!page.url().includes('/koordinator/logg-inn/')) await page.goto('/koordinator/logg-inn/');
  const since = await requestCode(page, email);
  await page.getByLabel('Kode fra e-posten').fill(await codeFor(email, since));
  await page.getByRole('button', { name: 'Logg inn' }).click();
}

/** The names of the session cookies the browser holds (not the PKCE verifiers). */
export async function sessionCookieNames(page: Page): Promise<string[]> {
  return (await page.context().cookies())
    .map((c) => c.name)
    .filter((name) => /^sb-.+-auth-token(\.\d+)?$/.test(name));
}

/** The Supabase session the browser holds in its (possibly chunked) `sb-…-auth-token` cookies. */
export async function sessionInCookies(
  page: Page,
): Promise<{ access_token: string; refresh_token: string }> {
  const chunks = (await page.context().cookies())
    .filter((c) => /^sb-.+-auth-token(\.\d+)?$/.test(c.name))
    .sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
  const value = chunks.map((c) => decodeURIComponent(c.value)).join('');
  const json = value.startsWith('base64-')
    ? Buffer.from(value.slice('base64-'.length), 'base64url').toString('utf8')
    : value;
  return JSON.parse(json) as { access_token: string; refresh_token: string };
}

/** A supabase-js client with the anon key, as any browser could make one. */
export function anonAuth() {
  const { url, anonKey } = e2eState();
  return createClient(url, anonKey, { auth: { persistSession: false, autoRefreshToken: false } })
    .auth;
}

/**
 * Puts a (changed) session back into the browser's cookies, chunked as @supabase/ssr writes it.
 * The cookie is not signed: the server trusts nothing in it without asking Auth.
 */
export async function putSessionInCookies(page: Page, session: object): Promise<void> {
  const context = page.context();
  const old = await context.cookies();
  const template = old.find((c) => /^sb-.+-auth-token(\.\d+)?$/.test(c.name));
  if (!template) throw new Error('no session cookie to replace');
  const base = template.name.replace(/\.\d+$/, '');
  await context.clearCookies({ name: new RegExp(`^${base.replace(/[-.]/g, '\\$&')}(\\.\\d+)?$`) });
  const value = `base64-${Buffer.from(JSON.stringify(session)).toString('base64url')}`;
  const size = 3180;
  const parts = Array.from({ length: Math.ceil(value.length / size) }, (_, i) =>
    value.slice(i * size, (i + 1) * size),
  );
  await context.addCookies(
    parts.map((part, i) => ({
      ...template,
      name: parts.length === 1 ? base : `${base}.${i}`,
      value: part,
    })),
  );
}
