/**
 * The Actions of "Min søknad" (/min-soknad/): ask for a link, open a session with it, correct the
 * contact details, change the e-mail address, withdraw, ask for erasure, sign out. Plain HTML form
 * posts validated with the page's own zod schema (src/lib/applicant/forms.ts); each change goes
 * through a database function that takes the session first and decides whose application it is,
 * so another reference in a post changes nothing. Nothing here logs a token, address or answer.
 */
import { defineAction, type ActionAPIContext } from 'astro:actions';
import {
  CONTACT_COLUMNS,
  CONTACT_FIELD_NAMES,
  contactSchema,
  emailChangeSchema,
  openSessionSchema,
  referenceOnlySchema,
  requestLinkSchema,
  toContactChanges,
} from '../lib/applicant/forms.ts';
import {
  APPLICANT_MESSAGES,
  limitedMessage,
  type ApplicantResult,
} from '../lib/applicant/results.ts';
import { postedFields, shownValues } from '../lib/forms/form-data.ts';
import { validateWith } from '../lib/forms/validation.ts';
import {
  applicantChange,
  confirmEmailChange,
  endApplicantSession,
  openApplicantSession,
  requestApplicantLink,
  type Outcome,
} from '../lib/server/applicant/calls.ts';
import {
  clearSessionCookie,
  sessionToken,
  setSessionCookie,
} from '../lib/server/applicant/session.ts';
import { signInClient } from '../lib/server/auth/sign-in-limits.ts';
import { deliverSoon } from '../lib/server/outbox/index.ts';

const formOf = (input: unknown) => (input instanceof FormData ? input : new FormData());

/** What a change's outcome means for the page. */
function changeResult(
  outcome: Outcome,
  what: Extract<ApplicantResult, { status: 'done' }>['what'],
  values: Record<string, string>,
  context: ActionAPIContext,
): ApplicantResult {
  if (outcome.ok) {
    const state = outcome.data['state'];
    if (state === 'closed' || state === 'not_open')
      return { status: 'failed', message: APPLICANT_MESSAGES.closedCase, values };
    if (state === 'not_found')
      return { status: 'not-found', message: APPLICANT_MESSAGES.notFound, values };
    // Only applicant_change_email answers so: the address is the application's already, and
    // nothing was queued.
    if (state === 'unchanged')
      return { status: 'unchanged', message: APPLICANT_MESSAGES.sameEmail, values };
    deliverSoon();
    return { status: 'done', what };
  }
  if (outcome.reason === 'signed_out') {
    clearSessionCookie(context);
    return { status: 'signed-out' };
  }
  if (outcome.reason === 'field') {
    const field = CONTACT_COLUMNS[outcome.field];
    return field
      ? {
          status: 'invalid',
          errors: { [field]: 'Sjekk svaret og prøv igjen' },
          formErrors: [],
          values,
        }
      : { status: 'invalid', errors: {}, formErrors: [APPLICANT_MESSAGES.rejected], values };
  }
  if (outcome.reason === 'rejected')
    return { status: 'failed', message: APPLICANT_MESSAGES.rejected, values };
  return { status: 'failed', message: APPLICANT_MESSAGES.unavailable, values };
}

/** A change that needs the session: validated, then sent with the session's token first. */
async function change<T extends { reference: string }>(
  input: unknown,
  context: ActionAPIContext,
  names: readonly string[],
  schema: { safeParse: (input: unknown) => import('zod/mini').z.core.util.SafeParseResult<T> },
  fn: Parameters<typeof applicantChange>[0],
  what: Extract<ApplicantResult, { status: 'done' }>['what'],
  extra: (data: T) => Record<string, unknown> = () => ({}),
): Promise<ApplicantResult> {
  const raw = postedFields(formOf(input), names);
  const values = shownValues(
    raw,
    names.filter((n) => n !== 'reference'),
  );
  const session = sessionToken(context);
  if (!session) return { status: 'signed-out' };
  const result = validateWith(schema, raw);
  if (!result.ok) return { status: 'invalid', ...result, values };
  const outcome = await applicantChange(fn, session, result.data.reference, extra(result.data));
  return changeResult(outcome, what, values, context);
}

export const applicant = {
  requestLink: defineAction({
    accept: 'form',
    handler: async (input, context): Promise<ApplicantResult> => {
      const raw = postedFields(formOf(input), ['email']);
      const values = shownValues(raw, ['email']);
      const result = validateWith(requestLinkSchema, raw);
      if (!result.ok) return { status: 'invalid', ...result, values };
      const answer = await requestApplicantLink(
        result.data.email.toLowerCase(),
        signInClient(context),
      );
      if (answer.state === 'sent') {
        // Queued only for a known address; the sender runs either way, so the timing is the same.
        deliverSoon();
        return { status: 'done', what: 'sent' };
      }
      if (answer.state === 'limited')
        return { status: 'limited', message: limitedMessage(answer.retryAfterSeconds), values };
      return { status: 'failed', message: APPLICANT_MESSAGES.unavailable, values };
    },
  }),
  openSession: defineAction({
    accept: 'form',
    handler: async (input, context): Promise<ApplicantResult> => {
      const parsed = openSessionSchema.safeParse(postedFields(formOf(input), ['token']));
      if (!parsed.success) return { status: 'closed', state: 'unknown' };
      const opened = await openApplicantSession(parsed.data.token, signInClient(context));
      if (opened.state === 'open') {
        setSessionCookie(context, opened.session, opened.expiresAt);
        return { status: 'done', what: 'open' };
      }
      if (opened.state === 'unavailable')
        return { status: 'failed', message: APPLICANT_MESSAGES.unavailable, values: {} };
      return { status: 'closed', state: opened.state };
    },
  }),
  updateContact: defineAction({
    accept: 'form',
    handler: (input, context) =>
      change(
        input,
        context,
        ['reference', ...CONTACT_FIELD_NAMES],
        contactSchema,
        'applicant_update_contact',
        'contact',
        (data) => ({ changes: toContactChanges(data) }),
      ),
  }),
  changeEmail: defineAction({
    accept: 'form',
    handler: (input, context) =>
      change(
        input,
        context,
        ['reference', 'email'],
        emailChangeSchema,
        'applicant_change_email',
        'email',
        (data) => ({ new_email: data.email.toLowerCase() }),
      ),
  }),
  withdraw: defineAction({
    accept: 'form',
    handler: (input, context) =>
      change(input, context, ['reference'], referenceOnlySchema, 'applicant_withdraw', 'withdrawn'),
  }),
  requestErasure: defineAction({
    accept: 'form',
    handler: (input, context) =>
      change(
        input,
        context,
        ['reference'],
        referenceOnlySchema,
        'applicant_request_erasure',
        'erasure',
      ),
  }),
  confirmEmail: defineAction({
    accept: 'form',
    handler: async (input): Promise<ApplicantResult> => {
      const parsed = openSessionSchema.safeParse(postedFields(formOf(input), ['token']));
      if (!parsed.success) return { status: 'closed', state: 'unknown' };
      const state = await confirmEmailChange(parsed.data.token);
      if (state === 'confirmed') return { status: 'done', what: 'email' };
      if (state === 'unavailable')
        return { status: 'failed', message: APPLICANT_MESSAGES.unavailable, values: {} };
      return { status: 'closed', state };
    },
  }),
  signOut: defineAction({
    accept: 'form',
    handler: async (_input, context): Promise<ApplicantResult> => {
      const session = sessionToken(context);
      if (session) await endApplicantSession(session);
      clearSessionCookie(context);
      return { status: 'done', what: 'signed-out' };
    },
  }),
};
