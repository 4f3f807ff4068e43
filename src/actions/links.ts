/**
 * The personal links' Actions: the co-applicant confirms or declines (/soknad/medsoker/<token>/),
 * a referee answers or declines (/referanse/<token>/). Plain HTML form posts (no JavaScript
 * needed), validated with the page's own zod schema, stored with the server's key through the
 * database's functions, which judge the token (unknown, used, expired) and the answers again.
 * Nothing here logs the token or an answer.
 */
import { defineAction } from 'astro:actions';
import { CERTIFICATE_MESSAGES } from '../lib/forms/rules.ts';
import { validateWith } from '../lib/forms/validation.ts';
import {
  coApplicantConfirmSchema,
  coApplicantDeclineSchema,
  coApplicantFields,
  toCoApplicantAnswer,
} from '../lib/links/co-applicant.ts';
import { postedFields, shownValues } from '../lib/forms/form-data.ts';
import { LINK_MESSAGES, type LinkResult } from '../lib/links/messages.ts';
import {
  answerField,
  referenceAnswerSchema,
  referenceDeclineSchema,
  toReferenceAnswer,
} from '../lib/links/reference.ts';
import { getPrivacyVersion } from '../lib/profile.ts';
import { referenceQuestions } from '../lib/reference-questions.ts';
import { answerLink, type AnswerOutcome } from '../lib/server/links.ts';
import { createSubmitClient } from '../lib/server/supabase.ts';

const CONFIRM_FIELDS = ['token', ...coApplicantFields.map((field) => field.name)];

/** The database's key → the co-applicant form's field, for its refusals. */
const CO_APPLICANT_COLUMNS: Record<string, string> = {
  over_18: 'over18',
  phone: 'phone',
  call_time: 'callTime',
  certificate_status: 'certificate',
  certificate_issued_on: 'certificateIssuedOn',
  privacy_consent: 'consent',
};

// Built once: the clock is read when the certificate rule runs, not when the schema is built.
let confirmSchema: ReturnType<typeof coApplicantConfirmSchema> | undefined;

/** The Action's answer for what the database said. */
function outcomeResult(
  outcome: AnswerOutcome,
  values: Record<string, string>,
  fieldOf: (column: string, hint: string | undefined) => [string, string] | undefined,
): LinkResult {
  if (outcome.ok) return { status: 'done', answer: outcome.state };
  if (outcome.reason === 'closed') return { status: 'closed', state: outcome.state };
  if (outcome.reason === 'field') {
    const found = fieldOf(outcome.field, outcome.hint);
    if (found)
      return { status: 'invalid', errors: { [found[0]]: found[1] }, formErrors: [], values };
    return { status: 'invalid', errors: {}, formErrors: [LINK_MESSAGES.rejected], values };
  }
  if (outcome.reason === 'rejected')
    return { status: 'invalid', errors: {}, formErrors: [LINK_MESSAGES.rejected], values };
  return { status: 'failed', message: LINK_MESSAGES.unavailable, values };
}

function coApplicantField(column: string, hint: string | undefined): [string, string] | undefined {
  const field = CO_APPLICANT_COLUMNS[column];
  if (!field) return undefined;
  if (field === 'certificateIssuedOn' && (hint === 'future' || hint === 'too_old'))
    return [field, hint === 'future' ? CERTIFICATE_MESSAGES.future : CERTIFICATE_MESSAGES.tooOld];
  return [field, 'Sjekk svaret og prøv igjen'];
}

/** A form that posts the token only (the decline buttons). */
async function decline(
  input: unknown,
  schema: typeof coApplicantDeclineSchema,
  fn: 'answer_co_applicant' | 'answer_reference',
): Promise<LinkResult> {
  const data = input instanceof FormData ? input : new FormData();
  const raw = postedFields(data, ['token']);
  const parsed = schema.safeParse(raw);
  if (!parsed.success)
    return { status: 'invalid', errors: {}, formErrors: [LINK_MESSAGES.failed], values: {} };
  const outcome = await answerLink(createSubmitClient(), fn, parsed.data.token, {
    answer: 'decline',
  });
  return outcomeResult(outcome, {}, () => undefined);
}

export const links = {
  confirmCoApplicant: defineAction({
    accept: 'form',
    handler: async (input): Promise<LinkResult> => {
      const data = input instanceof FormData ? input : new FormData();
      const raw = postedFields(data, CONFIRM_FIELDS);
      const values = shownValues(raw, CONFIRM_FIELDS);
      const result = validateWith((confirmSchema ??= coApplicantConfirmSchema()), raw);
      if (!result.ok) return { status: 'invalid', ...result, values };
      const outcome = await answerLink(
        createSubmitClient(),
        'answer_co_applicant',
        result.data.token,
        toCoApplicantAnswer(result.data, await getPrivacyVersion()),
      );
      return outcomeResult(outcome, values, coApplicantField);
    },
  }),
  declineCoApplicant: defineAction({
    accept: 'form',
    handler: (input) => decline(input, coApplicantDeclineSchema, 'answer_co_applicant'),
  }),
  answerReference: defineAction({
    accept: 'form',
    handler: async (input): Promise<LinkResult> => {
      const questions = await referenceQuestions();
      const names = ['token', ...questions.map((question) => answerField(question.id))];
      const data = input instanceof FormData ? input : new FormData();
      const raw = postedFields(data, names);
      const values = shownValues(raw, names);
      const result = validateWith(referenceAnswerSchema(questions), raw);
      if (!result.ok) return { status: 'invalid', ...result, values };
      const outcome = await answerLink(
        createSubmitClient(),
        'answer_reference',
        result.data.token,
        toReferenceAnswer(questions, result.data),
      );
      // The database names one answer as `answers.<question id>`: the form shows it there.
      return outcomeResult(outcome, values, (column) =>
        column.startsWith('answers.')
          ? [answerField(column.slice('answers.'.length)), 'Sjekk svaret og prøv igjen']
          : undefined,
      );
    },
  }),
  declineReference: defineAction({
    accept: 'form',
    handler: (input) => decline(input, referenceDeclineSchema, 'answer_reference'),
  }),
};
