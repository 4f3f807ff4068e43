/**
 * The application Actions: one per form, both plain HTML form posts (no JavaScript needed) and
 * calls from the island. They validate with the form's own schema and store with the server's key
 * (see lib/server/supabase.ts) in one call to the database; a resend of a stored submission gets
 * its receipt back.
 */
import { randomUUID } from 'node:crypto';
import { defineAction, type ActionAPIContext } from 'astro:actions';
import { formValues, HONEYPOT_FIELD, rawAnswers } from '../lib/forms/form-data.ts';
import { forms, withReferees, type AnyForm, type RawAnswers } from '../lib/forms/index.ts';
import { refusedRefereeField } from '../lib/forms/referees.ts';
import { SUBMIT_MESSAGES, type SubmitResult } from '../lib/forms/messages.ts';
import { validate } from '../lib/forms/schema-cache.ts';
import { toSubmission } from '../lib/forms/submission.ts';
import { getPrivacyVersion, getProfile } from '../lib/profile.ts';
import { REFERENCE_ALPHABET, REFERENCE_PREFIXES, type ApplicationKind } from '../lib/reference.ts';
import { storeApplication, storedReference } from '../lib/server/applications.ts';
import { deliverSoon } from '../lib/server/outbox/index.ts';
import { serverConfig } from '../lib/server/config.ts';
import { createRateLimiter, rateLimitKey, submitRateLimit } from '../lib/server/rate-limit.ts';
import { createSubmitClient } from '../lib/server/supabase.ts';
import { CERTIFICATE_MESSAGES } from '../lib/forms/rules.ts';
import { parseNorwegianDate } from '../lib/dates.ts';
import type { Validation } from '../lib/forms/validation.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const limiter = createRateLimiter({ limit: submitRateLimit(), windowMs: 10 * 60 * 1000 });

/** A receipt-shaped reference for bots that fill in the honeypot; nothing is stored. */
function decoyReference(kind: ApplicationKind): string {
  const bytes = randomUUID().replace(/-/g, '');
  const chars = Array.from({ length: 8 }, (_, i) =>
    REFERENCE_ALPHABET.charAt(parseInt(bytes.slice(i * 2, i * 2 + 2), 16) % 32),
  ).join('');
  return `${REFERENCE_PREFIXES[kind]}-${chars.slice(0, 4)}-${chars.slice(4)}`;
}

/**
 * The answers, when the certificate's date is all this server's day refuses (too old, or in the
 * future): the same validation on the date's own day, so that everything else is checked and the
 * database judges the date by its day. Any other failure is returned as it is.
 */
function byDatabaseDay<T>(form: AnyForm, raw: RawAnswers, result: Validation<T>): Validation<T> {
  if (result.ok || result.formErrors.length > 0) return result;
  const fields = Object.keys(result.errors);
  const message = result.errors['certificateIssuedOn'];
  const issued = parseNorwegianDate(String(raw['certificateIssuedOn'] ?? ''));
  if (
    fields.length !== 1 ||
    (message !== CERTIFICATE_MESSAGES.future && message !== CERTIFICATE_MESSAGES.tooOld) ||
    !issued
  )
    return result;
  const onIssueDay = validate(form, raw, () => new Date(`${issued}T12:00:00Z`));
  return onIssueDay.ok ? (onIssueDay as Validation<T>) : result;
}

