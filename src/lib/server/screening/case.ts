/**
 * One case as the workspace shows it, read through PostgREST with the coordinator's own token:
 * the application with the co-applicant's own part and the referees (embedded in the same
 * request), its checklist (public.case_checklist: the items the case needs, with their
 * texts), notes, history (audit log), the coordinators (for "who"), and the next steps the
 * database's workflow allows (public.application_next_steps).
 */
import type {
  CoApplicantPart,
  RefereeRow,
} from '../../../components/workspace/case/household-entries.ts';
import type { Database } from '../../database.types.ts';
import type { SessionClient } from '../auth/session.ts';

type Tables = Database['public']['Tables'];
export type ApplicationRow = Tables['applications']['Row'];
type Functions = Database['public']['Functions'];
/** One item of the case's checklist (the generated type says every column is given; some are not). */
export type ChecklistRow = Omit<
  Functions['case_checklist']['Returns'][number],
  'value' | 'recorded_by' | 'recorded_at' | 'valid_until' | 'undo_label' | 'hint'
> & {
  value: string | null;
  recorded_by: string | null;
  recorded_at: string | null;
  valid_until: string | null;
  undo_label: string | null;
  hint: string | null;
};
export type NoteRow = Tables['application_notes']['Row'];
export type AuditRow = Tables['audit_log']['Row'];
/** A next step; approval_missing is what approval still lacks (null for the other steps). */
export type NextStep = Omit<
  Functions['application_next_steps']['Returns'][number],
  'approval_missing'
> & {
  approval_missing: string[] | null;
};

export interface CoordinatorEntry {
  user_id: string;
  name: string;
  role: string;
  active: boolean;
}

export interface Case {
  application: ApplicationRow;
  /** The co-applicant's own part, when two apply together (public.co_applicant_parts). */
  coApplicant: CoApplicantPart | null;
  /** The referees the applicant named (public.referees), in any order. */
  referees: RefereeRow[];
  checklist: ChecklistRow[];
  notes: NoteRow[];
  history: AuditRow[];
  coordinators: CoordinatorEntry[];
  nextSteps: NextStep[];
}

/** The application's columns and the other people's parts, for one select of applications. */
export const CASE_COLUMNS = '*, co_applicant_parts(*), referees(*)';

/** An application row read with CASE_COLUMNS, split into the application and the household. */
export function withHousehold(
  row: ApplicationRow & { co_applicant_parts: unknown; referees: unknown },
): Pick<Case, 'application' | 'coApplicant' | 'referees'> {
  const { co_applicant_parts: part, referees, ...application } = row;
  // A one-to-one embed comes as an object (or null); an array is tolerated all the same.
  const coApplicant = (Array.isArray(part) ? part[0] : part) as CoApplicantPart | null | undefined;
  return {
    application,
    coApplicant: coApplicant ?? null,
    referees: (Array.isArray(referees) ? referees : []) as RefereeRow[],
  };
}

/** The coordinator list (for names and "assign to a colleague"). Throws the database's error. */
export async function loadCoordinators(client: SessionClient): Promise<CoordinatorEntry[]> {
  const { data, error } = await client
    .from('coordinators')
    .select('user_id, name, role, active')
    .order('name');
  if (error) throw error;
  return data ?? [];
}

/** The case with this reference, or null if there is none. Throws the database's error. */
export async function loadCase(client: SessionClient, reference: string): Promise<Case | null> {
  const [applicationResult, coordinators, stepsResult] = await Promise.all([
    client.from('applications').select(CASE_COLUMNS).eq('reference', reference).maybeSingle(),
    loadCoordinators(client),
    client.rpc('application_next_steps', { application_reference: reference }),
  ]);
  if (applicationResult.error) throw applicationResult.error;
  if (stepsResult.error) throw stepsResult.error;
  if (!applicationResult.data) return null;
  const { application, coApplicant, referees } = withHousehold(applicationResult.data);
  const [checklist, notes, history] = await Promise.all([
    client.rpc('case_checklist', { application_reference: reference }),
    client
      .from('application_notes')
      .select('*')
      .eq('application_id', application.id)
      .order('created_at', { ascending: false }),
    client
      .from('audit_log')
      .select('*')
      .eq('application_id', application.id)
      .order('occurred_at', { ascending: false })
      .order('id', { ascending: false }),
  ]);
  for (const result of [checklist, notes, history]) if (result.error) throw result.error;
  return {
    application,
    coApplicant,
    referees,
    checklist: (checklist.data ?? []) as ChecklistRow[],
    notes: notes.data ?? [],
    history: history.data ?? [],
    coordinators,
    nextSteps: (stepsResult.data ?? []) as NextStep[],
  };
}
