/**
 * Reading a posted form: the raw answers from FormData for the schema, and the answers to show
 * again in the form, for the application forms and for the plain forms of the link pages and
 * Min søknad alike. The honeypot's name lives here too, since both sides must skip it.
 */
import { fieldsOf, type FormDefinition, type RawAnswers } from './definition.ts';

/** The honeypot: a field people never see or fill in. */
export const HONEYPOT_FIELD = 'nettsted';

/**
 * Adds every posted field that is not `known` to `raw`, as it came, so that the strict schema
 * rejects it.
 */
function withUnknownFields<T extends RawAnswers>(
  raw: T,
  data: FormData,
  known: ReadonlySet<string>,
): T {
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

/** The answers to show again: `names` only, so that a hostile key never travels back. */
function ownValues<T>(raw: Record<string, T>, names: Iterable<string>): Record<string, T> {
  const values: Record<string, T> = {};
  for (const name of names) {
    const value = raw[name];
    if (value !== undefined) values[name] = value;
  }
  return values;
}

/**
 * The raw answers from submitted form data: every field of the form (missing text as '',
 * checkbox groups as arrays) plus the submission id, and any unknown field as it came. The
 * honeypot is left out (the Action checks it first).
 */
export function rawAnswers(definition: FormDefinition, data: FormData): RawAnswers {
  const raw: RawAnswers = {};
  const known = new Set<string>([HONEYPOT_FIELD, 'submissionId']);
  for (const field of fieldsOf(definition)) {
    known.add(field.name);
    raw[field.name] =
      field.type === 'checkboxes'
        ? data.getAll(field.name).map(String)
        : String(data.get(field.name) ?? '');
  }
  raw['submissionId'] = String(data.get('submissionId') ?? '');
  return withUnknownFields(raw, data, known);
}

/**
 * The answers to show again in the form: the form's own fields only. Unknown fields (which the
 * schema rejects) are dropped.
 */
export function formValues(
  definition: FormDefinition,
  raw: RawAnswers,
): Record<string, string | string[]> {
  return ownValues(
    raw,
    fieldsOf(definition).map((field) => field.name),
  );
}

/**
 * The raw answers of a plain posted form (a link page's, Min søknad's) with the given field names,
 * the hidden token or reference included: its own fields as text, any unknown field as it came.
 */
export function postedFields(data: FormData, names: readonly string[]): Record<string, string> {
  const raw: Record<string, string> = {};
  for (const name of names) raw[name] = String(data.get(name) ?? '');
  return withUnknownFields(raw, data, new Set(names));
}

/** A plain form's answers to show again: its own fields, without the token. */
export function shownValues(
  raw: Record<string, string>,
  names: readonly string[],
): Record<string, string> {
  return ownValues(
    raw,
    names.filter((name) => name !== 'token'),
  );
}
