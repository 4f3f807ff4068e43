/**
 * The registry of application forms: each form's definition by kind, and the types that name
 * them. Free of server imports (the components import the definition types from here).
 */
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
