/**
 * The forms' schemas by kind and how a failed parse becomes one message per field. Kept apart
 * from the definitions so that the island, which gets the questions' texts as props, bundles
 * only the schemas and not the texts a second time.
 */
import type { z } from 'zod/mini';
import type { RawAnswers } from './definition.ts';
import { supervisorSchema } from './supervisor.ts';
import { visitHomeSchema } from './visit-home.ts';

/** Each form's schema factory (today's date from an optional clock), by kind. */
export const schemas = {
  besokshjem: visitHomeSchema,
  tilsynsperson: supervisorSchema,
} as const;

export type Validation<T> =
  { ok: true; data: T } | { ok: false; errors: Record<string, string>; formErrors: string[] };

/**
 * Validates raw answers with a schema; field errors keyed by field name (first wins). Takes
 * anything with zod's `safeParse`, so that either form's schema (a union) fits.
 */
export function validateWith<T>(
  schema: { safeParse: (input: unknown) => z.core.util.SafeParseResult<T> },
  raw: RawAnswers,
): Validation<T> {
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const errors: Record<string, string> = {};
  const formErrors: string[] = [];
  for (const issue of result.error.issues) {
    const key = issue.path[0];
    if (typeof key === 'string' && issue.code !== 'unrecognized_keys') {
      errors[key] ??= issue.message;
    } else {
      formErrors.push('Skjemaet inneholdt felt vi ikke kjenner igjen. Last inn siden på nytt.');
    }
  }
  return { ok: false, errors, formErrors: [...new Set(formErrors)] };
}
