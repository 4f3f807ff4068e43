/**
 * The referee's page (/referanse/<token>/): the questions from content/referanse/sporsmal.yaml as
 * form fields, its two forms' zod schemas (answer, decline) shared by the page and the Action, and
 * the answer as public.answer_reference takes it. Free of server imports.
 */
import { z } from 'zod/mini';
import type { TextareaField } from '../forms/definition.ts';
import { optionalText, requiredText } from '../forms/rules.ts';
import type { ReferenceQuestion } from '../../schemas/reference-questions.ts';
import { tokenField } from './token.ts';

/** The most characters one answer may have (the database's limit too). */
export const ANSWER_MAX = 1000;

/** A question's form field: `svar-<id>`, so that no question id can clash with `token`. */
export function answerField(id: string): string {
  return `svar-${id}`;
}

/** The text with `{navn}` replaced by the applicant's name. */
export function withName(text: string, applicantName: string): string {
  return text.replaceAll('{navn}', applicantName);
}

/** The questions as the form's fields, in order, for this applicant. */
export function referenceFields(
  questions: readonly ReferenceQuestion[],
  applicantName: string,
): TextareaField[] {
  // Numbered, so that the error messages ("Skriv et svar på spørsmål 2") point at one.
  return questions.map((question, i) => ({
    type: 'textarea',
    name: answerField(question.id),
    label: `${i + 1}. ${withName(question.label, applicantName)}`,
    ...(question.hint ? { hint: withName(question.hint, applicantName) } : {}),
    ...(question.optional ? { optional: true } : {}),
    maxlength: ANSWER_MAX,
  }));
}

const tooLong = `Svaret kan ha høyst ${ANSWER_MAX} tegn`;

/** The answer form's one schema, for the municipality's questions. */
export function referenceAnswerSchema(questions: readonly ReferenceQuestion[]) {
  const shape: Record<string, z.ZodMiniType<string | null>> = {};
  for (const [i, question] of questions.entries()) {
    shape[answerField(question.id)] = question.optional
      ? optionalText(
          ANSWER_MAX,
          tooLong,
          'Skriv svaret med bokstaver eller tall, eller la feltet stå tomt',
          true,
        )
      : requiredText(ANSWER_MAX, `Skriv et svar på spørsmål ${i + 1}`, tooLong, true);
  }
  return z.strictObject({ token: tokenField, ...shape });
}

/** The decline form's one schema: the token only (the button says what it means). */
export const referenceDeclineSchema = z.strictObject({ token: tokenField });

/** The answers as public.answer_reference takes them: by question id, empty answers left out. */
export function toReferenceAnswer(
  questions: readonly ReferenceQuestion[],
  data: Record<string, string | null>,
): Record<string, unknown> {
  const answers: Record<string, string> = {};
  for (const question of questions) {
    const value = data[answerField(question.id)];
    if (value) answers[question.id] = value;
  }
  return { answer: 'give', answers };
}
