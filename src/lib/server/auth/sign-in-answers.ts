/**
 * What a sign-in post answers, in the page's terms: the result type the sign-in page renders, and
 * the refusals (the site's own limits, Auth's) as the Norwegian message and HTTP status each gets.
 */
import { isAuthError } from '@supabase/supabase-js';
import { SIGN_IN_MESSAGES } from '../../coordinator/sign-in.ts';
import type { SignInVerdict } from './sign-in-limits.ts';

/** What a sign-in post answers; the page renders it or redirects. */
export type SignInResult =
  | { status: 'code-sent'; email: string }
  | { status: 'invalid'; step: 'email' | 'code'; email: string; errors: Record<string, string> }
  | {
      status: 'failed';
      step: 'email' | 'code' | 'link';
      email: string;
      message: string;
      httpStatus: number;
    }
  | { status: 'signed-in'; next: string }
  | { status: 'denied' }
  | { status: 'signed-out' };

type Step = 'email' | 'code' | 'link';

const failed = (step: Step, email: string, message: string, httpStatus: number): SignInResult => ({
  status: 'failed',
  step,
  email,
  message,
  httpStatus,
});

/**
 * A refusal by the site's own limits (every one 429, the address kept). The step shown is where
 * the coordinator goes on: the code step (with "Send en ny kode") when a code exists or is needed,
 * the address step when the address is locked.
 */
export function limitRefusal(
  verdict: Exclude<SignInVerdict, 'ok'>,
  step: Step,
  email: string,
): SignInResult {
  switch (verdict) {
    case 'client':
      return failed(step, email, SIGN_IN_MESSAGES.clientLimit, 429);
    case 'locked':
      return failed('email', email, SIGN_IN_MESSAGES.locked, 429);
    case 'too_soon':
      return failed('code', email, SIGN_IN_MESSAGES.sentMomentAgo, 429);
    case 'hourly':
      return failed('code', email, SIGN_IN_MESSAGES.hourly, 429);
    case 'no_code':
      return failed('code', email, SIGN_IN_MESSAGES.noCode, 429);
    case 'void':
      return failed('code', email, SIGN_IN_MESSAGES.codeVoid, 429);
    case 'unavailable':
      return failed(step, email, SIGN_IN_MESSAGES.unavailable, 503);
  }
}

/** Auth's error code, if it refused with one. */
export function authCode(error: unknown): string | undefined {
  return isAuthError(error) ? error.code : undefined;
}

/** A refused verification, as the page says it. */
export function verifyFailure(error: unknown, step: 'code' | 'link', email: string): SignInResult {
  const code = authCode(error);
  if (code === 'user_banned') return { status: 'denied' };
  if (code === 'over_request_rate_limit') {
    return failed(step, email, SIGN_IN_MESSAGES.tooMany, 429);
  }
  const refused = isAuthError(error) && (error.status ?? 0) >= 400 && (error.status ?? 0) < 500;
  if (refused) {
    const message = step === 'code' ? SIGN_IN_MESSAGES.wrongCode : SIGN_IN_MESSAGES.linkSpent;
    return failed(step, email, message, 401);
  }
  console.error(
    `sign-in: Auth did not answer (${code ?? (error instanceof Error ? error.name : 'error')})`,
  );
  return failed(step, email, SIGN_IN_MESSAGES.unavailable, 503);
}

/** Auth's answer to a code request, as the page says it. */
export function requestAnswer(error: unknown, email: string): SignInResult {
  const code = authCode(error);
  // An unknown address (otp_disabled and its kin) gets the same answer as a sent code, so the page
  // does not tell who has an account.
  if (!error || code === 'otp_disabled' || code === 'signup_disabled' || code === 'user_not_found')
    return { status: 'code-sent', email };
  // Auth sent one a moment ago (its max_frequency, the same minute as the site's own rule, which
  // answers every address alike): no new code went out, so the page does not say one did.
  if (code === 'over_email_send_rate_limit')
    return failed('code', email, SIGN_IN_MESSAGES.sentMomentAgo, 429);
  if (code === 'over_request_rate_limit')
    return failed('email', email, SIGN_IN_MESSAGES.tooMany, 429);
  if (code === 'validation_failed' || code === 'email_address_invalid') {
    return {
      status: 'invalid',
      step: 'email',
      email,
      errors: { email: 'Skriv inn en gyldig e-postadresse, for eksempel navn@kommune.no.' },
    };
  }
  console.error(
    `sign-in: no code sent (${code ?? (error instanceof Error ? error.name : 'error')})`,
  );
  return failed('email', email, SIGN_IN_MESSAGES.unavailable, 503);
}
