/**
 * Contract test of the local Auth service, driven by supabase-js's own auth client (auth-js) and
 * checked against Supabase Auth's contract (docs/AUTH.md facts, GoTrue's internal/api/*.go). Each
 * check is written to hold against hosted Supabase Auth with sign-ups off; where it cannot (local
 * arrangement, HS256 keys, settings shortened for speed), the test says so.
 *
 * This file runs its own stack with supabase/config.toml's Auth settings (8-digit codes valid 10
 * minutes, which a hosted project sets as "Email OTP length" and "Email OTP expiration"), except
 * that the refresh-token reuse interval is 1 s instead of 10 s (so a test need not wait 10 s), and
 * /verify is not rate limited (this file signs in often). Supabase's default limits are tested in
 * auth-limits.test.ts.
 *
 * Where the local service differs from GoTrue: it rate-limits with a sliding window per socket
 * address, where GoTrue fills a token bucket (bursts of up to 30) keyed by the client IP or, with
 * a secret key and IP forwarding on, the `Sb-Forwarded-For` header, which the local service
 * ignores; its `otpLength` takes any length, where GoTrue takes 6 to 10 (others become 6); its own
 * defaults (6 digits, an hour) are the CLI's, the stack passing config.toml's values as the CLI
 * passes them to GoTrue.
 */
import { createClient, type Session, type SupabaseClient, type User } from '@supabase/supabase-js';
import { SignJWT, decodeJwt, decodeProtectedHeader } from 'jose';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestMessage } from '../../supabase/local/mailbox.ts';
import type { Stack } from '../../supabase/local/stack.ts';
import { withDbAt } from '../support/db.ts';
import { signInWithAdminLink } from '../support/sessions.ts';
import { startTestStack } from '../support/stack.ts';

const KARI = 'kari.koordinator@eksempel.invalid';
const NOT_COORDINATOR = 'ikke.koordinator@eksempel.invalid';
const DEACTIVATED = 'dag.deaktivert@eksempel.invalid';
const REUSE_INTERVAL_S = 1;

let stack: Stack;
let counter = 0;

beforeAll(async () => {
  stack = await startTestStack({
    auth: { refreshTokenReuseIntervalSeconds: REUSE_INTERVAL_S, verifyPerFiveMinutes: 100_000 },
  });
});
afterAll(async () => {
  await stack?.stop();
});

/** A fresh supabase-js client with the anon key, as the portal's server makes one. */
const anonClient = (): SupabaseClient =>
  createClient(stack.url, stack.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  });
const adminClient = (): SupabaseClient =>
  createClient(stack.url, stack.serviceRoleKey, {
    auth: { persistSession: false, autoRefreshToken: false },
  });

/** A confirmed user created through the admin API (as a lead's invitation ends up). */
async function newUser(): Promise<User> {
  const email = `bruker.${Date.now()}.${counter++}@eksempel.invalid`;
  const { data, error } = await adminClient().auth.admin.createUser({ email, email_confirm: true });
  expect(error).toBeNull();
  return data.user as User;
}

/** Signs in through the mailbox: code request, read the code, verify. */
async function signInWithCode(client: SupabaseClient, email: string): Promise<Session> {
  const sent = await client.auth.signInWithOtp({ email, options: { shouldCreateUser: false } });
  expect(sent.error).toBeNull();
  const mail = latestMessage(stack.mailboxDir, email);
  expect(mail?.code).toMatch(/^\d{8}$/);
  const { data, error } = await client.auth.verifyOtp({
    email,
    token: mail?.code ?? '',
    type: 'email',
  });
  expect(error).toBeNull();
  return data.session as Session;
}

/** Signs in without a mail (admin generateLink's code; no per-address limit), for extra sessions. */
const signInViaLink = (client: SupabaseClient, email: string): Promise<Session> =>
  signInWithAdminLink(adminClient(), client, email);

const withDb = <T>(fn: (db: pg.Client) => Promise<T>): Promise<T> => withDbAt(stack.dbUrl, fn);

/** A raw call to /auth/v1, to see the status, headers and body auth-js would read. */
async function raw(path: string, init: RequestInit & { version?: boolean } = {}) {
  const headers = new Headers(init.headers);
  headers.set('apikey', stack.anonKey);
  headers.set('content-type', 'application/json');
  if (init.version !== false) headers.set('x-supabase-api-version', '2024-01-01');
  const answer = await fetch(`${stack.url}/auth/v1${path}`, { ...init, headers });
  const text = await answer.text();
  return { status: answer.status, headers: answer.headers, body: text ? JSON.parse(text) : null };
}

