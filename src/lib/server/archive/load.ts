/**
 * Reads ended cases for the bulk export through PostgREST with the lead's own token (row-level
 * security decides what they see), a page at a time, so that memory stays flat however many
 * cases there are: each page's applications (with the co-applicant's part and the referees), their
 * history in one query, and each case's checklist from public.case_checklist.
 */
import type { SessionClient } from '../auth/session.ts';
import {
  CASE_COLUMNS,
  loadCoordinators,
  withHousehold,
  type AuditRow,
  type ChecklistRow,
} from '../screening/case.ts';
import { ENDED_STATUSES } from '../../coordinator/workspace.ts';
import type { ArchiveCase } from './case-pdf.ts';

export const PAGE_SIZE = 25;

/** Which ended cases to export: those ended on or after `from`, before `until` (instants). */
export interface EndedFilter {
  from?: Date | undefined;
  until?: Date | undefined;
}

/** The ended cases the filter selects, oldest id first, one page of cases at a time. */
export async function* endedCases(
  client: SessionClient,
  filter: EndedFilter,
): AsyncGenerator<ArchiveCase> {
  const coordinators = await loadCoordinators(client);
  let after: string | null = null;
  for (;;) {
    let query = client
      .from('applications')
      .select(CASE_COLUMNS)
      .in('status', [...ENDED_STATUSES])
      .order('id')
      .limit(PAGE_SIZE);
    if (after) query = query.gt('id', after);
    if (filter.from) query = query.gte('status_changed_at', filter.from.toISOString());
    if (filter.until) query = query.lt('status_changed_at', filter.until.toISOString());
    const { data, error } = await query;
    if (error) throw error;
    if (!data || data.length === 0) return;
    const cases = data.map(withHousehold);
    const applications = cases.map((c) => c.application);
    const ids = applications.map((a) => a.id);
    const history = await client
      .from('audit_log')
      .select('*')
      .in('application_id', ids)
      .order('occurred_at', { ascending: false })
      .order('id', { ascending: false });
    if (history.error) throw history.error;
    const byCase = new Map<string, AuditRow[]>();
    for (const row of history.data ?? []) {
      const key = row.application_id ?? '';
      byCase.set(key, [...(byCase.get(key) ?? []), row]);
    }
    for (const { application, coApplicant, referees } of cases) {
      const checklist = await client.rpc('case_checklist', {
        application_reference: application.reference,
      });
      if (checklist.error) throw checklist.error;
      yield {
        application,
        coApplicant,
        referees,
        checklist: (checklist.data ?? []) as ChecklistRow[],
        history: byCase.get(application.id) ?? [],
        coordinators,
      };
    }
    if (applications.length < PAGE_SIZE) return;
    after = applications.at(-1)!.id;
  }
}
