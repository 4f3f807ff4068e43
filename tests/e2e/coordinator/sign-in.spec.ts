/**
 * Coordinator sign-in, as coordinators and others meet it: the seeded coordinator by keyboard
 * only, without JavaScript, and everyone who must not get in (unknown address, not a
 * coordinator, deactivated, banned, wrong or spent code, a session after sign-out).
 */
import { expect, test, type Page } from '@playwright/test';
import { SIGN_IN_MESSAGES } from '../../../src/lib/coordinator/sign-in.ts';
import { withE2EDb } from '../../support/e2e.ts';
import { tabTo } from '../forms/helpers.ts';
import { latestMessage } from '../../../supabase/local/mailbox.ts';
import { e2eState } from '../../support/e2e.ts';
import {
  anonAuth,
  authAdmin,
  codeFor,
  createUser,
  expectNoAxeViolations,
  requestCode,
  putSessionInCookies,
  sessionCookieNames,
  sessionInCookies,
  signIn,
  uniqueAddress,
} from './support.ts';

const SIGN_IN_HEADING = 'Logg inn i arbeidsflaten';

async function expectSignInPage(page: Page): Promise<void> {
  await expect(page).toHaveURL(/\/koordinator\/logg-inn\//);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(SIGN_IN_HEADING);
}

async function expectDenied(page: Page): Promise<void> {
  await expectSignInPage(page);
  await expect(page.getByText(SIGN_IN_MESSAGES.denied)).toBeVisible();
  await expect(page.getByText(/^Hei, /)).toHaveCount(0);
}

test('the seeded coordinator signs in by keyboard only, is greeted by name and signs out for good', async ({
  page,
}) => {
  const email = 'kari.koordinator@eksempel.invalid';
  await test.step('the workspace sends a visitor to sign in', async () => {
    await page.goto('/koordinator/');
    await expectSignInPage(page);
    await expectNoAxeViolations(page);
  });
  let since = new Date();
  await test.step('the address is typed and sent with the keyboard', async () => {
    since = new Date(Date.now() - 1000);
    await tabTo(page, '#felt-email');
    await page.keyboard.type(email);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Skriv inn koden');
    await expect(page.getByText(email)).toBeVisible();
    await expectNoAxeViolations(page);
  });
  await test.step('the code from the local mailbox signs her in', async () => {
    const code = await codeFor(email, since);
    await tabTo(page, '#felt-code');
    await page.keyboard.type(code);
    const answer = page.waitForResponse((r) => r.url().endsWith('/koordinator/'));
    await page.keyboard.press('Enter');
    const response = await answer;
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hei, Kari Koordinator');
    expect(response.headers()['cache-control']).toBe('no-store');
    expect(response.headers()['x-robots-tag']).toContain('noindex');
    expect(response.headers()['x-frame-options']).toBe('DENY');
    await expectNoAxeViolations(page);
  });
  await test.step('the session cookie is HttpOnly, SameSite=Lax, for the workspace only, for hours not days', async () => {
    const cookies = (await page.context().cookies()).filter((c) => c.name.startsWith('sb-'));
    expect(cookies.length).toBeGreaterThan(0);
    for (const cookie of cookies) {
      expect(cookie.httpOnly).toBe(true);
      expect(cookie.sameSite).toBe('Lax');
      expect(cookie.path).toBe('/koordinator/');
      const hoursLeft = (cookie.expires * 1000 - Date.now()) / 3_600_000;
      expect(hoursLeft).toBeGreaterThan(11);
      expect(hoursLeft).toBeLessThanOrEqual(12);
    }
  });
  await test.step('signing out by keyboard ends the session', async () => {
    await tabTo(page, 'form.sign-out button');
    await page.keyboard.press('Enter');
    await expectSignInPage(page);
    await expect(page.getByText(SIGN_IN_MESSAGES.signedOut)).toBeVisible();
    expect(await sessionCookieNames(page)).toEqual([]);
  });
  await test.step('the back button shows nothing of the workspace', async () => {
    await page.goBack();
    await expectSignInPage(page);
    await expect(page.getByText('Hei, Kari Koordinator')).toHaveCount(0);
  });
});

test('a coordinator signs in and out without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const user = await createUser('lead');
  await test.step('the forms work as plain HTML', async () => {
    await signIn(page, user.email);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Hei, ${user.name}`);
    await expect(page.getByText('(leder)')).toBeVisible();
  });
  await test.step('signing out works too', async () => {
    await page.getByRole('button', { name: 'Logg ut' }).click();
    await expect(page.getByText(SIGN_IN_MESSAGES.signedOut)).toBeVisible();
    await page.goto('/koordinator/');
    await expectSignInPage(page);
  });
  await context.close();
});

test('an unknown address gets the same answer, and no code and no user', async ({ page }) => {
  const email = uniqueAddress('ukjent');
  await test.step('the page answers as for a coordinator', async () => {
    await page.goto('/koordinator/logg-inn/');
    await requestCode(page, email);
    await expect(page.getByText(SIGN_IN_MESSAGES.codeSent)).toBeVisible();
  });
  await test.step('Auth created no user and sent nothing', async () => {
    const users = await withE2EDb((db) =>
      db.query('select 1 from auth.users where email = $1', [email]),
    );
    expect(users.rowCount).toBe(0);
    await expect(codeFor(email, new Date(0))).rejects.toThrow(/No sign-in code/);
  });
});

test('a signed-in user who is not a coordinator gets one neutral message and nothing else', async ({
  page,
}) => {
  const user = await createUser('not-a-coordinator');
  await signIn(page, user.email);
  await test.step('the sign-in ends with the neutral message', async () => {
    await expectDenied(page);
    await expectNoAxeViolations(page);
  });
  await test.step('no session is left, and the workspace stays closed', async () => {
    expect(await sessionCookieNames(page)).toEqual([]);
    await page.goto('/koordinator/');
    await expectSignInPage(page);
  });
});

test('a deactivated coordinator cannot sign in', async ({ page }) => {
  const user = await createUser('deactivated');
  await signIn(page, user.email);
  await expectDenied(page);
});

test('a coordinator deactivated during an open session is shut out on the next request', async ({
  page,
}) => {
  const user = await createUser('coordinator');
  await signIn(page, user.email);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Hei, ${user.name}`);
  await withE2EDb((db) =>
    db.query('update public.coordinators set active = false where user_id = $1', [user.id]),
  );
  await page.reload();
  await expectDenied(page);
});

test('a banned user is shut out, even with a session open', async ({ page }) => {
  const user = await createUser('coordinator');
  await signIn(page, user.email);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Hei, ${user.name}`);
  const { error } = await authAdmin().updateUserById(user.id, { ban_duration: '24h' });
  expect(error).toBeNull();
  await page.reload();
  await expectDenied(page);
});

test('a wrong code is refused with the address kept, and the right one then works', async ({
  page,
}) => {
  const user = await createUser('coordinator');
  await page.goto('/koordinator/logg-inn/');
  const since = await requestCode(page, user.email);
  const code = await codeFor(user.email, since);
  const wrong = code.replace(/^./, (d) => String((Number(d) + 1) % 10));
  await test.step('a wrong code gets the message and a 401', async () => {
    await page.getByLabel('Kode fra e-posten').fill(wrong);
    const answer = page.waitForResponse((r) => r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Logg inn' }).click();
    expect((await answer).status()).toBe(401);
    await expect(page.getByRole('alert')).toHaveText(SIGN_IN_MESSAGES.wrongCode);
    await expect(page.getByText(user.email)).toBeVisible();
    await expectNoAxeViolations(page);
  });
  await test.step('a code that is not eight digits is caught before Auth is asked', async () => {
    await page.getByLabel('Kode fra e-posten').fill('12ab');
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await expect(page.locator('.ds-error-summary')).toBeFocused();
    await expect(page.locator('.ds-error-summary')).toContainText('Skriv inn de åtte sifrene');
  });
  await test.step('the right code signs in', async () => {
    await page.getByLabel('Kode fra e-posten').fill(code);
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Hei, ${user.name}`);
  });
});

