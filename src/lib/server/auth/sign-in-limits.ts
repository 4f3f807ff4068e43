/**
 * The site's own sign-in limits: the numbers (the one place they are set) and the call that checks
 * and records an attempt in the database (public.sign_in_attempt), so every site process shares
 * the counts. Checked before the site calls Auth, which sees every coordinator as the site's one
 * address (see the README, "Sign-in limits").
 */
import type { APIContext } from 'astro';
import { serverConfig } from '../config.ts';
import { rateLimitKey } from '../rate-limit.ts';
import { createSubmitClient } from '../supabase.ts';

/**
 * The numbers, and why:
 * - per client address, `SIGN_IN_RATE_LIMIT` (default 30) code requests and as many
 *   verifications per 10 minutes: a municipality's staff may share one address (its NAT), so room
 *   for a team signing in at once, while one machine cannot post without end;
 * - per e-mail address, a new code at most once a minute (Auth's own `max_frequency`, so the page
 *   says "a code was sent a moment ago" for every address alike, known or not), and at most 10 an
 *   hour (a stranger cannot fill a coordinator's inbox, or replace their code, more often);
 * - a code is void after 5 wrong tries since it was asked for (a typo or two, not a search);
 * - after 20 wrong codes in an hour the address is locked until that hour has passed, so an
 *   address gets at most 20 guesses an hour from everyone together: 20 in 10^8 with 8 digits;
 * - verification is refused without calling Auth for an address no code was asked for through
 *   the site in the last 10 minutes (a code's lifetime, `otp_expiry`), so guesses for made-up
 *   addresses never use up Auth's per-address-of-the-site limit.
 */
export function signInLimits(env: { SIGN_IN_RATE_LIMIT: number } = serverConfig()) {
  return {
    client_window_minutes: 10,
    client_requests: env.SIGN_IN_RATE_LIMIT,
    client_verifications: env.SIGN_IN_RATE_LIMIT,
    code_interval_seconds: 60,
    code_valid_minutes: 10,
    requests_per_hour: 10,
    wrong_per_code: 5,
    wrong_per_hour: 20,
  };
}

/** What public.sign_in_attempt answers: go ahead, or why not (see its file for each). */
export type SignInVerdict =
  'ok' | 'client' | 'locked' | 'too_soon' | 'hourly' | 'no_code' | 'void' | 'unavailable';

const VERDICTS = new Set<SignInVerdict>([
  'ok',
  'client',
  'locked',
  'too_soon',
  'hourly',
  'no_code',
  'void',
]);

/** The client address the limits count against (behind TRUSTED_PROXY_HOPS proxies). */
export function signInClient(context: Pick<APIContext, 'clientAddress' | 'request'>): string {
  return rateLimitKey(
    context.clientAddress,
    context.request.headers.get('x-forwarded-for'),
    serverConfig().TRUSTED_PROXY_HOPS,
  );
}

/**
 * Checks and records one step: 'request' and 'verify' before calling Auth, 'signed_in' after Auth
 * accepted a code. A database that cannot be asked answers 'unavailable': the site then does not
 * call Auth (no limit, no sign-in). Logs carry no address.
 */
export async function signInAttempt(
  step: 'request' | 'verify' | 'signed_in',
  email: string | null,
  client: string,
): Promise<SignInVerdict> {
  try {
    const { data, error } = await createSubmitClient().rpc('sign_in_attempt', {
      step,
      // A link's verification has no address; the function then counts the client only.
      email: email as string,
      client,
      limits: signInLimits(),
    });
    if (!error && VERDICTS.has(data as SignInVerdict)) return data as SignInVerdict;
    console.error(`sign-in: the limits could not be checked (code ${error?.code ?? 'none'})`);
  } catch (error) {
    console.error(
      `sign-in: the limits could not be checked (${error instanceof Error ? error.name : 'error'})`,
    );
  }
  return 'unavailable';
}
