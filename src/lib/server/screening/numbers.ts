/**
 * The lead's numbers for a period and role, read through PostgREST with the lead's own token: the
 * database checks that the caller is an active lead and sends no count under 5 (it is null), so
 * this only asks and casts (the generated types say every column is given; the nulls are the
 * suppressed ones).
 */
import type { MonthFigures, NumbersQuery, SourceFigures } from '../../coordinator/numbers.ts';
import type { SessionClient } from '../auth/session.ts';

export interface Numbers {
  months: MonthFigures[];
  sources: SourceFigures[];
  /** The first month of receipt the figures are complete for; null: every month. */
  completeFrom: string | null;
}

export async function loadNumbers(client: SessionClient, query: NumbersQuery): Promise<Numbers> {
  const period = {
    from_month: query.fra,
    to_month: query.til,
    ...(query.rolle ? { kind: query.rolle } : {}),
  };
  const [months, sources, completeFrom] = await Promise.all([
    client.rpc('lead_figures_by_month', period),
    client.rpc('lead_figures_by_source', period),
    client.rpc('lead_figures_complete_from'),
  ]);
  for (const answer of [months, sources, completeFrom]) if (answer.error) throw answer.error;
  return {
    months: (months.data ?? []) as MonthFigures[],
    sources: (sources.data ?? []) as SourceFigures[],
    completeFrom: (completeFrom.data as string | null) ?? null,
  };
}
