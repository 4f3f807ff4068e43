/**
 * One case as the workspace shows it, read through PostgREST with the coordinator's own token:
 * the application, its checklist (public.case_checklist: the items the case needs, with their
 * texts), notes, history (audit log), the coordinators (for "who"), and the next steps the
 * database's workflow allows (public.application_next_steps).
 */
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
  checklist: ChecklistRow[];
  notes: NoteRow[];
  history: AuditRow[];
  coordinators: CoordinatorEntry[];
  nextSteps: NextStep[];
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
    client.from('applications').select('*').eq('reference', reference).maybeSingle(),
    loadCoordinators(client),
    client.rpc('application_next_steps', { application_reference: reference }),
  ]);
  if (applicationResult.error) throw applicationResult.error;
  if (stepsResult.error) throw stepsResult.error;
  const application = applicationResult.data;
  if (!application) return null;
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
    checklist: (checklist.data ?? []) as ChecklistRow[],
    notes: notes.data ?? [],
    history: history.data ?? [],
    coordinators,
    nextSteps: (stepsResult.data ?? []) as NextStep[],
  };
}
