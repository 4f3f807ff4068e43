/**
 * The coordinator sign-in Actions: ask for a code by e-mail, sign in with it (or with the link
 * from the same e-mail), sign in through the municipality's SSO, and sign out. Plain HTML form
 * posts under /koordinator/logg-inn/; they use the per-request client the middleware made.
 */
import { ActionError, defineAction, type ActionAPIContext } from 'astro:actions';
import { isAuthError } from '@supabase/supabase-js';
import {
  CodeStepSchema,
  EmailStepSchema,
  LinkStepSchema,
  SIGN_IN_MESSAGES,
  safeNext,
} from '../lib/coordinator/sign-in.ts';
import { validateWith } from '../lib/forms/validation.ts';
import { resolveAccess } from '../lib/server/auth/access.ts';
import {
  SESSION_COOKIE_PATH,
  sessionCookieNames,
  type SessionClient,
} from '../lib/server/auth/session.ts';

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

/** The request's client; Actions called outside the workspace (RPC) have none and are refused. */
function clientOf(context: ActionAPIContext): SessionClient {
  const client = context.locals.workspace?.client;
  if (!client) throw new ActionError({ code: 'FORBIDDEN', message: 'Not a workspace request.' });
  return client;
}

/** The form's fields as strings (what validateWith expects). */
function rawOf(input: unknown, names: string[]): Record<string, string> {
  const data = input instanceof FormData ? input : new FormData();
  return Object.fromEntries(names.map((name) => [name, String(data.get(name) ?? '')]));
}

/** Auth's error code, if it refused with one. */
function authCode(error: unknown): string | undefined {
  return isAuthError(error) ? error.code : undefined;
}

/** After Auth has signed someone in: only an active coordinator stays signed in. */
async function admit(client: SessionClient, next: string): Promise<SignInResult> {
  const access = await resolveAccess(client);
  if (access.kind === 'coordinator') return { status: 'signed-in', next: safeNext(next) };
  await client.auth.signOut({ scope: 'local' }).catch(() => undefined);
  return access.kind === 'unavailable'
    ? {
        status: 'failed',
        step: 'code',
        email: '',
        message: SIGN_IN_MESSAGES.unavailable,
        httpStatus: 503,
      }
    : { status: 'denied' };
}

/** A refused verification, as the page says it. */
function verifyFailure(error: unknown, step: 'code' | 'link', email: string): SignInResult {
  const code = authCode(error);
  if (code === 'user_banned') return { status: 'denied' };
  if (code === 'over_request_rate_limit') {
    return { status: 'failed', step, email, message: SIGN_IN_MESSAGES.tooMany, httpStatus: 429 };
  }
  const refused = isAuthError(error) && (error.status ?? 0) >= 400 && (error.status ?? 0) < 500;
  if (refused) {
    const message = step === 'code' ? SIGN_IN_MESSAGES.wrongCode : SIGN_IN_MESSAGES.linkSpent;
    return { status: 'failed', step, email, message, httpStatus: 401 };
  }
  console.error(
    `sign-in: Auth did not answer (${code ?? (error instanceof Error ? error.name : 'error')})`,
  );
  return { status: 'failed', step, email, message: SIGN_IN_MESSAGES.unavailable, httpStatus: 503 };
}

export const coordinatorAuth = {
  requestCode: defineAction({
    accept: 'form',
    handler: async (input, context): Promise<SignInResult> => {
      const client = clientOf(context);
      const raw = rawOf(input, ['email']);
      const parsed = validateWith(EmailStepSchema, raw);
      if (!parsed.ok)
        return {
          status: 'invalid',
          step: 'email',
          email: raw['email'] ?? '',
          errors: parsed.errors,
        };
      const { email } = parsed.data;
      // Sign-ups are off: Auth sends a code only to an existing user.
      const { error } = await client.auth.signInWithOtp({
        email,
        options: { shouldCreateUser: false },
      });
      const code = authCode(error);
      // An unknown address (otp_disabled and its kin) and a code asked for again too soon get the
      // same answer as a sent code, so the page does not tell who has an account.
      if (
        !error ||
        code === 'otp_disabled' ||
        code === 'signup_disabled' ||
        code === 'user_not_found' ||
        code === 'over_email_send_rate_limit'
      ) {
        return { status: 'code-sent', email };
      }
      if (code === 'over_request_rate_limit') {
        return {
          status: 'failed',
          step: 'email',
          email,
          message: SIGN_IN_MESSAGES.tooMany,
          httpStatus: 429,
        };
      }
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
      return {
        status: 'failed',
        step: 'email',
        email,
        message: SIGN_IN_MESSAGES.unavailable,
        httpStatus: 503,
      };
    },
  }),

  verifyCode: defineAction({
    accept: 'form',
    handler: async (input, context): Promise<SignInResult> => {
      const client = clientOf(context);
      const raw = rawOf(input, ['email', 'code', 'neste']);
      const parsed = validateWith(CodeStepSchema, {
        email: raw['email'] ?? '',
        code: raw['code'] ?? '',
      });
      if (!parsed.ok) {
        if (parsed.errors['email'])
          return {
            status: 'invalid',
            step: 'email',
            email: raw['email'] ?? '',
            errors: parsed.errors,
          };
        return {
          status: 'invalid',
          step: 'code',
          email: raw['email'] ?? '',
          errors: parsed.errors,
        };
      }
      const { email, code } = parsed.data;
      const { error } = await client.auth.verifyOtp({ email, token: code, type: 'email' });
      if (error) return verifyFailure(error, 'code', email);
      return admit(client, raw['neste'] ?? '');
    },
  }),

  verifyLink: defineAction({
    accept: 'form',
    handler: async (input, context): Promise<SignInResult> => {
      const client = clientOf(context);
      const raw = rawOf(input, ['token_hash', 'type']);
      const parsed = LinkStepSchema.safeParse(raw);
      if (!parsed.success) {
        return {
          status: 'failed',
          step: 'link',
          email: '',
          message: SIGN_IN_MESSAGES.linkSpent,
          httpStatus: 400,
        };
      }
      const { error } = await client.auth.verifyOtp(parsed.data);
      if (error) return verifyFailure(error, 'link', '');
      return admit(client, '');
    },
  }),

  signOut: defineAction({
    accept: 'form',
    handler: async (_input, context): Promise<SignInResult> => {
      // Ends this session at Auth (its refresh tokens revoked) and removes the cookies. If Auth
      // cannot be reached, the cookies go all the same: this browser is signed out either way.
      const { error } = await clientOf(context).auth.signOut({ scope: 'local' });
      if (error) {
        console.error(`sign-out: Auth did not answer (${authCode(error) ?? error.name})`);
        for (const name of sessionCookieNames(context.request)) {
          context.cookies.delete(name, { path: SESSION_COOKIE_PATH });
        }
      }
      return { status: 'signed-out' };
    },
  }),
};
