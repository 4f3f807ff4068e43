/**
 * A stored application read back under the form's own questions: the reverse of `toSubmission`,
 * from the database's columns to each field of the form definition, with the option labels the
 * applicant chose from. The texts come from the definitions; nothing here repeats them.
 */
import { formatNorwegianDate } from '../dates.ts';
import type { ApplicationKind } from '../reference.ts';
import { fieldsOf, type Field } from './definition.ts';
import { forms } from './index.ts';
import { COLUMNS, DETAILS, REQUIREMENTS } from './submission.ts';

/** The columns of a stored application this needs (as PostgREST returns them). */
export interface StoredApplication {
  kind: string;
  full_name: string;
  email: string;
  phone: string;
  call_time: string | null;
  street_address: string;
  postcode: string;
  postal_place: string;
  over_18: boolean;
  motivation: string;
  certificate_status: string;
  certificate_issued_on: string | null;
  commitment_months: number;
  heard_about: string | null;
  privacy_consent: boolean;
  confirmed_requirements: string[];
  details: unknown;
}

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
  const column = (COLUMNS as Record<string, string>)[field.name];
  if (column) return row[column as keyof StoredApplication];
  const key = (DETAILS[kind] as Record<string, string>)[field.name];
  const details = (row.details ?? {}) as Record<string, unknown>;
  return key ? details[key] : undefined;
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
 * apply alone or applied before the form asked.
 */
export function partnerName(row: Pick<StoredApplication, 'kind' | 'details'>): string | null {
  const details = (row.details ?? {}) as Record<string, unknown>;
  const name = details[DETAILS.besokshjem.partnerName];
  return row.kind === 'besokshjem' &&
    details[DETAILS.besokshjem.applyingWith] === 'sammen' &&
    typeof name === 'string'
    ? name
    : null;
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