describe('settings and discovery', () => {
  it('reports e-mail sign-in on, sign-ups off, no auto-confirm', async () => {
    const { status, body } = await raw('/settings');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      external: { email: true, phone: false },
      disable_signup: true,
      mailer_autoconfirm: false,
    });
    expect((await raw('/health')).status).toBe(200);
  });

  it('publishes no JWKS keys (an HS256 project; hosted projects with asymmetric keys list theirs)', async () => {
    const answer = await fetch(`${stack.url}/auth/v1/.well-known/jwks.json`);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ keys: [] });
  });

  it('needs the project apikey at the gateway', async () => {
    const answer = await fetch(`${stack.url}/auth/v1/otp`, { method: 'POST', body: '{}' });
    expect(answer.status).toBe(401);
  });
});

describe('e-mail code sign-in', () => {
  it('sends an 8-digit code (config.toml otp_length) and a token_hash link to an existing user, then verifies the code to a session', async () => {
    const client = anonClient();
    const sent = await client.auth.signInWithOtp({
      email: KARI,
      options: { shouldCreateUser: false },
    });
    expect(sent.error).toBeNull();
    expect(sent.data).toEqual({ user: null, session: null });

    const mail = latestMessage(stack.mailboxDir, KARI);
    expect(mail?.subject).toBeTruthy();
    expect(mail?.text).toContain(`Koden din for å logge inn i arbeidsflaten: ${mail?.code}`);
    expect(mail?.text).toMatch(
      /http:\/\/localhost:4321\/koordinator\/logg-inn\/bekreft\/\?token_hash=[0-9a-f]{56}&type=email/,
    );
    // Local: the mail names no one and carries nothing beyond the code and the link.
    expect(mail?.text).not.toContain(KARI);

    const before = Math.floor(Date.now() / 1000);
    const { data, error } = await client.auth.verifyOtp({
      email: KARI,
      token: mail?.code ?? '',
      type: 'email',
    });
    expect(error).toBeNull();
    const session = data.session as Session;
    expect(session).toMatchObject({ token_type: 'bearer', expires_in: 3600 });
    expect(session.access_token.split('.')).toHaveLength(3);
    expect(typeof session.refresh_token).toBe('string');
    expect(session.refresh_token.length).toBeGreaterThan(0);
    expect(session.expires_at).toBeGreaterThanOrEqual(before + 3600);
    expect(session.expires_at).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 3600);

    const user = session.user;
    expect(user).toMatchObject({
      id: '5eed0000-0000-4000-8000-000000000001',
      aud: 'authenticated',
      role: 'authenticated',
      email: KARI,
      phone: '',
      is_anonymous: false,
      app_metadata: { provider: 'email', providers: ['email'] },
      user_metadata: {},
    });
    for (const field of [
      'email_confirmed_at',
      'confirmed_at',
      'last_sign_in_at',
      'created_at',
      'updated_at',
    ] as const)
      expect(Number.isNaN(Date.parse(user[field] ?? ''))).toBe(false);
    expect(user.identities?.[0]).toMatchObject({ provider: 'email', user_id: user.id });
    expect(user.identities?.[0]?.identity_data).toMatchObject({ email: KARI, sub: user.id });

    // The same user from /user.
    const fetched = await client.auth.getUser();
    expect(fetched.error).toBeNull();
    expect(fetched.data.user?.id).toBe(user.id);
    expect(fetched.data.user?.email).toBe(KARI);
  });

  it('signs access tokens with Supabase claims (HS256 locally; hosted projects may use ES256)', async () => {
    const client = anonClient();
    const user = await newUser();
    const session = await signInViaLink(client, user.email ?? '');
    const { data, error } = await client.auth.getClaims();
    expect(error).toBeNull();
    const claims = data?.claims as Record<string, unknown>;
    expect(claims).toMatchObject({
      iss: `${stack.url}/auth/v1`,
      sub: user.id,
      aud: 'authenticated',
      role: 'authenticated',
      aal: 'aal1',
      email: user.email,
      phone: '',
      is_anonymous: false,
      app_metadata: { provider: 'email', providers: ['email'] },
      user_metadata: {},
    });
    expect(claims['session_id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(claims['amr']).toEqual([{ method: 'otp', timestamp: expect.any(Number) }]);
    expect((claims['exp'] as number) - (claims['iat'] as number)).toBe(3600);
    expect(decodeProtectedHeader(session.access_token).alg).toBe('HS256');
  });

  it('answers an unknown address as Supabase with sign-ups off does, and creates no user', async () => {
    const email = 'finnes.ikke@eksempel.invalid';
    const client = anonClient();
    const refused = await client.auth.signInWithOtp({
      email,
      options: { shouldCreateUser: false },
    });
    expect(refused.error?.status).toBe(422);
    expect(refused.error?.code).toBe('otp_disabled');
    // shouldCreateUser left at its default (true): sign-ups are disabled for the instance.
    const signup = await client.auth.signInWithOtp({ email });
    expect(signup.error?.status).toBe(422);
    expect(signup.error?.code).toBe('signup_disabled');
    const users = await adminClient().auth.admin.listUsers({ perPage: 1000 });
    expect(users.data.users.some((u) => u.email === email)).toBe(false);
    expect(latestMessage(stack.mailboxDir, email)).toBeUndefined();
  });

  it('refuses a wrong code, a spent code and an expired code with otp_expired (403)', async () => {
    const client = anonClient();
    const user = await newUser();
    const email = user.email ?? '';
    expect(
      (await client.auth.signInWithOtp({ email, options: { shouldCreateUser: false } })).error,
    ).toBeNull();
    const code = latestMessage(stack.mailboxDir, email)?.code ?? '';
    const wrong = code === '00000000' ? '11111111' : '00000000';

    const wrongAnswer = await client.auth.verifyOtp({ email, token: wrong, type: 'email' });
    expect(wrongAnswer.error?.status).toBe(403);
    expect(wrongAnswer.error?.code).toBe('otp_expired');

    expect((await client.auth.verifyOtp({ email, token: code, type: 'email' })).error).toBeNull();
    const spent = await client.auth.verifyOtp({ email, token: code, type: 'email' });
    expect(spent.error?.status).toBe(403);
    expect(spent.error?.code).toBe('otp_expired');

    // Expired after config.toml's otp_expiry, 10 minutes: locally the send time is moved back
    // past it (hosted: wait 10 minutes).
    const other = await newUser();
    const otherEmail = other.email ?? '';
    await client.auth.signInWithOtp({ email: otherEmail, options: { shouldCreateUser: false } });
    const otherCode = latestMessage(stack.mailboxDir, otherEmail)?.code ?? '';
    await withDb((db) =>
      db.query(
        "update auth.users set recovery_sent_at = now() - interval '10 minutes 1 second' where id = $1",
        [other.id],
      ),
    );
    const expired = await client.auth.verifyOtp({
      email: otherEmail,
      token: otherCode,
      type: 'email',
    });
    expect(expired.error?.status).toBe(403);
    expect(expired.error?.code).toBe('otp_expired');
  });

  it('stores the code only hashed', async () => {
    const user = await newUser();
    const email = user.email ?? '';
    await anonClient().auth.signInWithOtp({ email, options: { shouldCreateUser: false } });
    const code = latestMessage(stack.mailboxDir, email)?.code ?? '';
    // Local check of the stand-in's storage (hosted Supabase stores the same SHA-224 hash).
    const stored = await withDb((db) =>
      db.query<{ token_hash: string }>(
        'select token_hash from auth.one_time_tokens where user_id = $1',
        [user.id],
      ),
    );
    expect(stored.rows).toHaveLength(1);
    expect(stored.rows[0]?.token_hash).not.toContain(code);
    expect(stored.rows[0]?.token_hash).toMatch(/^[0-9a-f]{56}$/);
  });

  it('verifies the link in the mail once (token_hash, type email)', async () => {
    const user = await newUser();
    const email = user.email ?? '';
    const client = anonClient();
    await client.auth.signInWithOtp({ email, options: { shouldCreateUser: false } });
    const tokenHash = latestMessage(stack.mailboxDir, email)?.tokenHash ?? '';
    const first = await client.auth.verifyOtp({ token_hash: tokenHash, type: 'email' });
    expect(first.error).toBeNull();
    expect(first.data.session?.user.id).toBe(user.id);
    const again = await anonClient().auth.verifyOtp({ token_hash: tokenHash, type: 'email' });
    expect(again.error?.status).toBe(403);
    expect(again.error?.code).toBe('otp_expired');
  });
});

describe('password sign-in (the portal signs in with e-mail codes only)', () => {
  it('refuses grant_type=password with invalid_credentials (400), for a user and an unknown address', async () => {
    // Supabase Auth answers "Invalid login credentials" for a user without a password (every user
    // the portal invites has none); the local service, which has no password grant, answers as
    // Supabase Auth does a grant it does not support ("unsupported_grant_type"): the same status
    // and code, which is what auth-js reports.
    const email = (await newUser()).email ?? '';
    const password = 'et-langt-passord-for-test';
    const refused = await anonClient().auth.signInWithPassword({ email, password });
    expect(refused.error?.status).toBe(400);
    expect(refused.error?.code).toBe('invalid_credentials');
    expect(refused.data.session).toBeNull();
    const unknown = await anonClient().auth.signInWithPassword({
      email: 'ingen.slik@eksempel.invalid',
      password,
    });
    expect(unknown.error?.status).toBe(400);
    expect(unknown.error?.code).toBe('invalid_credentials');
  });
});

describe('PKCE clients (@supabase/ssr’s server client)', () => {
  it('get GoTrue’s pkce_ prefix on the link’s token hash; the code and the link both verify', async () => {
    // A PKCE client keeps its code verifier in storage, as @supabase/ssr keeps it in a cookie.
    const pkceClient = () => {
      const items = new Map<string, string>();
      return createClient(stack.url, stack.anonKey, {
        auth: {
          persistSession: true,
          autoRefreshToken: false,
          detectSessionInUrl: false,
          flowType: 'pkce',
          storage: {
            getItem: (key: string) => items.get(key) ?? null,
            setItem: (key: string, value: string) => void items.set(key, value),
            removeItem: (key: string) => void items.delete(key),
          },
        },
      });
    };
    for (const how of ['code', 'link'] as const) {
      const user = await newUser();
      const email = user.email ?? '';
      const client = pkceClient();
      expect(
        (await client.auth.signInWithOtp({ email, options: { shouldCreateUser: false } })).error,
      ).toBeNull();
      const mail = latestMessage(stack.mailboxDir, email);
      expect(mail?.tokenHash).toMatch(/^pkce_[0-9a-f]{56}$/);
      const { data, error } =
        how === 'code'
          ? await client.auth.verifyOtp({ email, token: mail?.code ?? '', type: 'email' })
          : await client.auth.verifyOtp({ token_hash: mail?.tokenHash ?? '', type: 'email' });
      expect(error).toBeNull();
      expect(data.session?.user.id).toBe(user.id);
    }
  });
});

describe('errors in Supabase shape', () => {
  it('answers {code, message} with the echoed version header, and {code, error_code, msg} without', async () => {
    const body = JSON.stringify({ email: KARI, token: '000000', type: 'email' });
    // The seeded coordinator has no code pending after the first test: any code is wrong.
    const current = await raw('/verify', { method: 'POST', body });
    expect(current.status).toBe(403);
    expect(current.body).toEqual({ code: 'otp_expired', message: expect.any(String) });
    expect(current.headers.get('x-supabase-api-version')).toBe('2024-01-01');
    expect(current.headers.get('x-sb-error-code')).toBe('otp_expired');

    const initial = await raw('/verify', { method: 'POST', body, version: false });
    expect(initial.status).toBe(403);
    expect(initial.body).toEqual({ code: 403, error_code: 'otp_expired', msg: expect.any(String) });
    expect(initial.headers.get('x-supabase-api-version')).toBeNull();
    expect(initial.headers.get('x-sb-error-code')).toBe('otp_expired');
  });

  it('answers a verify without a code as validation_failed (400)', async () => {
    const answer = await raw('/verify', {
      method: 'POST',
      body: JSON.stringify({ type: 'email', email: KARI }),
    });
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('validation_failed');
  });
});

describe('refresh tokens', () => {
  it('rotates: each refresh gives a new token; the spent one repeats the same exchange', async () => {
    const client = anonClient();
    const user = await newUser();
    const first = await signInViaLink(client, user.email ?? '');
    const second = await client.auth.refreshSession({ refresh_token: first.refresh_token });
    expect(second.error).toBeNull();
    const child = second.data.session as Session;
    expect(child.refresh_token).not.toBe(first.refresh_token);
    expect(child.user.id).toBe(user.id);
    // The client lost the answer: the spent token gives back the same child, not a new one.
    const repeat = await anonClient().auth.refreshSession({ refresh_token: first.refresh_token });
    expect(repeat.error).toBeNull();
    expect(repeat.data.session?.refresh_token).toBe(child.refresh_token);
  });

  it('refuses a token reused after the reuse interval and revokes the session’s tokens', async () => {
    const client = anonClient();
    const user = await newUser();
    const a = await signInViaLink(client, user.email ?? '');
    const b = (await anonClient().auth.refreshSession({ refresh_token: a.refresh_token })).data
      .session as Session;
    const c = (await anonClient().auth.refreshSession({ refresh_token: b.refresh_token })).data
      .session as Session;
    expect(c.refresh_token).toBeTruthy();
    // Locally 1 s; hosted Supabase's default is 10 s.
    await new Promise((r) => setTimeout(r, REUSE_INTERVAL_S * 1000 + 300));
    const reused = await anonClient().auth.refreshSession({ refresh_token: a.refresh_token });
    expect(reused.error?.status).toBe(400);
    expect(reused.error?.code).toBe('refresh_token_already_used');
    // GoTrue (refresh tokens v1) revoked every token of the session; the newest one, revoked just
    // now, would still be swapped within the reuse interval (as GoTrue does), so wait it out.
    await new Promise((r) => setTimeout(r, REUSE_INTERVAL_S * 1000 + 300));
    const afterRevoke = await anonClient().auth.refreshSession({ refresh_token: c.refresh_token });
    expect(afterRevoke.error?.code).toBe('refresh_token_already_used');
  });

  it('refuses an unknown refresh token with refresh_token_not_found', async () => {
    const { error } = await anonClient().auth.refreshSession({ refresh_token: 'nosuchtoken1' });
    expect(error?.status).toBe(400);
    expect(error?.code).toBe('refresh_token_not_found');
  });
});

describe('sign-out', () => {
  it('local, others and global end the right sessions; /user then refuses their tokens', async () => {
    const user = await newUser();
    const email = user.email ?? '';
    const one = anonClient();
    const two = anonClient();
    const three = anonClient();
    const s1 = await signInViaLink(one, email);
    const s2 = await signInViaLink(two, email);
    const s3 = await signInViaLink(three, email);

    expect((await three.auth.signOut({ scope: 'local' })).error).toBeNull();
    const gone = await anonClient().auth.getUser(s3.access_token);
    expect(gone.error?.name).toBe('AuthSessionMissingError');
    expect((await anonClient().auth.getUser(s1.access_token)).error).toBeNull();

    expect((await one.auth.signOut({ scope: 'others' })).error).toBeNull();
    expect((await anonClient().auth.getUser(s2.access_token)).error?.name).toBe(
      'AuthSessionMissingError',
    );
    expect((await anonClient().auth.getUser(s1.access_token)).error).toBeNull();

    const signInAgain = await signInViaLink(two, email);
    expect((await one.auth.signOut({ scope: 'global' })).error).toBeNull();
    for (const token of [s1.access_token, signInAgain.access_token]) {
      const answer = await raw('/user', { headers: { authorization: `Bearer ${token}` } });
      expect(answer.status).toBe(403);
      expect(answer.body.code).toBe('session_not_found');
    }
    // The refresh tokens of an ended session are gone too.
    const refresh = await anonClient().auth.refreshSession({ refresh_token: s1.refresh_token });
    expect(refresh.error?.code).toBe('refresh_token_not_found');
  });
});

describe('admin API (service-role key only)', () => {
  it('creates and lists users with GoTrue’s pagination', async () => {
    const admin = adminClient().auth.admin;
    const created = await newUser();
    expect(created).toMatchObject({ aud: 'authenticated', role: 'authenticated' });
    expect(created.email_confirmed_at).toBeTruthy();
    const duplicate = await admin.createUser({ email: created.email ?? '', email_confirm: true });
    expect(duplicate.error?.status).toBe(422);
    expect(duplicate.error?.code).toBe('email_exists');

    const page = await admin.listUsers({ page: 1, perPage: 2 });
    expect(page.error).toBeNull();
    expect(page.data.users).toHaveLength(2);
    expect((page.data as { aud: string }).aud).toBe('authenticated');
    expect((page.data as { total: number }).total).toBeGreaterThanOrEqual(5);
    expect((page.data as { nextPage: number | null }).nextPage).toBe(2);
    const fetched = await admin.getUserById(created.id);
    expect(fetched.data.user?.email).toBe(created.email);
  });

  it('refuses a password (local arrangement: Supabase Auth stores it; the local service has no password sign-in)', async () => {
    const admin = adminClient().auth.admin;
    const email = `passord.${Date.now()}@eksempel.invalid`;
    const { error } = await admin.createUser({
      email,
      password: 'et-langt-passord-for-test',
      email_confirm: true,
    });
    expect(error?.status).toBe(400);
    expect(error?.code).toBe('validation_failed');
    expect(error?.message).toMatch(/^Passwords are not part of the local Auth service/);
    const { rows } = await withDb((db) =>
      db.query('select 1 from auth.users where email = $1', [email]),
    );
    expect(rows).toHaveLength(0);
  });

  it('refuses the anon key (not_admin, 403)', async () => {
    const { error } = await anonClient().auth.admin.listUsers();
    expect(error?.status).toBe(403);
    expect(error?.code).toBe('not_admin');
  });

  it('invites: a user with invited_at, a mail with a code and an invite link that confirms once', async () => {
    const email = `invitert.${Date.now()}@eksempel.invalid`;
    const invited = await adminClient().auth.admin.inviteUserByEmail(email);
    expect(invited.error).toBeNull();
    expect(invited.data.user?.invited_at).toBeTruthy();
    expect(invited.data.user?.email_confirmed_at).toBeUndefined();
    const mail = latestMessage(stack.mailboxDir, email);
    expect(mail?.code).toMatch(/^\d{8}$/);
    expect(mail?.text).toContain('type=invite');
    const { data, error } = await anonClient().auth.verifyOtp({
      token_hash: mail?.tokenHash ?? '',
      type: 'invite',
    });
    expect(error).toBeNull();
    expect(data.session?.user.email_confirmed_at).toBeTruthy();
    const again = await adminClient().auth.admin.inviteUserByEmail(email);
    expect(again.error?.code).toBe('email_exists');
  });

  it('generates a magic link with a code, without sending mail', async () => {
    const user = await newUser();
    const email = user.email ?? '';
    const { data, error } = await adminClient().auth.admin.generateLink({
      type: 'magiclink',
      email,
    });
    expect(error).toBeNull();
    expect(data.user?.id).toBe(user.id);
    expect(data.properties).toMatchObject({
      email_otp: expect.stringMatching(/^\d{8}$/),
      hashed_token: expect.stringMatching(/^[0-9a-f]+$/),
      verification_type: 'magiclink',
    });
    expect(data.properties?.action_link).toContain(`${stack.url}/auth/v1/verify?token=`);
    expect(latestMessage(stack.mailboxDir, email)).toBeUndefined();
  });

  it('links from generateLink verify once by redirect; redirect_to outside the allow list falls back to the site URL', async () => {
    const user = await newUser();
    const email = user.email ?? '';
    const admin = adminClient().auth.admin;
    const foreign = await admin.generateLink({
      type: 'magiclink',
      email,
      options: { redirectTo: 'https://angriper.example/fang' },
    });
    expect(foreign.data.properties?.redirect_to).toBe('http://localhost:4321');
    const allowed = 'http://localhost:4321/koordinator/';
    const link = await admin.generateLink({
      type: 'magiclink',
      email,
      options: { redirectTo: allowed },
    });
    expect(link.data.properties?.redirect_to).toBe(allowed);
    const actionLink = link.data.properties?.action_link ?? '';
    const first = await fetch(actionLink, { redirect: 'manual' });
    expect(first.status).toBe(303);
    const location = new URL(first.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(allowed);
    const fragment = new URLSearchParams(location.hash.slice(1));
    expect(fragment.get('token_type')).toBe('bearer');
    const me = await anonClient().auth.getUser(fragment.get('access_token') ?? '');
    expect(me.data.user?.id).toBe(user.id);
    const again = await fetch(actionLink, { redirect: 'manual' });
    const error = new URLSearchParams(new URL(again.headers.get('location') ?? '').hash.slice(1));
    expect(error.get('error_code')).toBe('otp_expired');
  });

  it('bans a user: /user, refresh and verify refuse with user_banned; "none" lifts the ban', async () => {
    const user = await newUser();
    const client = anonClient();
    const session = await signInWithCode(client, user.email ?? '');
    const banned = await adminClient().auth.admin.updateUserById(user.id, { ban_duration: '24h' });
    expect(banned.error).toBeNull();
    expect(Date.parse(banned.data.user?.banned_until ?? '')).toBeGreaterThan(
      Date.now() + 23 * 3600_000,
    );

    const me = await raw('/user', { headers: { authorization: `Bearer ${session.access_token}` } });
    expect(me.status).toBe(403);
    expect(me.body.code).toBe('user_banned');
    const refresh = await anonClient().auth.refreshSession({
      refresh_token: session.refresh_token,
    });
    expect(refresh.error?.status).toBe(400);
    expect(refresh.error?.code).toBe('user_banned');
    const link = await adminClient().auth.admin.generateLink({
      type: 'magiclink',
      email: user.email ?? '',
    });
    const verify = await anonClient().auth.verifyOtp({
      email: user.email ?? '',
      token: link.data.properties?.email_otp ?? '',
      type: 'email',
    });
    expect(verify.error?.status).toBe(403);
    expect(verify.error?.code).toBe('user_banned');

    await adminClient().auth.admin.updateUserById(user.id, { ban_duration: 'none' });
    expect((await anonClient().auth.getUser(session.access_token)).error).toBeNull();
  });
});

describe('access tokens work with PostgREST through the gateway', () => {
  const read = (token: string) =>
    createClient(stack.url, stack.anonKey, {
      auth: { persistSession: false, autoRefreshToken: false },
      global: { headers: { Authorization: `Bearer ${token}` } },
    })
      .from('coordinators')
      .select('user_id, name, active');

  it('a seeded coordinator reads coordinators as herself', async () => {
    const session = await signInViaLink(anonClient(), KARI);
    const { data, error } = await read(session.access_token);
    expect(error).toBeNull();
    expect(data).toContainEqual({
      user_id: '5eed0000-0000-4000-8000-000000000001',
      name: 'Kari Koordinator',
      active: true,
    });
  });

  it('after sign-out /user refuses the token; PostgREST (a stateless JWT check) still accepts it until exp, as on hosted Supabase, but the policies find no live session', async () => {
    const client = anonClient();
    const session = await signInViaLink(client, KARI);
    expect((await client.auth.signOut({ scope: 'local' })).error).toBeNull();
    const me = await anonClient().auth.getUser(session.access_token);
    expect(me.error?.name).toBe('AuthSessionMissingError');
    // getClaims() on an HS256 token asks /user too; with asymmetric keys it would verify locally.
    const claims = await anonClient().auth.getClaims(session.access_token);
    expect(claims.data).toBeNull();
    expect(claims.error).not.toBeNull();
    // Not 401 (the JWT is still valid to PostgREST) but the database's 42501: the token's session
    // is gone from auth.sessions (private.signed_in_user_id).
    const { data, error } = await read(session.access_token);
    expect(data).toBeNull();
    expect(error?.code).toBe('42501');
  });

  it('refuses an expired access token at /user (bad_jwt, 403)', async () => {
    const session = await signInViaLink(anonClient(), NOT_COORDINATOR);
    const claims = decodeJwt(session.access_token);
    const expired = await new SignJWT({ ...claims, exp: Math.floor(Date.now() / 1000) - 10 })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .sign(new TextEncoder().encode(stack.jwtSecret));
    const answer = await raw('/user', { headers: { authorization: `Bearer ${expired}` } });
    expect(answer.status).toBe(403);
    expect(answer.body.code).toBe('bad_jwt');
  });

  it.each([NOT_COORDINATOR, DEACTIVATED])('%s gets 42501', async (email) => {
    const session = await signInViaLink(anonClient(), email);
    const { data, error } = await read(session.access_token);
    expect(data).toBeNull();
    expect(error?.code).toBe('42501');
  });
});
