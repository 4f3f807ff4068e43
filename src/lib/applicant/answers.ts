/**
 * The applicant's own answers, as public.applicant_page gives them (column → value), read back
 * under the application form's own questions with the reader the workspace uses
 * (src/lib/forms/answers.ts), so the page and the download say what the form asked.
 */
import { storedAnswers, type AnswerSection, type StoredApplication } from '../forms/answers.ts';
import type { ApplicationKind } from '../reference.ts';

export function applicantAnswers(
  kind: ApplicationKind,
  answers: Record<string, unknown>,
): AnswerSection[] {
  const row = {
    ...answers,
    kind,
    confirmed_requirements: Array.isArray(answers['confirmed_requirements'])
      ? answers['confirmed_requirements']
      : [],
  } as unknown as StoredApplication;
  return storedAnswers(row);
}

/** The current contact details as the correction form shows them (field name → text). */
export function contactValues(answers: Record<string, unknown>): Record<string, string> {
  const text = (column: string) => {
    const value = answers[column];
    return typeof value === 'string' ? value : '';
  };
  return {
    phone: text('phone'),
    callTime: text('call_time'),
    streetAddress: text('street_address'),
    postcode: text('postcode'),
    postalPlace: text('postal_place'),
  };
}
