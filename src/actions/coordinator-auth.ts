/**
 * The coordinator sign-in Actions: ask for a code by e-mail, sign in with it (or with the link
 * from the same e-mail), sign in through the municipality's SSO, and sign out. Plain HTML form
 * posts under /koordinator/logg-inn/; they use the per-request client the middleware made.
 */
import { ActionError, defineAction, type ActionAPIContext } from 'astro:actions';
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
  authCode,
  limitRefusal,
  requestAnswer,
  verifyFailure,
  type SignInResult,
} from '../lib/server/auth/sign-in-answers.ts';
import { signInAttempt, signInClient } from '../lib/server/auth/sign-in-limits.ts';
import {
  SESSION_COOKIE_PATH,
  sessionCookieNames,
  type SessionClient,
} from '../lib/server/auth/session.ts';

export type { SignInResult } from '../lib/server/auth/sign-in-answers.ts';

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
      // The site's own limits first (per client address, per e-mail address), so Auth, which
      // counts every coordinator as the site's one address, is asked only within them.
      const verdict = await signInAttempt('request', email, signInClient(context));
      if (verdict !== 'ok') return limitRefusal(verdict, 'email', email);
      // Sign-ups are off: Auth sends a code only to an existing user.
      const { error } = await client.auth.signInWithOtp({
        email,
        options: { shouldCreateUser: false },
      });
      return requestAnswer(error, email);
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
      // Counted as a wrong code before Auth is asked (taken back when it is right), so guesses
      // from many client addresses at once still meet the per-address limits.
      const who = signInClient(context);
      const verdict = await signInAttempt('verify', email, who);
      if (verdict !== 'ok') return limitRefusal(verdict, 'code', email);
      const { error } = await client.auth.verifyOtp({ email, token: code, type: 'email' });
      if (error) return verifyFailure(error, 'code', email);
      await signInAttempt('signed_in', email, who);
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
      // A link carries no address; only the client's count applies (its hash cannot be guessed).
      const verdict = await signInAttempt('verify', null, signInClient(context));
      if (verdict !== 'ok') return limitRefusal(verdict, 'link', '');
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
