/**
 * A stored application read back under the form's own questions: the reverse of `toSubmission`,
 * from the database's columns to each field of the form definition, with the option labels the
 * applicant chose from. The texts come from the definitions; nothing here repeats them.
 */
import { formatNorwegianDate } from '../dates.ts';
import type { Field } from './definition.ts';
import { forms } from './index.ts';
import { SUPERVISOR_REQUIREMENTS } from './supervisor.ts';
import { VISIT_HOME_REQUIREMENTS } from './visit-home.ts';

/** The columns of a stored application this needs (as PostgREST returns them). */
export interface StoredApplication {
  kind: string;
  full_name: string;
  email: string;
  phone: string;
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

const COMMON_COLUMNS: Record<string, keyof StoredApplication> = {
  fullName: 'full_name',
  email: 'email',
  phone: 'phone',
  streetAddress: 'street_address',
  postcode: 'postcode',
  postalPlace: 'postal_place',
  over18: 'over_18',
  motivation: 'motivation',
  certificate: 'certificate_status',
  certificateIssuedOn: 'certificate_issued_on',
  commitmentMonths: 'commitment_months',
  heardAbout: 'heard_about',
  consent: 'privacy_consent',
};

const DETAIL_KEYS: Record<string, string> = {
  adults: 'adults',
  children: 'children',
  childrenAges: 'children_ages',
  spareBed: 'spare_bed',
  weekendsPerMonth: 'weekends_per_month',
  alsoAvailable: 'also_available',
  siblings: 'siblings',
  suitedAges: 'suited_ages',
  experienceKinds: 'experience_kinds',
  experienceYears: 'experience_years',
  availability: 'availability',
  childrenCapacity: 'children_capacity',
  languages: 'languages',
};

const REQUIREMENT_CODES: Record<string, string> = {
  ...VISIT_HOME_REQUIREMENTS,
  ...SUPERVISOR_REQUIREMENTS,
};

/** The stored value of one form field, as the form would have held it. */
function storedValue(field: Field, row: StoredApplication): unknown {
  const requirement = REQUIREMENT_CODES[field.name];
  if (requirement) return row.confirmed_requirements.includes(requirement);
  const column = COMMON_COLUMNS[field.name];
  if (column) return row[column];
  const key = DETAIL_KEYS[field.name];
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

/** The application's answers, section by section, under the form's own question texts. */
export function storedAnswers(row: StoredApplication): AnswerSection[] {
  const definition = row.kind === 'tilsynsperson' ? forms.tilsynsperson : forms.besokshjem;
  return definition.sections.map((section) => ({
    id: section.id,
    title: section.title,
    answers: section.fields.map((field) => ({
      label: field.label,
      value: inWords(field, storedValue(field, row)),
    })),
  }));
}
