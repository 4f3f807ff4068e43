/**
 * A stored application read back under the form's own questions: the reverse of `toSubmission`,
 * from the columns of public.applications (as the generated types describe them) to each field of
 * the form definition, with the option labels the applicant chose from. The texts come from the
 * definitions; nothing here repeats them.
 */
import type { Database } from '../database.types.ts';
import { formatNorwegianDate } from '../dates.ts';
import type { ApplicationKind } from '../reference.ts';
import { fieldsOf, type Field } from './definition.ts';
import { forms } from './index.ts';
import { REQUIREMENTS } from './submission.ts';

/** A stored application, as PostgREST returns the row. */
export type StoredApplication = Database['public']['Tables']['applications']['Row'];

export interface Answer {
  label: string;
  /** The answer in words; several for a checkbox group. */
  value: string[];
}

export interface AnswerSection {
  id: string;
  title: string;
  answers: Answer[];
}

/** The stored value of one form field, as the form would have held it. */
function storedValue(kind: ApplicationKind, field: Field, row: StoredApplication): unknown {
  const requirement = (REQUIREMENTS[kind] as Record<string, string>)[field.name];
  if (requirement) return row.confirmed_requirements.includes(requirement);
  return field.column ? row[field.column] : undefined;
}

/** One answer in words: option labels for choices, "Ja"/"Nei" for yes/no, dates as dd.mm.åååå. */
function inWords(field: Field, value: unknown): string[] {
  if (value === null || value === undefined || value === '') return ['Ikke svart'];
  if (field.type === 'confirm') return [value === true ? 'Bekreftet' : 'Ikke bekreftet'];
  if (field.type === 'radio' || field.type === 'checkboxes') {
    const values = Array.isArray(value) ? value : [value];
    if (values.length === 0) return ['Ikke svart'];
    return values.map((v) => {
      const text = typeof v === 'boolean' ? (v ? 'ja' : 'nei') : String(v);
      return field.options.find((option) => option.value === text)?.label ?? text;
    });
  }
  if (field.name === 'certificateIssuedOn' && typeof value === 'string')
    return [formatNorwegianDate(value)];
  return [String(value)];
}

/**
 * The name of the partner the applicant applies together with (a visit home), or null when they
 * apply alone or applied before the form asked. Whether two apply together is the database's own
 * derived column (applies_together).
 */
export function partnerName(
  row: Pick<StoredApplication, 'applies_together' | 'partner_name'>,
): string | null {
  return row.applies_together ? row.partner_name : null;
}

/** The label of the question whose answer is stored in `column`, or undefined. */
export function questionOf(column: string): string | undefined {
  for (const form of Object.values(forms))
    for (const field of fieldsOf(form)) if (field.column === column) return field.label;
  return undefined;
}

/** The application's answers, section by section, under the form's own question texts. */
export function storedAnswers(row: StoredApplication): AnswerSection[] {
  const kind: ApplicationKind = row.kind === 'tilsynsperson' ? 'tilsynsperson' : 'besokshjem';
  const fields = new Map(fieldsOf(forms[kind]).map((field) => [field.name, field]));
  // A conditional question shows only when the form showed it (no partner for one applicant).
  const asked = (field: Field) => {
    const condition = field.showIf && fields.get(field.showIf.field);
    return !condition || storedValue(kind, condition, row) === field.showIf?.equals;
  };
  return forms[kind].sections.map((section) => ({
    id: section.id,
    title: section.title,
    answers: section.fields.filter(asked).map((field) => ({
      label: field.label,
      value: inWords(field, storedValue(kind, field, row)),
    })),
  }));
}
