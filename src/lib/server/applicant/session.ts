/**
 * The applicant's session cookie for "Min søknad": HttpOnly, SameSite=Lax, Secure except on plain
 * http to localhost, scoped to /min-soknad/ (so no other part of the site, the coordinator
 * workspace included, ever receives it), and gone when the database ends the session. The cookie
 * holds the session token only; the database alone decides what it opens.
 */
import type { AstroCookies } from 'astro';
import { isToken } from '../../links/token.ts';
import { hstsEnabled } from '../security-headers.ts';

export const APPLICANT_PATH = '/min-soknad/';
/** Not Supabase's `sb-…` names, which the workspace reads. */
export const APPLICANT_COOKIE = 'min_soknad';

/** Plain http is allowed for the cookie on these hosts only (a developer's machine, the tests). */
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

interface CookieContext {
  cookies: AstroCookies;
  url: URL;
}

/** The session token the request came with, or null. */
export function sessionToken(context: CookieContext): string | null {
  const value = context.cookies.get(APPLICANT_COOKIE)?.value;
  return isToken(value) ? value : null;
}

/** Sets the cookie until the session's latest possible end (the database renews it on use). */
export function setSessionCookie(context: CookieContext, token: string, expiresAt: Date): void {
  context.cookies.set(APPLICANT_COOKIE, token, {
    path: APPLICANT_PATH,
    httpOnly: true,
    sameSite: 'lax',
    secure:
      context.url.protocol === 'https:' || hstsEnabled() || !LOCAL_HOSTS.has(context.url.hostname),
    expires: expiresAt,
  });
}

export function clearSessionCookie(context: CookieContext): void {
  context.cookies.delete(APPLICANT_COOKIE, { path: APPLICANT_PATH });
}

/**
 * The headers of every /min-soknad/ response: never cached, never indexed, a Referer only to the
 * site itself (never elsewhere: a sign-in link's address holds its token; `no-referrer` would make
 * the browser post its forms with `Origin: null`, which the origin check refuses).
 */
export const APPLICANT_HEADERS = {
  'Cache-Control': 'no-store',
  'X-Robots-Tag': 'noindex, nofollow',
  'Referrer-Policy': 'same-origin',
} as const;
