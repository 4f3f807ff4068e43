/**
 * The local Auth service: a request handler (mounted by the gateway at `/auth/v1`) that speaks
 * Supabase Auth's (GoTrue's) HTTP contract for what the portal uses — e-mail codes and links,
 * sessions with rotating refresh tokens, /user, /logout, /settings, and the admin routes — with
 * users, sessions and tokens in the `auth` schema and mails to the local mailbox. Sign-ups are
 * always off. Used only locally and in tests; production uses Supabase's own Auth.
 */
import { createHash, randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type http from 'node:http';
import { SignJWT, jwtVerify, type JWTPayload } from 'jose';
import pg from 'pg';
import { storeMessage } from '../../../src/lib/server/email/mailbox.ts';
import {
  AuthError,
  OAuthError,
  RateLimiter,
  parseGoDuration,
  readJson,
  sendError,
  sendJson,
} from './http.ts';

/** Settings of one Auth service; the defaults are Supabase Auth's. */
export interface AuthSettings {
  /** Access-token lifetime (GoTrue `JWT_EXP`, default 3600 s). */
  jwtExpirySeconds: number;
  /** Digits in an e-mail code (GoTrue `MAILER_OTP_LENGTH`, the CLI's `otp_length`, 6). */
  otpLength: number;
  /** How long an e-mail code or link is valid (the Supabase CLI's `otp_expiry`, 3600 s). */
  otpExpirySeconds: number;
  /** One code per address per this many seconds (GoTrue `SMTP_MAX_FREQUENCY`, 60 s). */
  otpFrequencySeconds: number;
  /** E-mails per hour for the whole service (GoTrue `RATE_LIMIT_EMAIL_SENT`, 30). */
  emailsPerHour: number;
  /** /otp requests per IP per 5 minutes (GoTrue `RATE_LIMIT_OTP`, 30). */
  otpPerFiveMinutes: number;
  /** /verify requests per IP per 5 minutes (GoTrue `RATE_LIMIT_VERIFY`, 30). */
  verifyPerFiveMinutes: number;
  /** /token requests per IP per 5 minutes (GoTrue `RATE_LIMIT_TOKEN_REFRESH`, 150). */
  tokenPerFiveMinutes: number;
  /** A spent refresh token may be exchanged again within this many seconds (GoTrue: 10 s). */
  refreshTokenReuseIntervalSeconds: number;
  /** The site URL (GoTrue `SITE_URL`): mail links point here; also the default redirect. */
  siteUrl: string;
  /** Further allowed redirect URLs (GoTrue `URI_ALLOW_LIST`); a trailing `**` matches any path. */
  redirectUrls: string[];
  /**
   * SAML identity providers by e-mail domain (`supabase sso add --domains`), as their sign-in URL.
   * `POST /sso` answers with that URL as GoTrue does; the SAML exchange itself (the IdP, the ACS
   * endpoint) does not exist locally. Empty by default: every domain gets `sso_provider_not_found`.
   */
  ssoProviders: Record<string, string>;
}

/** The sender of the local Auth's mails (a hosted project sends from its SMTP settings). */
const MAIL_FROM = 'Lokal innlogging <ikke-svar@auth.fosterportal.invalid>';

/** Supabase Auth's defaults, with the portal's site URL. */
export const DEFAULT_AUTH_SETTINGS: AuthSettings = {
  jwtExpirySeconds: 3600,
  otpLength: 6,
  otpExpirySeconds: 3600,
  otpFrequencySeconds: 60,
  emailsPerHour: 30,
  otpPerFiveMinutes: 30,
  verifyPerFiveMinutes: 30,
  tokenPerFiveMinutes: 150,
  refreshTokenReuseIntervalSeconds: 10,
  siteUrl: 'http://localhost:4321',
  redirectUrls: [],
  ssoProviders: {},
};

/** What the service needs besides its settings. */
export interface AuthServiceOptions {
  dbUrl: string;
  jwtSecret: string;
  /** The public URL of the API gateway (`SUPABASE_URL`); tokens' `iss` is `<apiUrl>/auth/v1`. */
  apiUrl: string;
  mailboxDir: string;
  settings?: Partial<AuthSettings>;
}

/** A running Auth service: `handle` serves one request whose path is below `/auth/v1`. */
export interface AuthService {
  handle(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    path: string,
    search: URLSearchParams,
  ): void;
  close(): Promise<void>;
  settings: AuthSettings;
}

interface UserRow {
  id: string;
  aud: string | null;
  role: string | null;
  email: string | null;
  phone: string | null;
  email_confirmed_at: Date | null;
  phone_confirmed_at: Date | null;
  invited_at: Date | null;
  confirmation_sent_at: Date | null;
  recovery_sent_at: Date | null;
  last_sign_in_at: Date | null;
  raw_app_meta_data: Record<string, unknown> | null;
  raw_user_meta_data: Record<string, unknown> | null;
  banned_until: Date | null;
  created_at: Date | null;
  updated_at: Date | null;
  is_anonymous: boolean;
}

const USER_COLUMNS = `id, aud, role, email, phone, email_confirmed_at, phone_confirmed_at, invited_at,
  confirmation_sent_at, recovery_sent_at, last_sign_in_at, raw_app_meta_data, raw_user_meta_data,
  banned_until, created_at, updated_at, is_anonymous`;

type TokenType = 'confirmation_token' | 'recovery_token';
type Amr = { method: string; timestamp: number };

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : undefined);

