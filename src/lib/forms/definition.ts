/**
 * What a form DEFINITION is: its sections and fields (labels, hints, options) and its zod schema.
 * The shared components render any definition; the island and the Action validate with its schema.
 * Pure data and zod types only: no server imports, so the island can use it.
 */
import type { z } from 'zod/mini';
import type { Database } from '../database.types.ts';
import type { Clock } from '../dates.ts';
import type { ApplicationKind } from '../reference.ts';

/** A column of public.applications (the generated types name them all). */
export type ApplicationColumn = keyof Database['public']['Tables']['applications']['Row'];

export interface Option {
  value: string;
  label: string;
}

interface FieldBase {
  /** The form field's name, and the key in the raw input object. */
  name: string;
  /**
   * The column of public.applications the answer is stored in: the submission's key, and where the
   * workspace reads it back (src/lib/forms/submission.ts, answers.ts). A confirmation of an approval
   * requirement has none: it is stored as a code in confirmed_requirements.
   */
  column?: ApplicationColumn;
  label: string;
  hint?: string;
  /** Shown as "(valgfritt)" after the label; required is the default. */
  optional?: boolean;
  /** Shown only when another field has this value (always shown without JavaScript). */
  showIf?: { field: string; equals: string };
}

export interface TextField extends FieldBase {
  type: 'text';
  inputType?: 'text' | 'email' | 'tel';
  autocomplete?: string;
  inputmode?: 'text' | 'numeric' | 'email' | 'tel';
  maxlength: number;
  /** Designsystemet width class for short answers (postcode, counts, dates). */
  size?: 'xs' | 's' | 'm' | 'l';
}

export interface TextareaField extends FieldBase {
  type: 'textarea';
  maxlength: number;
  /** A visible warning under the hint (the motivation field warns against sensitive data). */
  warning?: string;
}

export interface ChoiceField extends FieldBase {
  type: 'radio' | 'checkboxes';
  options: readonly Option[];
}

export interface ConfirmField extends FieldBase {
  type: 'confirm';
  /** Optional link placed after the label (the privacy statement). */
  link?: { href: string; text: string };
}

export type Field = TextField | TextareaField | ChoiceField | ConfirmField;

export interface Section {
  id: string;
  title: string;
  description?: string;
  fields: Field[];
}

/** The raw answers: form fields as strings, checkbox groups as arrays of strings. */
export type RawAnswers = Record<string, string | string[]>;

export interface FormDefinition<Output = unknown> {
  kind: ApplicationKind;
  /** Where the form lives, e.g. `/besokshjem/soknad/`. */
  path: string;
  title: string;
  intro: string;
  sections: Section[];
  /**
   * The one schema for this form, with today's date from `clock` and the number of referees the
   * form asks for (the profile's refereesWanted; the registry's definitions ask none: see
   * withReferees in index.ts).
   */
  schema: (clock?: Clock, referees?: number) => z.ZodMiniType<Output>;
}

/** Every field of a definition, in the order the form shows them. */
export function fieldsOf(definition: Pick<FormDefinition, 'sections'>): Field[] {
  return definition.sections.flatMap((section) => section.fields);
}
