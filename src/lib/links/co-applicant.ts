/**
 * The co-applicant's page (/soknad/medsoker/<token>/): the questions, taken from the application
 * form's own definitions (the same wording and rules: 18 or older, phone, time to call, police
 * certificate, privacy statement), its two forms' zod schemas (confirm, decline) shared by the
 * page and the Action, and the answer as public.answer_co_applicant takes it. Free of server
 * imports.
 */
import { z } from 'zod/mini';
import { systemClock, type Clock } from '../dates.ts';
import {
  certificateSection,
  certificateShape,
  closingSection,
  closingShape,
  contactSection,
  contactShape,
  withCertificateRule,
} from '../forms/common.ts';
import type { Field } from '../forms/definition.ts';
import { tokenField } from './token.ts';

function fieldOf(fields: Field[], name: string): Field {
  const field = fields.find((f) => f.name === name);
  if (!field) throw new Error(`The application form has no field ${name}`);
  return field;
}

/** The confirm form's questions, in order: the main form's own fields. */
export const coApplicantFields: Field[] = [
  fieldOf(contactSection.fields, 'over18'),
  fieldOf(contactSection.fields, 'phone'),
  fieldOf(contactSection.fields, 'callTime'),
  fieldOf(certificateSection.fields, 'certificate'),
  fieldOf(certificateSection.fields, 'certificateIssuedOn'),
  fieldOf(closingSection.fields, 'consent'),
];

/** The confirm form's one schema (today's date from `clock`, for the certificate rule). */
export function coApplicantConfirmSchema(clock: Clock = systemClock) {
  return withCertificateRule(
    z.strictObject({
      token: tokenField,
      over18: contactShape.over18,
      phone: contactShape.phone,
      callTime: contactShape.callTime,
      certificate: certificateShape.certificate,
      certificateIssuedOn: certificateShape.certificateIssuedOn,
      consent: closingShape.consent,
    }),
    clock,
  );
}

export type CoApplicantConfirmation = z.output<ReturnType<typeof coApplicantConfirmSchema>>;

/** The decline form's one schema: the token only (the button says what it means). */
export const coApplicantDeclineSchema = z.strictObject({ token: tokenField });

/** The confirmation as public.answer_co_applicant takes it. */
export function toCoApplicantAnswer(
  data: CoApplicantConfirmation,
  privacyVersion: string,
): Record<string, unknown> {
  return {
    answer: 'confirm',
    over_18: data.over18,
    phone: data.phone,
    call_time: data.callTime,
    certificate_status: data.certificate,
    certificate_issued_on: data.certificateIssuedOn,
    privacy_consent: data.consent,
    privacy_version: privacyVersion,
  };
}
