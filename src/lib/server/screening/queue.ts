/**
 * The screening queue: public.screening_queue read through PostgREST with the coordinator's own
 * token, so RLS decides what they see. Views (new, mine, all open, urgent) with their counts, a
 * search by reference or name, 50 rows a page, in the view's own order (urgency, then oldest);
 * and the ended cases not yet journalført (public.journal_queue), oldest decision first.
 */
import type { Database } from '../../database.types.ts';
import { QUEUE_PAGE_SIZE, type QueueView } from '../../coordinator/workspace.ts';
import type { SessionClient } from '../auth/session.ts';

export type QueueRow = Database['public']['Views']['screening_queue']['Row'];
export type JournalQueueRow = Database['public']['Views']['journal_queue']['Row'];

/**
 * Outside its own view, the count of ended cases not yet journalført stops here and shows as "over
 * 99" (public.screening_queue_counts counts them up to this + 1): an exact count walks every such
 * case, on every queue page (with 100,000 cases it tripled the queue page's time in `npm run
 * bench`). Its own view counts them all, for the pagination.
 */
export const ENDED_COUNT_CAP = 99;

export interface QueuePage {
  counts: Record<QueueView, number>;
  /** The ended count is only known to be over ENDED_COUNT_CAP (outside its own view). */
  endedOverCap: boolean;
  /** The open cases of the view (empty in the ended view). */
  rows: QueueRow[];
  /** The ended cases not yet journalført (only in that view). */
  ended: JournalQueueRow[];
  /** Rows in this view (after the search), for the pagination. */
  total: number;
  page: number;
  pages: number;
}

// A query builder on the queue, whatever its select.
type Filterable<T> = {
  eq(column: string, value: string): T;
  in(column: string, values: readonly (string | number)[]): T;
  or(filter: string): T;
};

/** Narrows a query on the queue to a view. */
export function inView<T extends Filterable<T>>(query: T, view: QueueView, me: string): T {
  if (view === 'nye') return query.eq('status', 'received');
  if (view === 'mine') return query.eq('assigned_to', me);
  if (view === 'haster') return query.in('urgency', [2, 1]);
  return query;
}

/**
 * The search as a PostgREST filter: reference or name contains the text. Characters that mean
 * something in PostgREST's filter syntax or in LIKE are dropped, so a search cannot widen itself.
 */
export function searchFilter(search: string): string | undefined {
  const text = search
    .replace(/[,()*%_\\:."'{}]/g, ' ')
    .trim()
    .replace(/\s+/g, ' ');
  if (!text) return undefined;
  return `reference.ilike.*${text}*,full_name.ilike.*${text}*`;
}

/** One page of a view, with every view's count. Throws the database's error. */
export async function loadQueue(
  client: SessionClient,
  me: string,
  view: QueueView,
  search: string,
  page: number,
): Promise<QueuePage> {
  const filter = searchFilter(search);
  const ended = view === 'ikke-journalfort';
  // The total for the pagination: the view's count, unless a search narrows it.
  let rowsQuery = inView(
    client.from('screening_queue').select('*', filter ? { count: 'exact' } : {}),
    view,
    me,
  );
  if (filter) rowsQuery = rowsQuery.or(filter);
  let endedQuery = client.from('journal_queue').select('*', { count: 'exact' });
  if (filter) endedQuery = endedQuery.or(filter);
  const from = (Math.max(1, page) - 1) * QUEUE_PAGE_SIZE;
  const to = from + QUEUE_PAGE_SIZE - 1;
  const none = { data: null, error: null, count: 0 };
  const [rowsResult, endedResult, countsResult] = await Promise.all([
    ended
      ? none
      : rowsQuery
          .order('urgency', { ascending: false })
          .order('received_at', { ascending: true })
          .range(from, to),
    ended
      ? endedQuery
          .order('ended_at', { ascending: true })
          .order('received_at', { ascending: true })
          .range(from, to)
      : none,
    client.rpc('screening_queue_counts', { ended_cap: ENDED_COUNT_CAP }).single(),
  ]);
  // A page past the end answers 416 with PGRST103; show it as empty rather than failing.
  for (const result of [rowsResult, endedResult])
    if (result.error && result.error.code !== 'PGRST103') throw result.error;
  if (countsResult.error) throw countsResult.error;
  const c = countsResult.data;
  // In its own view, unsearched, the ended cases are counted exactly (for the pagination).
  const endedExact = ended && !filter;
  const counts: Record<QueueView, number> = {
    nye: Number(c.new_count),
    mine: Number(c.mine_count),
    alle: Number(c.open_count),
    haster: Number(c.urgent_count),
    'ikke-journalfort': endedExact ? (endedResult.count ?? 0) : Number(c.ended_count),
  };
  const found = ended ? endedResult : rowsResult;
  const total = filter ? (found.count ?? 0) : counts[view];
  return {
    counts,
    endedOverCap: !endedExact && counts['ikke-journalfort'] > ENDED_COUNT_CAP,
    rows: rowsResult.error ? [] : (rowsResult.data ?? []),
    ended: endedResult.error ? [] : (endedResult.data ?? []),
    total,
    page,
    pages: Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE)),
  };
}