/** The user object as GoTrue marshals it (models.User), with the e-mail identity. */
export function userJson(u: UserRow): Record<string, unknown> {
  const confirmedAt = u.email_confirmed_at ?? u.phone_confirmed_at;
  const identity = u.email
    ? [
        {
          identity_id: u.id,
          id: u.id,
          user_id: u.id,
          identity_data: {
            email: u.email,
            email_verified: u.email_confirmed_at !== null,
            phone_verified: false,
            sub: u.id,
          },
          provider: 'email',
          last_sign_in_at: iso(u.last_sign_in_at ?? u.created_at),
          created_at: iso(u.created_at),
          updated_at: iso(u.updated_at),
          email: u.email,
        },
      ]
    : [];
  const json: Record<string, unknown> = {
    id: u.id,
    aud: u.aud ?? '',
    role: u.role ?? '',
    email: u.email ?? '',
    email_confirmed_at: iso(u.email_confirmed_at),
    phone: u.phone ?? '',
    confirmation_sent_at: iso(u.confirmation_sent_at),
    confirmed_at: iso(confirmedAt),
    recovery_sent_at: iso(u.recovery_sent_at),
    invited_at: iso(u.invited_at),
    last_sign_in_at: iso(u.last_sign_in_at),
    app_metadata: u.raw_app_meta_data ?? {},
    user_metadata: u.raw_user_meta_data ?? {},
    identities: identity,
    created_at: iso(u.created_at),
    updated_at: iso(u.updated_at),
    banned_until: iso(u.banned_until),
    is_anonymous: u.is_anonymous,
  };
  // GoTrue omits empty optional timestamps (`omitempty`).
  for (const key of Object.keys(json)) if (json[key] === undefined) delete json[key];
  return json;
}

/** GoTrue's token hash: hex SHA-224 of address + code (crypto.GenerateTokenHash). */
export function tokenHash(email: string, code: string): string {
  return createHash('sha224')
    .update(email + code)
    .digest('hex');
}

const EMAIL_PATTERN =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+$/;

function validateEmail(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '')
    throw new AuthError(400, 'validation_failed', 'An email address is required');
  const email = value.trim().toLowerCase();
  if (email.length > 255 || !EMAIL_PATTERN.test(email))
    throw new AuthError(
      400,
      'validation_failed',
      'Unable to validate email address: invalid format',
    );
  return email;
}

const isBanned = (u: UserRow) => u.banned_until !== null && u.banned_until.getTime() > Date.now();

function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