test('a spent code does not sign in again', async ({ page }) => {
  const user = await createUser('coordinator');
  await page.goto('/koordinator/logg-inn/');
  const since = await requestCode(page, user.email);
  const code = await codeFor(user.email, since);
  await page.getByLabel('Kode fra e-posten').fill(code);
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Hei, ${user.name}`);
  await page.getByRole('button', { name: 'Logg ut' }).click();
  await test.step('asked for again, the spent code is refused', async () => {
    await requestCode(page, user.email);
    await page.getByLabel('Kode fra e-posten').fill(code);
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await expect(page.getByRole('alert')).toHaveText(SIGN_IN_MESSAGES.wrongCode);
  });
});

test('a session copied before sign-out is refused after it', async ({ page, browser }) => {
  const user = await createUser('coordinator');
  await signIn(page, user.email);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Hei, ${user.name}`);
  const stolen = await page.context().cookies();
  await page.getByRole('button', { name: 'Logg ut' }).click();
  await expect(page.getByText(SIGN_IN_MESSAGES.signedOut)).toBeVisible();
  const other = await browser.newContext();
  await other.addCookies(stolen);
  const otherPage = await other.newPage();
  await otherPage.goto('/koordinator/');
  await expectSignInPage(otherPage);
  await expect(otherPage.getByText(/^Hei, /)).toHaveCount(0);
  await other.close();
});

