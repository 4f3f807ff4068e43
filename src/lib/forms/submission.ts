/**
 * The validated answers turned into the payload of public.submit_application: a flat object whose
 * keys are the columns of public.applications, each form field under the column its definition
 * names (`column`), the confirmations as requirement codes. The workspace reads the columns back
 * through the same definitions (answers.ts).
 */
import type { ApplicationKind } from '../reference.ts';
import { fieldsOf, type ApplicationColumn } from './definition.ts';
import { forms, type AnyForm, type Application } from './index.ts';
import type { Referee } from './referees.ts';
import { SUPERVISOR_REQUIREMENTS } from './supervisor.ts';
import { VISIT_HOME_REQUIREMENTS } from './visit-home.ts';

/** Confirmation field → requirement code, by kind. */
export const REQUIREMENTS = {
  besokshjem: VISIT_HOME_REQUIREMENTS,
  tilsynsperson: SUPERVISOR_REQUIREMENTS,
} as const satisfies Record<ApplicationKind, Record<string, string>>;

/** Form field → column, for every field of the form that has one. */
function columnMap(form: AnyForm): ReadonlyMap<string, ApplicationColumn> {
  return new Map(
    fieldsOf(form).flatMap((field) => (field.column ? [[field.name, field.column]] : [])),
  );
}

const COLUMNS: Record<ApplicationKind, ReadonlyMap<string, ApplicationColumn>> = {
  besokshjem: columnMap(forms.besokshjem),
  tilsynsperson: columnMap(forms.tilsynsperson),
};

/** Form field → column, for every field of the kind's form that has one. */
export function columnsOf(kind: ApplicationKind): ReadonlyMap<string, ApplicationColumn> {
  return COLUMNS[kind];
}

/** The validated answers as the database function `submit_application` takes them. */
export function toSubmission(
  kind: ApplicationKind,
  data: Application,
  privacyVersion: string,
): Record<string, unknown> {
  const answers = data as Record<string, unknown>;
  const payload: Record<string, unknown> = {
    submission_id: answers['submissionId'],
    kind,
    privacy_version: privacyVersion,
  };
  for (const [field, column] of columnsOf(kind)) payload[column] = answers[field];
  payload['confirmed_requirements'] = Object.entries(REQUIREMENTS[kind])
    .filter(([field]) => answers[field] === true)
    .map(([, code]) => code);
  // As many as the form asked for (referees.ts gathers them); [] when it asked none.
  payload['referees'] = (answers['referees'] as Referee[] | undefined) ?? [];
  return payload;
}