function bearer(req: http.IncomingMessage): string | undefined {
  const header = req.headers['authorization'];
  const match = typeof header === 'string' ? /^bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

function remoteIp(req: http.IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown';
}

/** Creates the Auth service. The database pool connects lazily, so start-up costs nothing. */
export function createAuthService(options: AuthServiceOptions): AuthService {
  const settings: AuthSettings = { ...DEFAULT_AUTH_SETTINGS, ...options.settings };
  const pool = new pg.Pool({ connectionString: options.dbUrl, max: 8 });
  pool.on('error', () => undefined);
  const key = new TextEncoder().encode(options.jwtSecret);
  const issuer = `${options.apiUrl.replace(/\/$/, '')}/auth/v1`;
  const fiveMinutes = 5 * 60_000;
  const otpLimiter = new RateLimiter(settings.otpPerFiveMinutes, fiveMinutes);
  const verifyLimiter = new RateLimiter(settings.verifyPerFiveMinutes, fiveMinutes);
  const tokenLimiter = new RateLimiter(settings.tokenPerFiveMinutes, fiveMinutes);
  const emailLimiter = new RateLimiter(settings.emailsPerHour, 3_600_000);

  async function inTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    try {
      await client.query('begin');
      const result = await work(client);
      await client.query('commit');
      return result;
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async function findUserByEmail(
    db: pg.ClientBase | pg.Pool,
    email: string,
  ): Promise<UserRow | undefined> {
    const { rows } = await db.query<UserRow>(
      `select ${USER_COLUMNS} from auth.users where lower(email) = $1 and deleted_at is null`,
      [email],
    );
    return rows[0];
  }

  async function findUserById(
    db: pg.ClientBase | pg.Pool,
    id: string,
  ): Promise<UserRow | undefined> {
    const { rows } = await db.query<UserRow>(
      `select ${USER_COLUMNS} from auth.users where id = $1`,
      [id],
    );
    return rows[0];
  }

  /** Verifies a JWT signed with the project secret; GoTrue's `bad_jwt` otherwise. */
  async function verifyJwt(token: string): Promise<JWTPayload & Record<string, unknown>> {
    try {
      const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'] });
      return payload as JWTPayload & Record<string, unknown>;
    } catch (error) {
      const reason =
        error instanceof Error && 'code' in error && error.code === 'ERR_JWT_EXPIRED'
          ? 'token has invalid claims: token is expired'
          : 'signature is invalid';
      throw new AuthError(
        403,
        'bad_jwt',
        `invalid JWT: unable to parse or verify signature, ${reason}`,
      );
    }
  }

  /** GoTrue's requireAuthentication: a valid token of an existing user with a live session. */
  async function authenticate(
    req: http.IncomingMessage,
  ): Promise<{ user: UserRow; sessionId: string | undefined }> {
    const token = bearer(req);
    if (!token)
      throw new AuthError(401, 'no_authorization', 'This endpoint requires a valid Bearer token');
    const claims = await verifyJwt(token);
    if (typeof claims.sub !== 'string' || claims.sub === '')
      throw new AuthError(403, 'bad_jwt', 'invalid claim: missing sub claim');
    if (!isUuid(claims.sub))
      throw new AuthError(400, 'bad_jwt', 'invalid claim: sub claim must be a UUID');
    const user = await findUserById(pool, claims.sub);
    if (!user)
      throw new AuthError(403, 'user_not_found', 'User from sub claim in JWT does not exist');
    const sessionId = typeof claims['session_id'] === 'string' ? claims['session_id'] : undefined;
    if (sessionId) {
      if (!isUuid(sessionId))
        throw new AuthError(403, 'bad_jwt', 'invalid claim: session_id claim must be a UUID');
      const { rowCount } = await pool.query('select 1 from auth.sessions where id = $1', [
        sessionId,
      ]);
      if (!rowCount)
        throw new AuthError(
          403,
          'session_not_found',
          'Session from session_id claim in JWT does not exist',
        );
    }
    if (isBanned(user)) throw new AuthError(403, 'user_banned', 'User is banned');
    return { user, sessionId };
  }

  /** GoTrue's requireAdmin: a valid token whose role is an admin role (service_role). */
  async function requireAdmin(req: http.IncomingMessage): Promise<void> {
    const token = bearer(req);
    if (!token)
      throw new AuthError(401, 'no_authorization', 'This endpoint requires a valid Bearer token');
    const claims = await verifyJwt(token);
    if (claims['role'] !== 'service_role' && claims['role'] !== 'supabase_admin')
      throw new AuthError(403, 'not_admin', 'User not allowed');
  }

  async function accessToken(
    user: UserRow,
    sessionId: string,
    amr: Amr[],
  ): Promise<{ token: string; expiresAt: number }> {
    const now = Math.floor(Date.now() / 1000);
    const expiresAt = now + settings.jwtExpirySeconds;
    const token = await new SignJWT({
      aud: 'authenticated',
      email: user.email ?? '',
      phone: user.phone ?? '',
      app_metadata: user.raw_app_meta_data ?? {},
      user_metadata: user.raw_user_meta_data ?? {},
      role: user.role || 'authenticated',
      aal: 'aal1',
      amr,
      session_id: sessionId,
      is_anonymous: user.is_anonymous,
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(issuer)
      .setSubject(user.id)
      .setIssuedAt(now)
      .setExpirationTime(expiresAt)
      .sign(key);
    return { token, expiresAt };
  }

  async function sessionJson(user: UserRow, sessionId: string, amr: Amr[], refreshToken: string) {
    const { token, expiresAt } = await accessToken(user, sessionId, amr);
    return {
      access_token: token,
      token_type: 'bearer',
      expires_in: settings.jwtExpirySeconds,
      expires_at: expiresAt,
      refresh_token: refreshToken,
      user: userJson(user),
    };
  }

  const newRefreshToken = () => {
    // GoTrue's v1 refresh tokens: 12 random alphanumerics.
    const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
    return Array.from(randomBytes(12), (b) => alphabet[b % alphabet.length]).join('');
  };

  async function issueRefreshToken(
    db: pg.ClientBase,
    user: UserRow,
    sessionId: string,
    parent: string | null,
  ): Promise<string> {
    const token = newRefreshToken();
    await db.query(
      `insert into auth.refresh_tokens (token, user_id, revoked, created_at, updated_at, parent, session_id)
       values ($1, $2, false, now(), now(), $3, $4)`,
      [token, user.id, parent, sessionId],
    );
    return token;
  }

  /** The session's sign-in methods (auth.mfa_amr_claims), as the `amr` claim carries them. */
  async function sessionAmr(db: pg.ClientBase, sessionId: string, createdAt: Date): Promise<Amr[]> {
    const { rows } = await db.query<{ authentication_method: string; created_at: Date }>(
      'select authentication_method, created_at from auth.mfa_amr_claims where session_id = $1 order by created_at desc',
      [sessionId],
    );
    const amr = rows.map((r) => ({
      method: r.authentication_method,
      timestamp: Math.floor(r.created_at.getTime() / 1000),
    }));
    return amr.length > 0
      ? amr
      : [{ method: 'otp', timestamp: Math.floor(createdAt.getTime() / 1000) }];
  }

  /** A new session for a user who proved the address with a code or link (amr `otp`). */
  async function signIn(db: pg.ClientBase, user: UserRow, req: http.IncomingMessage) {
    const method = 'otp';
    const sessionId = randomUUID();
    const { rows } = await db.query<UserRow>(
      `update auth.users set last_sign_in_at = now(), updated_at = now(),
         email_confirmed_at = coalesce(email_confirmed_at, now())
       where id = $1 returning ${USER_COLUMNS}`,
      [user.id],
    );
    const updated = rows[0] as UserRow;
    const { rows: session } = await db.query<{ created_at: Date }>(
      `insert into auth.sessions (id, user_id, created_at, updated_at, aal, user_agent, ip)
       values ($1, $2, now(), now(), 'aal1', $3, $4) returning created_at`,
      [
        sessionId,
        user.id,
        String(req.headers['user-agent'] ?? '').slice(0, 500),
        remoteIp(req).replace(/^::ffff:/, ''),
      ],
    );
    const createdAt = (session[0] as { created_at: Date }).created_at;
    await db.query(
      `insert into auth.mfa_amr_claims (id, session_id, created_at, updated_at, authentication_method)
       values ($1, $2, $3, $3, $4)`,
      [randomUUID(), sessionId, createdAt, method],
    );
    const refresh = await issueRefreshToken(db, updated, sessionId, null);
    const amr = [{ method, timestamp: Math.floor(createdAt.getTime() / 1000) }];
    return sessionJson(updated, sessionId, amr, refresh);
  }

  /** GoTrue's redirect check: the site URL, or a URL on the allow list; otherwise the site URL. */
  function redirectTarget(requested: string | null | undefined): string {
    if (!requested) return settings.siteUrl;
    try {
      const url = new URL(requested);
      const site = new URL(settings.siteUrl);
      if (url.origin === site.origin) return requested;
      for (const allowed of settings.redirectUrls) {
        if (
          allowed.endsWith('**')
            ? requested.startsWith(allowed.slice(0, -2))
            : requested === allowed
        )
          return requested;
      }
    } catch {
      // not a URL
    }
    return settings.siteUrl;
  }

  /** Creates (or replaces) the user's one-time token of `type`; returns the code and its hash. */
  async function storeOneTimeToken(
    db: pg.ClientBase,
    user: UserRow,
    type: TokenType,
    pkce = false,
  ) {
    const email = (user.email ?? '').toLowerCase();
    // GoTrue's crypto.GenerateOtp: `otpLength` random decimal digits.
    const code = String(randomInt(0, 10 ** settings.otpLength)).padStart(settings.otpLength, '0');
    // A PKCE request (code_challenge) gets GoTrue's flow prefix on the hash (addFlowPrefixToToken).
    const hash = `${pkce ? 'pkce_' : ''}${tokenHash(email, code)}`;
    await db.query(
      `insert into auth.one_time_tokens (id, user_id, token_type, token_hash, relates_to)
       values ($1, $2, $3, $4, $5)
       on conflict (user_id, token_type) do update
         set token_hash = excluded.token_hash, relates_to = excluded.relates_to,
             created_at = now(), updated_at = now()`,
      [randomUUID(), user.id, type, hash, email],
    );
    const sentColumn = type === 'recovery_token' ? 'recovery' : 'confirmation';
    await db.query(
      `update auth.users set ${sentColumn}_token = $2, ${sentColumn}_sent_at = now(), updated_at = now() where id = $1`,
      [user.id, hash],
    );
    return { code, hash };
  }

  function confirmLink(hash: string, type: 'email' | 'invite'): string {
    const site = settings.siteUrl.replace(/\/$/, '');
    return `${site}/koordinator/logg-inn/bekreft/?token_hash=${hash}&type=${type}`;
  }

  const validFor = () => {
    const minutes = Math.round(settings.otpExpirySeconds / 60);
    return minutes >= 60 && minutes % 60 === 0
      ? `${minutes / 60} ${minutes === 60 ? 'time' : 'timer'}`
      : `${minutes} minutter`;
  };

  function sendSignInMail(email: string, code: string, hash: string): void {
    storeMessage(options.mailboxDir, {
      from: MAIL_FROM,
      to: email,
      subject: 'Koden din for å logge inn',
      text: [
        `Koden din for å logge inn i arbeidsflaten: ${code}`,
        '',
        `Koden gjelder i ${validFor()} og kan brukes én gang.`,
        '',
        'Du kan også logge inn med denne lenken:',
        confirmLink(hash, 'email'),
        '',
        'Har du ikke bedt om å logge inn, kan du se bort fra denne e-posten.',
      ].join('\n'),
    });
  }

  function sendInviteMail(email: string, code: string, hash: string): void {
    storeMessage(options.mailboxDir, {
      from: MAIL_FROM,
      to: email,
      subject: 'Du er invitert til arbeidsflaten',
      text: [
        'Du er invitert til arbeidsflaten for koordinatorer.',
        '',
        `Koden din for å logge inn i arbeidsflaten: ${code}`,
        '',
        `Koden gjelder i ${validFor()} og kan brukes én gang.`,
        '',
        'Du kan også ta imot invitasjonen med denne lenken:',
        confirmLink(hash, 'invite'),
      ].join('\n'),
    });
  }

  function checkFrequency(sentAt: Date | null): void {
    if (!sentAt) return;
    const until = sentAt.getTime() + settings.otpFrequencySeconds * 1000;
    if (until > Date.now()) {
      const left = Math.floor((until - Date.now()) / 1000);
      throw new AuthError(
        429,
        'over_email_send_rate_limit',
        `For security purposes, you can only request this after ${left} seconds.`,
      );
    }
  }

  function takeEmailQuota(): void {
    if (!emailLimiter.take('all'))
      throw new AuthError(429, 'over_email_send_rate_limit', 'Email rate limit exceeded');
  }

  // POST /otp (internal/api/otp.go, magic_link.go)
  async function otp(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!otpLimiter.take(remoteIp(req)))
      throw new AuthError(429, 'over_request_rate_limit', 'Request rate limit reached');
    const body = await readJson(req);
    if (body['email'] && body['phone'])
      throw new AuthError(
        400,
        'validation_failed',
        'Only an email address or phone number should be provided',
      );
    if (!body['email']) {
      if (body['phone'])
        throw new AuthError(400, 'phone_provider_disabled', 'Unsupported phone provider');
      throw new AuthError(400, 'validation_failed', 'One of email or phone must be set');
    }
    const email = validateEmail(body['email']);
    const challenge = body['code_challenge'];
    const challengeMethod = body['code_challenge_method'];
    if (Boolean(challenge) !== Boolean(challengeMethod))
      throw new AuthError(
        400,
        'validation_failed',
        'PKCE flow requires code_challenge_method and code_challenge',
      );
    const pkce = typeof challenge === 'string' && challenge !== '';
    const createUser = body['create_user'] !== false;
    const user = await findUserByEmail(pool, email);
    if (!user) {
      // Sign-ups are off: with create_user false GoTrue refuses before anything else.
      if (!createUser) throw new AuthError(422, 'otp_disabled', 'Signups not allowed for otp');
      throw new AuthError(422, 'signup_disabled', 'Signups not allowed for this instance');
    }
    // An unconfirmed (invited) user gets a confirmation code, a confirmed one a magic-link code.
    const type: TokenType = user.email_confirmed_at ? 'recovery_token' : 'confirmation_token';
    checkFrequency(type === 'recovery_token' ? user.recovery_sent_at : user.confirmation_sent_at);
    takeEmailQuota();
    const { code, hash } = await inTransaction((db) => storeOneTimeToken(db, user, type, pkce));
    sendSignInMail(email, code, hash);
    sendJson(res, 200, {});
  }

  const VERIFY_TYPES: Record<string, TokenType[]> = {
    email: ['recovery_token', 'confirmation_token'],
    magiclink: ['recovery_token', 'confirmation_token'],
    signup: ['confirmation_token'],
    invite: ['confirmation_token'],
    recovery: ['recovery_token'],
  };

  // POST /verify (internal/api/verify.go)
  async function verify(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!verifyLimiter.take(remoteIp(req)))
      throw new AuthError(429, 'over_request_rate_limit', 'Request rate limit reached');
    sendJson(res, 200, await consumeToken(await readJson(req), req));
  }

  // GET /verify?token=<hashed token>&type=…&redirect_to=… (a mail or generate_link link):
  // GoTrue's implicit flow redirects with the session, or the error, in the URL fragment.
  async function verifyLink(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    search: URLSearchParams,
  ): Promise<void> {
    const redirect = redirectTarget(search.get('redirect_to'));
    const go = (fragment: Record<string, string>) => {
      res.writeHead(303, { location: `${redirect}#${new URLSearchParams(fragment).toString()}` });
      res.end();
    };
    if (!verifyLimiter.take(remoteIp(req)))
      throw new AuthError(429, 'over_request_rate_limit', 'Request rate limit reached');
    const type = search.get('type') ?? '';
    try {
      const session = await consumeToken({ token_hash: search.get('token') ?? '', type }, req);
      go({
        access_token: session.access_token,
        expires_at: String(session.expires_at),
        expires_in: String(session.expires_in),
        refresh_token: session.refresh_token,
        token_type: 'bearer',
        type,
      });
    } catch (error) {
      if (!(error instanceof AuthError) || error.status >= 500) throw error;
      go({ error: 'access_denied', error_code: error.code, error_description: error.message });
    }
  }

  /** Checks a code (email + token) or a link (token_hash) and spends it; returns a new session. */
  async function consumeToken(body: Record<string, unknown>, req: http.IncomingMessage) {
    const type = typeof body['type'] === 'string' ? body['type'] : '';
    const token = typeof body['token'] === 'string' ? body['token'].trim() : '';
    const hashParam = typeof body['token_hash'] === 'string' ? body['token_hash'].trim() : '';
    if (!type) throw new AuthError(400, 'validation_failed', 'Verify requires a verification type');
    if (!token && !hashParam)
      throw new AuthError(
        400,
        'validation_failed',
        'Verify requires either a token or a token hash',
      );
    if (hashParam && (body['email'] || body['phone']))
      throw new AuthError(
        400,
        'validation_failed',
        'Only the token_hash and type should be provided',
      );
    const types = VERIFY_TYPES[type];
    if (!types) throw new AuthError(400, 'validation_failed', 'Unsupported verification type');

    return inTransaction(async (db) => {
      let user: UserRow | undefined;
      let row: { token_type: TokenType; token_hash: string } | undefined;
      let invalid: string;
      if (hashParam) {
        invalid = 'Email link is invalid or has expired';
        const { rows } = await db.query<{
          user_id: string;
          token_type: TokenType;
          token_hash: string;
        }>(
          `select user_id, token_type, token_hash from auth.one_time_tokens
           where token_hash = $1 and token_type = any($2::auth.one_time_token_type[]) for update`,
          [hashParam, types],
        );
        row = rows[0];
        if (row) user = await findUserById(db, (rows[0] as { user_id: string }).user_id);
      } else {
        invalid = 'Token has expired or is invalid';
        const email = validateEmail(body['email']);
        user = await findUserByEmail(db, email);
        if (user) {
          const expected = Buffer.from(tokenHash(email, token));
          const { rows } = await db.query<{ token_type: TokenType; token_hash: string }>(
            `select token_type, token_hash from auth.one_time_tokens
             where user_id = $1 and token_type = any($2::auth.one_time_token_type[]) for update`,
            [user.id, types],
          );
          // GoTrue's isOtpValid: the hash, or the hash with the PKCE flow prefix.
          const matches = (stored: string) => {
            const candidate = Buffer.from(stored.replace(/^pkce_/, ''));
            return candidate.length === expected.length && timingSafeEqual(candidate, expected);
          };
          row = rows.find((r) => matches(r.token_hash));
        }
      }
      if (!user || !row) throw new AuthError(403, 'otp_expired', invalid);
      if (isBanned(user)) throw new AuthError(403, 'user_banned', 'User is banned');
      const sentAt =
        row.token_type === 'recovery_token' ? user.recovery_sent_at : user.confirmation_sent_at;
      if (!sentAt || sentAt.getTime() + settings.otpExpirySeconds * 1000 < Date.now())
        throw new AuthError(403, 'otp_expired', invalid);
      // A code works once.
      await db.query('delete from auth.one_time_tokens where user_id = $1 and token_type = $2', [
        user.id,
        row.token_type,
      ]);
      const column = row.token_type === 'recovery_token' ? 'recovery_token' : 'confirmation_token';
      await db.query(`update auth.users set ${column} = '' where id = $1`, [user.id]);
      return signIn(db, user, req);
    });
  }

  // POST /token?grant_type=refresh_token (internal/tokens/service.go, refresh token v1). The only
  // grant here: the portal signs in with e-mail codes, so every other grant, password included,
  // gets internal/api/token.go's answer to a grant it does not know (before its rate limit).
  async function refresh(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    search: URLSearchParams,
  ): Promise<void> {
    if (search.get('grant_type') !== 'refresh_token')
      throw new AuthError(400, 'invalid_credentials', 'unsupported_grant_type');
    if (!tokenLimiter.take(remoteIp(req)))
      throw new AuthError(429, 'over_request_rate_limit', 'Request rate limit reached');
    const body = await readJson(req);
    const given = typeof body['refresh_token'] === 'string' ? body['refresh_token'] : '';
    if (!given) throw new OAuthError('invalid_request', 'refresh_token required');

    const outcome = await inTransaction(async (db) => {
      const { rows } = await db.query<{
        id: string;
        token: string;
        user_id: string;
        revoked: boolean;
        updated_at: Date;
        session_id: string | null;
      }>(
        'select id, token, user_id, revoked, updated_at, session_id from auth.refresh_tokens where token = $1 for update',
        [given],
      );
      const token = rows[0];
      if (!token)
        throw new AuthError(
          400,
          'refresh_token_not_found',
          'Invalid Refresh Token: Refresh Token Not Found',
        );
      const user = await findUserById(db, token.user_id);
      if (!user)
        throw new AuthError(
          400,
          'refresh_token_not_found',
          'Invalid Refresh Token: Refresh Token Not Found',
        );
      if (isBanned(user))
        throw new AuthError(400, 'user_banned', 'Invalid Refresh Token: User Banned');
      const { rows: sessions } = token.session_id
        ? await db.query<{ id: string; created_at: Date }>(
            'select id, created_at from auth.sessions where id = $1 for update',
            [token.session_id],
          )
        : { rows: [] };
      const session = sessions[0];
      if (!session)
        throw new AuthError(
          400,
          'session_not_found',
          'Invalid Refresh Token: No Valid Session Found',
        );

      let issued: string | undefined;
      if (token.revoked) {
        const { rows: active } = await db.query<{ token: string; parent: string | null }>(
          'select token, parent from auth.refresh_tokens where session_id = $1 and revoked = false order by id desc limit 1',
          [session.id],
        );
        if (active[0] && active[0].parent === token.token) {
          // The client lost the answer of its last refresh: hand back the same child.
          issued = active[0].token;
        } else if (
          Date.now() >
          token.updated_at.getTime() + settings.refreshTokenReuseIntervalSeconds * 1000
        ) {
          // Reuse outside the interval: revoke the whole token family of the session.
          await db.query(
            'update auth.refresh_tokens set revoked = true, updated_at = now() where session_id = $1 and revoked = false',
            [session.id],
          );
          return {
            error: new AuthError(
              400,
              'refresh_token_already_used',
              'Invalid Refresh Token: Already Used',
            ),
          };
        }
      }
      if (!issued) {
        await db.query(
          'update auth.refresh_tokens set revoked = true, updated_at = now() where id = $1 and revoked = false',
          [token.id],
        );
        issued = await issueRefreshToken(db, user, session.id, token.token);
      }
      await db.query(
        "update auth.sessions set refreshed_at = now() at time zone 'utc', updated_at = now() where id = $1",
        [session.id],
      );
      const amr = await sessionAmr(db, session.id, session.created_at);
      return { session: await sessionJson(user, session.id, amr, issued) };
    });
    // The revocation is committed even though the answer is an error (GoTrue's NewCommitWithError).
    if ('error' in outcome) throw outcome.error;
    sendJson(res, 200, outcome.session);
  }

  // GET /user (internal/api/user.go)
  async function getUser(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const { user } = await authenticate(req);
    sendJson(res, 200, userJson(user));
  }

  // POST /logout (internal/api/logout.go)
  async function logout(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    search: URLSearchParams,
  ): Promise<void> {
    const scope = search.get('scope') ?? 'global';
    if (!['global', 'local', 'others'].includes(scope))
      throw new AuthError(400, 'validation_failed', `Unsupported logout scope "${scope}"`);
    const { user, sessionId } = await authenticate(req);
    if (scope === 'local' && sessionId)
      await pool.query('delete from auth.sessions where id = $1', [sessionId]);
    else if (scope === 'others')
      await pool.query('delete from auth.sessions where user_id = $1 and id is distinct from $2', [
        user.id,
        sessionId ?? null,
      ]);
    else await pool.query('delete from auth.sessions where user_id = $1', [user.id]);
    res.writeHead(204);
    res.end();
  }

  async function createUserRow(
    db: pg.ClientBase,
    fields: {
      email: string;
      confirmed: boolean;
      invited: boolean;
      userMetadata: unknown;
      appMetadata: unknown;
      bannedUntil?: Date | null;
    },
  ): Promise<UserRow> {
    const app = {
      provider: 'email',
      providers: ['email'],
      ...(fields.appMetadata as object | null),
    };
    const { rows } = await db.query<UserRow>(
      `insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at, invited_at,
         raw_app_meta_data, raw_user_meta_data, banned_until, created_at, updated_at, is_anonymous, is_sso_user,
         confirmation_token, recovery_token, email_change_token_new, email_change)
       values ('00000000-0000-0000-0000-000000000000', $1, 'authenticated', 'authenticated', $2, '',
         case when $3 then now() end, case when $4 then now() end, $5, $6, $7, now(), now(), false, false,
         '', '', '', '')
       returning ${USER_COLUMNS}`,
      [
        randomUUID(),
        fields.email,
        fields.confirmed,
        fields.invited,
        app,
        fields.userMetadata ?? {},
        fields.bannedUntil ?? null,
      ],
    );
    return rows[0] as UserRow;
  }

  function banUntil(value: unknown): Date | null | undefined {
    if (value === undefined || value === null || value === '') return undefined;
    if (value === 'none') return null;
    const ms = typeof value === 'string' ? parseGoDuration(value) : undefined;
    if (ms === undefined)
      throw new AuthError(
        400,
        'validation_failed',
        `invalid format for ban duration: time: invalid duration "${String(value)}"`,
      );
    return ms === 0 ? null : new Date(Date.now() + ms);
  }

  async function assertNewEmail(db: pg.ClientBase | pg.Pool, email: string): Promise<void> {
    if (await findUserByEmail(db, email))
      throw new AuthError(
        422,
        'email_exists',
        'A user with this email address has already been registered',
      );
  }

  // POST /admin/users. A password is refused rather than dropped: this service has no password
  // sign-in (the portal signs in with e-mail codes), so a user created with one could not use it.
  async function adminCreateUser(
    req: http.IncomingMessage,
    res: http.ServerResponse,
  ): Promise<void> {
    const body = await readJson(req);
    if (body['password'] !== undefined)
      throw new AuthError(
        400,
        'validation_failed',
        'Passwords are not part of the local Auth service: the portal signs in with e-mail codes.',
      );
    if (!body['email'])
      throw new AuthError(
        400,
        'validation_failed',
        'Unable to validate email address: invalid format',
      );
    const email = validateEmail(body['email']);
    const bannedUntil = banUntil(body['ban_duration']);
    const user = await inTransaction(async (db) => {
      await assertNewEmail(db, email);
      return createUserRow(db, {
        email,
        confirmed: body['email_confirm'] === true,
        invited: false,
        userMetadata: body['user_metadata'],
        appMetadata: body['app_metadata'],
        bannedUntil: bannedUntil ?? null,
      });
    });
    sendJson(res, 200, userJson(user));
  }

  // GET /admin/users (internal/api/admin.go, pagination.go)
  async function adminListUsers(res: http.ServerResponse, search: URLSearchParams): Promise<void> {
    const page = Math.max(1, Number.parseInt(search.get('page') ?? '1', 10) || 1);
    const perPage = Math.max(1, Number.parseInt(search.get('per_page') ?? '50', 10) || 50);
    const { rows: count } = await pool.query<{ n: string }>(
      "select count(*) as n from auth.users where aud = 'authenticated' and deleted_at is null",
    );
    const total = Number(count[0]?.n ?? 0);
    const { rows } = await pool.query<UserRow>(
      `select ${USER_COLUMNS} from auth.users where aud = 'authenticated' and deleted_at is null
       order by created_at desc, id limit $1 offset $2`,
      [perPage, (page - 1) * perPage],
    );
    const totalPages = Math.max(1, Math.ceil(total / perPage));
    const link = (p: number) => `</admin/users?page=${p}&per_page=${perPage}>`;
    let header = '';
    if (page < totalPages) header += `${link(page + 1)}; rel="next", `;
    header += `${link(totalPages)}; rel="last"`;
    sendJson(
      res,
      200,
      { users: rows.map(userJson), aud: 'authenticated' },
      { link: header, 'x-total-count': String(total) },
    );
  }

  async function adminUserById(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    id: string,
  ): Promise<void> {
    if (!isUuid(id)) throw new AuthError(404, 'user_not_found', 'User not found');
    const existing = await findUserById(pool, id);
    if (!existing) throw new AuthError(404, 'user_not_found', 'User not found');
    if (req.method === 'GET') return sendJson(res, 200, userJson(existing));
    if (req.method === 'DELETE') {
      await pool.query('delete from auth.users where id = $1', [id]);
      return sendJson(res, 200, {});
    }
    if (req.method !== 'PUT') throw new AuthError(405, 'method_not_allowed', 'Method not allowed');
    const body = await readJson(req);
    const bannedUntil = banUntil(body['ban_duration']);
    const email = body['email'] !== undefined ? validateEmail(body['email']) : undefined;
    const user = await inTransaction(async (db) => {
      if (email && email !== existing.email) await assertNewEmail(db, email);
      const { rows } = await db.query<UserRow>(
        `update auth.users set
           email = coalesce($2, email),
           email_confirmed_at = case when $3 then coalesce(email_confirmed_at, now()) else email_confirmed_at end,
           raw_user_meta_data = case when $4::jsonb is null then raw_user_meta_data else coalesce(raw_user_meta_data, '{}') || $4::jsonb end,
           raw_app_meta_data = case when $5::jsonb is null then raw_app_meta_data else coalesce(raw_app_meta_data, '{}') || $5::jsonb end,
           banned_until = case when $6 then $7::timestamptz else banned_until end,
           updated_at = now()
         where id = $1 returning ${USER_COLUMNS}`,
        [
          id,
          email ?? null,
          body['email_confirm'] === true,
          body['user_metadata'] ?? null,
          body['app_metadata'] ?? null,
          bannedUntil !== undefined,
          bannedUntil ?? null,
        ],
      );
      return rows[0] as UserRow;
    });
    sendJson(res, 200, userJson(user));
  }

  /** Finds or creates the invited user (GoTrue refuses an address that is already confirmed). */
  async function inviteUser(db: pg.ClientBase, email: string, data: unknown): Promise<UserRow> {
    const existing = await findUserByEmail(db, email);
    if (existing?.email_confirmed_at)
      throw new AuthError(
        422,
        'email_exists',
        'A user with this email address has already been registered',
      );
    if (existing) {
      const { rows } = await db.query<UserRow>(
        `update auth.users set invited_at = now(), updated_at = now() where id = $1 returning ${USER_COLUMNS}`,
        [existing.id],
      );
      return rows[0] as UserRow;
    }
    return createUserRow(db, {
      email,
      confirmed: false,
      invited: true,
      userMetadata: data,
      appMetadata: {},
    });
  }

  // POST /invite (internal/api/invite.go)
  async function invite(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body = await readJson(req);
    const email = validateEmail(body['email']);
    takeEmailQuota();
    const { user, code, hash } = await inTransaction(async (db) => {
      const invited = await inviteUser(db, email, body['data']);
      const stored = await storeOneTimeToken(db, invited, 'confirmation_token');
      return { user: (await findUserById(db, invited.id)) as UserRow, ...stored };
    });
    sendInviteMail(email, code, hash);
    sendJson(res, 200, userJson(user));
  }

  // POST /admin/generate_link (internal/api/admin.go adminGenerateLink): no mail is sent.
  async function generateLink(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    search: URLSearchParams,
  ): Promise<void> {
    const body = await readJson(req);
    const type = typeof body['type'] === 'string' ? body['type'] : '';
    if (!['magiclink', 'invite', 'recovery'].includes(type))
      throw new AuthError(400, 'validation_failed', 'Invalid email action link type requested');
    const email = validateEmail(body['email']);
    const redirect = redirectTarget(
      (typeof body['redirect_to'] === 'string' ? body['redirect_to'] : undefined) ??
        search.get('redirect_to'),
    );
    const result = await inTransaction(async (db) => {
      let user: UserRow | undefined;
      if (type === 'invite') user = await inviteUser(db, email, body['data']);
      else {
        user = await findUserByEmail(db, email);
        if (!user) throw new AuthError(404, 'user_not_found', 'User with this email not found');
      }
      const tokenType: TokenType =
        type === 'invite' || !user.email_confirmed_at ? 'confirmation_token' : 'recovery_token';
      const stored = await storeOneTimeToken(db, user, tokenType);
      return { user: (await findUserById(db, user.id)) as UserRow, ...stored };
    });
    const verificationType = type;
    sendJson(res, 200, {
      ...userJson(result.user),
      action_link: `${issuer}/verify?token=${result.hash}&type=${verificationType}&redirect_to=${encodeURIComponent(redirect)}`,
      email_otp: result.code,
      hashed_token: result.hash,
      redirect_to: redirect,
      verification_type: verificationType,
    });
  }

  const settingsJson = () => ({
    external: {
      anonymous_users: false,
      apple: false,
      azure: false,
      bitbucket: false,
      discord: false,
      facebook: false,
      figma: false,
      github: false,
      gitlab: false,
      google: false,
      keycloak: false,
      linkedin: false,
      linkedin_oidc: false,
      notion: false,
      slack: false,
      slack_oidc: false,
      spotify: false,
      twitch: false,
      twitter: false,
      workos: false,
      zoom: false,
      email: true,
      phone: false,
    },
    disable_signup: true,
    mailer_autoconfirm: false,
    phone_autoconfirm: false,
    sms_provider: '',
    saml_enabled: Object.keys(settings.ssoProviders).length > 0,
  });

  // POST /sso (internal/api/sso.go): the identity provider's sign-in URL for a domain. GoTrue
  // signs a SAMLRequest and a RelayState; here the URL carries an opaque RelayState only.
  async function sso(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body = await readJson(req);
    const domain = typeof body['domain'] === 'string' ? body['domain'].trim().toLowerCase() : '';
    const providerId = typeof body['provider_id'] === 'string' ? body['provider_id'] : '';
    if (domain && providerId)
      throw new AuthError(400, 'validation_failed', 'Only one of provider_id or domain supported');
    if (!domain && !providerId)
      throw new AuthError(400, 'validation_failed', 'A provider_id or domain needs to be provided');
    const idp = domain ? settings.ssoProviders[domain] : undefined;
    if (!idp)
      throw new AuthError(
        404,
        'sso_provider_not_found',
        'No SSO provider assigned for this domain',
      );
    const url = new URL(idp);
    url.searchParams.set('RelayState', randomUUID());
    sendJson(res, 200, { url: url.href });
  }

  async function route(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    path: string,
    search: URLSearchParams,
  ): Promise<void> {
    const method = req.method ?? 'GET';
    const is = (m: string, p: string) => method === m && path === p;
    if (is('GET', '/health'))
      return sendJson(res, 200, {
        version: 'local',
        name: 'GoTrue',
        description: 'GoTrue is a user registration and authentication API',
      });
    if (is('GET', '/settings')) return sendJson(res, 200, settingsJson());
    if (is('GET', '/.well-known/jwks.json')) return sendJson(res, 200, { keys: [] });
    if (is('POST', '/otp') || is('POST', '/magiclink')) return otp(req, res);
    if (is('POST', '/verify')) return verify(req, res);
    if (is('GET', '/verify')) return verifyLink(req, res, search);
    if (is('POST', '/token')) return refresh(req, res, search);
    if (is('GET', '/user')) return getUser(req, res);
    if (is('POST', '/logout')) return logout(req, res, search);
    if (is('POST', '/sso')) return sso(req, res);
    if (is('POST', '/signup'))
      throw new AuthError(422, 'signup_disabled', 'Signups not allowed for this instance');
    if (is('POST', '/invite')) {
      await requireAdmin(req);
      return invite(req, res);
    }
    if (
      path === '/admin/users' ||
      path.startsWith('/admin/users/') ||
      path === '/admin/generate_link'
    ) {
      await requireAdmin(req);
      if (is('POST', '/admin/users')) return adminCreateUser(req, res);
      if (is('GET', '/admin/users')) return adminListUsers(res, search);
      if (is('POST', '/admin/generate_link')) return generateLink(req, res, search);
      const id = /^\/admin\/users\/([^/]+)$/.exec(path)?.[1];
      if (id) return adminUserById(req, res, decodeURIComponent(id));
    }
    throw new AuthError(404, 'not_found', 'Not Found');
  }

  return {
    settings,
    handle(req, res, path, search) {
      route(req, res, path, search).catch((error: unknown) => {
        if (!(error instanceof AuthError) && !(error instanceof OAuthError))
          console.error(
            '[auth] unexpected failure:',
            error instanceof Error ? error.message : error,
          );
        if (!res.headersSent) sendError(req, res, error);
        else res.destroy();
      });
    },
    close: () => pool.end(),
  };
}