async function submit(
  kind: ApplicationKind,
  input: unknown,
  context: ActionAPIContext,
): Promise<SubmitResult> {
  // The referees the municipality asks for (its profile); the database expects the same number.
  const form = withReferees(forms[kind], (await getProfile()).refereesWanted);
  const data = input instanceof FormData ? input : new FormData();
  const raw = rawAnswers(form, data);
  if (String(data.get(HONEYPOT_FIELD) ?? '') !== '') {
    console.warn(`application ${kind}: honeypot filled, not stored`);
    return { status: 'sent', reference: decoyReference(kind) };
  }
  const values = formValues(form, raw);
  // The page sent back after a failed post (JavaScript off) keeps this submission id, so that a
  // resend after an ambiguous failure (stored, answer lost) stores one application, not two.
  const postedId = raw['submissionId'];
  if (typeof postedId === 'string' && UUID.test(postedId)) values['submissionId'] = postedId;
  const result = validate(form, raw);
  // A certificate date that is too old or in the future by this server's day only: around
  // midnight, or with a clock that has drifted, the database's day may differ, and that day
  // decides (submit_application judges the date and says which way it failed).
  const dated = byDatabaseDay(form, raw, result);
  if (!dated.ok) {
    // A resend of a submission already stored (an answer lost on the way, sent again later)
    // gets its receipt, not a refusal.
    const submissionId = raw['submissionId'];
    if (
      typeof submissionId === 'string' &&
      UUID.test(submissionId) &&
      !dated.errors['submissionId']
    ) {
      const reference = await storedReference(createSubmitClient(), submissionId);
      if (reference) return { status: 'sent', reference };
    }
    return { status: 'invalid', errors: dated.errors, formErrors: dated.formErrors, values };
  }
  const submitter = rateLimitKey(
    context.clientAddress,
    context.request.headers.get('x-forwarded-for'),
    serverConfig().TRUSTED_PROXY_HOPS,
  );
  if (!limiter.take(submitter)) {
    console.warn(`application ${kind}: rate limit reached`);
    return {
      status: 'failed',
      reason: 'rateLimited',
      message: SUBMIT_MESSAGES.rateLimited,
      values,
    };
  }
  let stored;
  try {
    stored = await storeApplication(
      createSubmitClient(),
      kind,
      toSubmission(kind, dated.data, await getPrivacyVersion()),
    );
  } catch (error) {
    console.error(
      `application ${kind}: could not submit (${error instanceof Error ? error.name : 'error'})`,
    );
    stored = { ok: false as const, reason: 'unavailable' as const };
  }
  if (stored.ok) {
    // The receipt and the coordinators' notice were recorded with the application; send them
    // now in the background so the receipt page is not kept waiting.
    deliverSoon();
    return { status: 'sent', reference: stored.reference };
  }
  if (stored.reason === 'certificate') {
    // The database's day judged the date: the date field's own message.
    return {
      status: 'invalid',
      errors: {
        certificateIssuedOn:
          stored.problem === 'future' ? CERTIFICATE_MESSAGES.future : CERTIFICATE_MESSAGES.tooOld,
      },
      formErrors: [],
      values,
    };
  }
  if (stored.reason === 'referee') {
    const refused = refusedRefereeField(stored.column);
    if (refused)
      return {
        status: 'invalid',
        errors: { [refused.field]: refused.message },
        formErrors: [],
        values,
      };
    return { status: 'failed', reason: 'rejected', message: SUBMIT_MESSAGES.rejected, values };
  }
  if (!result.ok && stored.reason === 'unavailable') {
    // Without the database's day, this server's verdict on the date stands.
    return { status: 'invalid', errors: result.errors, formErrors: result.formErrors, values };
  }
  if (stored.reason === 'rateLimited') {
    console.warn(`application ${kind}: the database's per-address limit reached`);
    return {
      status: 'failed',
      reason: 'rateLimited',
      message: SUBMIT_MESSAGES.addressLimited,
      values,
    };
  }
  return {
    status: 'failed',
    reason: stored.reason,
    message: stored.reason === 'rejected' ? SUBMIT_MESSAGES.rejected : SUBMIT_MESSAGES.unavailable,
    values,
  };
}

export const applications = {
  submitVisitHome: defineAction({
    accept: 'form',
    handler: (input, context) => submit('besokshjem', input, context),
  }),
  submitSupervisor: defineAction({
    accept: 'form',
    handler: (input, context) => submit('tilsynsperson', input, context),
  }),
};