test('sign-in and sign-out posts from another site are refused', async ({ request, baseURL }) => {
  for (const action of ['coordinatorAuth.requestCode', 'coordinatorAuth.signOut']) {
    const response = await request.post(`/koordinator/logg-inn/?_action=${action}`, {
      headers: { origin: 'https://angriper.example' },
      form: { email: 'kari.koordinator@eksempel.invalid' },
      maxRedirects: 0,
    });
    expect(response.status(), `${action} from ${baseURL}`).toBe(403);
  }
});

test('a code is eight digits and lasts ten minutes: at 9½ it signs in, after 10 it is refused', async ({
  page,
}) => {
  // Time moves as Auth sees it: the code's send time in auth.users is moved back (not the clock).
  const sentAgo = (id: string, interval: string) =>
    withE2EDb((db) =>
      db.query(
        'update auth.users set confirmation_sent_at = now() - $2::interval, recovery_sent_at = now() - $2::interval where id = $1',
        [id, interval],
      ),
    );
  await test.step('sent 10 minutes and 1 second ago: refused', async () => {
    const user = await createUser('coordinator');
    await page.goto('/koordinator/logg-inn/');
    const since = await requestCode(page, user.email);
    const code = await codeFor(user.email, since);
    expect(code).toMatch(/^\d{8}$/);
    await sentAgo(user.id, '10 minutes 1 second');
    await page.getByLabel('Kode fra e-posten').fill(code);
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await expect(page.getByRole('alert')).toHaveText(SIGN_IN_MESSAGES.wrongCode);
    await page.goto('/koordinator/');
    await expectSignInPage(page);
  });
  await test.step('sent 9½ minutes ago: still signs in', async () => {
    const user = await createUser('coordinator');
    await page.goto('/koordinator/logg-inn/');
    const since = await requestCode(page, user.email);
    const code = await codeFor(user.email, since);
    await sentAgo(user.id, '9 minutes 30 seconds');
    await page.getByLabel('Kode fra e-posten').fill(code);
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Hei, ${user.name}`);
  });
});

test('a code asked for again within the minute: the page says one was sent a moment ago, not that one was sent', async ({
  page,
}) => {
  const askAgain = async (email: string) => {
    const answer = page.waitForResponse((r) => r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Send en ny kode' }).click();
    expect((await answer).status()).toBe(429);
    await expect(page.getByRole('alert')).toHaveText(SIGN_IN_MESSAGES.sentMomentAgo);
    await expect(page.getByText(SIGN_IN_MESSAGES.codeSent)).toHaveCount(0);
    await expect(page.getByText(email)).toBeVisible();
  };
  await test.step('a coordinator asks twice through the site: one mail', async () => {
    const user = await createUser('coordinator');
    await page.goto('/koordinator/logg-inn/');
    const since = await requestCode(page, user.email);
    const code = await codeFor(user.email, since);
    await askAgain(user.email);
    await expectNoAxeViolations(page);
    expect(latestMessage(e2eState().mailboxDir, user.email)?.code).toBe(code);
  });
  await test.step('an unknown address gets the same answer', async () => {
    const email = uniqueAddress('ukjent');
    await page.goto('/koordinator/logg-inn/');
    await requestCode(page, email);
    await askAgain(email);
  });
  await test.step("a code asked for straight from Auth a moment ago: Auth's refusal, said as it is", async () => {
    const user = await createUser('coordinator');
    const direct = await anonAuth().signInWithOtp({
      email: user.email,
      options: { shouldCreateUser: false },
    });
    expect(direct.error).toBeNull();
    await page.goto('/koordinator/logg-inn/');
    await page.getByLabel('E-postadresse').fill(user.email);
    const answer = page.waitForResponse((r) => r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Send meg en kode' }).click();
    expect((await answer).status()).toBe(429);
    await expect(page.getByRole('alert')).toHaveText(SIGN_IN_MESSAGES.sentMomentAgo);
    await expect(page.getByText(SIGN_IN_MESSAGES.codeSent)).toHaveCount(0);
  });
});

test('the link in the e-mail signs in only when the button is pressed, and only once', async ({
  page,
}) => {
  const user = await createUser('coordinator');
  await page.goto('/koordinator/logg-inn/');
  const since = await requestCode(page, user.email);
  await codeFor(user.email, since);
  const message = latestMessage(e2eState().mailboxDir, user.email);
  expect(message?.tokenHash).toBeTruthy();
  const link = `/koordinator/logg-inn/bekreft/?token_hash=${message?.tokenHash}&type=email`;
  await test.step('opening the link (as a mail scanner would) signs nobody in', async () => {
    await page.goto(link);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Logg inn med lenken');
    await expectNoAxeViolations(page);
    expect(await sessionCookieNames(page)).toEqual([]);
  });
  await test.step('pressing the button signs in', async () => {
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Hei, ${user.name}`);
  });
  await test.step('the same link does not work twice', async () => {
    await page.getByRole('button', { name: 'Logg ut' }).click();
    await page.goto(link);
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await expect(page.getByRole('alert')).toHaveText(SIGN_IN_MESSAGES.linkSpent);
    await expectNoAxeViolations(page);
  });
});

