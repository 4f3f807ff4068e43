/**
 * Reading a posted form: the raw answers from FormData for the schema, and the answers to show
 * again in the form. The honeypot's name lives here too, since both sides must skip it.
 */
import { fieldsOf, type FormDefinition, type RawAnswers } from './definition.ts';

/** The honeypot: a field people never see or fill in. */
export const HONEYPOT_FIELD = 'nettsted';

/**
 * The raw answers from submitted form data: every field of the form (missing text as '',
 * checkbox groups as arrays) plus the submission id, and any unknown field as it came, so that
 * the strict schema rejects it. The honeypot is left out (the Action checks it first).
 */
export function rawAnswers(definition: FormDefinition, data: FormData): RawAnswers {
  const raw: RawAnswers = {};
  const known = new Set<string>([HONEYPOT_FIELD]);
  for (const field of fieldsOf(definition)) {
    known.add(field.name);
    raw[field.name] =
      field.type === 'checkboxes'
        ? data.getAll(field.name).map(String)
        : String(data.get(field.name) ?? '');
  }
  known.add('submissionId');
  raw['submissionId'] = String(data.get('submissionId') ?? '');
  for (const key of new Set(data.keys())) {
    // defineProperty, so that even a key named `__proto__` becomes an own (unknown) field that
    // the strict schema rejects, rather than a silently ignored prototype assignment.
    if (!known.has(key))
      Object.defineProperty(raw, key, {
        value: String(data.get(key)),
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  return raw;
}

/**
 * The answers to show again in the form: the form's own fields only. Unknown fields (which the
 * schema rejects) are dropped, so that a hostile key such as `__proto__` never travels back.
 */
export function formValues(
  definition: FormDefinition,
  raw: RawAnswers,
): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const field of fieldsOf(definition)) {
    const value = raw[field.name];
    if (value !== undefined) values[field.name] = value;
  }
  return values;
}
