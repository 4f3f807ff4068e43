/**
 * The registry of application forms: each form's definition by kind, and the types that name
 * them; `withReferees` gives a definition that also asks for the profile's referees. Free of
 * server imports (the components import the definition types from here).
 */
import type { Clock } from '../dates.ts';
import { refereesSection } from './referees.ts';
import { supervisorForm, type SupervisorApplication } from './supervisor.ts';
import { visitHomeForm, type VisitHomeApplication } from './visit-home.ts';

export type { Field, FormDefinition, RawAnswers, Section } from './definition.ts';
export type { VisitHomeApplication, SupervisorApplication };

export const forms = {
  besokshjem: visitHomeForm,
  tilsynsperson: supervisorForm,
} as const;

/** Either form's validated answers. */
export type Application = VisitHomeApplication | SupervisorApplication;

/** Either form's definition. */
export type AnyForm = (typeof forms)[keyof typeof forms];

const withCount = new Map<string, AnyForm>();

/**
 * The form that asks for `referees` referees (the profile's refereesWanted): their section before
 * the closing one, and a schema that checks them by default. The same object for the same count,
 * so that the server's schema cache (schema-cache.ts) builds each schema once.
 */
export function withReferees<F extends AnyForm>(form: F, referees: number): F {
  const section = refereesSection(referees);
  if (!section) return form;
  const key = `${form.kind}:${referees}`;
  let made = withCount.get(key);
  if (!made) {
    const closing = form.sections.length - 1;
    made = {
      ...form,
      sections: [...form.sections.slice(0, closing), section, ...form.sections.slice(closing)],
      schema: (clock?: Clock, count = referees) => form.schema(clock, count),
    } as F;
    withCount.set(key, made);
  }
  return made as F;
}