test('a refresh token reused after the reuse interval ends the session everywhere', async ({
  page,
}) => {
  test.slow();
  const user = await createUser('coordinator');
  await signIn(page, user.email);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Hei, ${user.name}`);
  const { refresh_token: stolen } = await sessionInCookies(page);
  await test.step('someone exchanges the token, and the token they got, in turn', async () => {
    const first = await anonAuth().refreshSession({ refresh_token: stolen });
    expect(first.error).toBeNull();
    const second = await anonAuth().refreshSession({
      refresh_token: first.data.session?.refresh_token ?? '',
    });
    expect(second.error).toBeNull();
  });
  await test.step('the first token again after the 10 s reuse interval: refused, all revoked', async () => {
    await new Promise((r) => setTimeout(r, 11_000));
    const { error } = await anonAuth().refreshSession({ refresh_token: stolen });
    expect(error?.code).toBe('refresh_token_already_used');
  });
  await test.step('when its access token runs out, the coordinator cannot renew the session', async () => {
    // As hosted Supabase Auth does, the revocation ends the session's refresh tokens; an access
    // token already issued lives until it expires (at most an hour). Here it "expires" now.
    const session = await sessionInCookies(page);
    await putSessionInCookies(page, { ...session, expires_at: Math.floor(Date.now() / 1000) - 60 });
    await page.goto('/koordinator/');
    await expectSignInPage(page);
    await expect(page.getByText(/^Hei, /)).toHaveCount(0);
    expect(await sessionCookieNames(page)).toEqual([]);
  });
});
