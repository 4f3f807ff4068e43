/**
 * The application forms, by kind, and the machinery both share: reading a form's raw answers,
 * validating them with the form's schema, and turning the result into what the database stores.
 * Free of server imports: the island uses it too.
 */
import type { z } from 'zod/mini';
import type { Clock } from '../dates.ts';
import type { ApplicationKind } from '../reference.ts';
import type { Field, FormDefinition, RawAnswers } from './definition.ts';
import {
  SUPERVISOR_REQUIREMENTS,
  supervisorForm,
  type SupervisorApplication,
} from './supervisor.ts';
import { validateWith, type Validation } from './validation.ts';
import { VISIT_HOME_REQUIREMENTS, visitHomeForm, type VisitHomeApplication } from './visit-home.ts';

export type { Field, FormDefinition, RawAnswers, Section } from './definition.ts';
export type { VisitHomeApplication, SupervisorApplication, Validation };

export const forms = {
  besokshjem: visitHomeForm,
  tilsynsperson: supervisorForm,
} as const;

export type Application = VisitHomeApplication | SupervisorApplication;

/** Either form's definition. */
export type AnyForm = (typeof forms)[keyof typeof forms];

/** The honeypot: a field people never see or fill in. */
export const HONEYPOT_FIELD = 'nettsted';

/** Every field of a definition, in the order the form shows them. */
export function fieldsOf(definition: FormDefinition): Field[] {
  return definition.sections.flatMap((section) => section.fields);
}

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

// Building a schema and zod's first parse with it (which compiles the object check) cost more
// than validating, so each form's schema for the system clock is built once. The clock is read
// when a rule runs, not when the schema is built, so the cached schema never goes stale at
// midnight. Schemas for a given clock (tests) are built each time.
const systemClockSchemas = new WeakMap<AnyForm, z.ZodMiniType>();

function schemaFor(definition: AnyForm, clock: Clock | undefined): z.ZodMiniType {
  if (clock) return definition.schema(clock);
  let schema = systemClockSchemas.get(definition);
  if (!schema) systemClockSchemas.set(definition, (schema = definition.schema()));
  return schema;
}

/** Validates raw answers with the form's schema; field errors keyed by field name (first wins). */
export function validate<F extends AnyForm>(
  definition: F,
  raw: RawAnswers,
  clock?: Clock,
): Validation<z.output<ReturnType<F['schema']>>> {
  const schema = schemaFor(definition, clock) as z.ZodMiniType<z.output<ReturnType<F['schema']>>>;
  return validateWith(schema, raw);
}

/** The validated answers as the database function `submit_application` takes them. */
export function toSubmission(
  kind: ApplicationKind,
  data: Application,
  privacyVersion: string,
): Record<string, unknown> {
  const common = {
    submission_id: data.submissionId,
    kind,
    full_name: data.fullName,
    email: data.email,
    phone: data.phone,
    street_address: data.streetAddress,
    postcode: data.postcode,
    postal_place: data.postalPlace,
    over_18: data.over18,
    motivation: data.motivation,
    certificate_status: data.certificate,
    certificate_issued_on: data.certificateIssuedOn,
    commitment_months: data.commitmentMonths,
    heard_about: data.heardAbout,
    privacy_consent: data.consent,
    privacy_version: privacyVersion,
  };
  if ('adults' in data) {
    const d = data;
    return {
      ...common,
      confirmed_requirements: Object.entries(VISIT_HOME_REQUIREMENTS)
        .filter(([field]) => d[field as keyof typeof VISIT_HOME_REQUIREMENTS] === true)
        .map(([, code]) => code),
      details: {
        adults: d.adults,
        children: d.children,
        children_ages: d.childrenAges,
        spare_bed: d.spareBed,
        weekends_per_month: d.weekendsPerMonth,
        also_available: d.alsoAvailable,
        siblings: d.siblings,
        suited_ages: d.suitedAges,
      },
    };
  }
  const d = data;
  return {
    ...common,
    confirmed_requirements: Object.entries(SUPERVISOR_REQUIREMENTS)
      .filter(([field]) => d[field as keyof typeof SUPERVISOR_REQUIREMENTS] === true)
      .map(([, code]) => code),
    details: {
      experience_kinds: d.experienceKinds,
      experience_years: d.experienceYears,
      availability: d.availability,
      children_capacity: d.childrenCapacity,
      languages: d.languages,
    },
  };
}
