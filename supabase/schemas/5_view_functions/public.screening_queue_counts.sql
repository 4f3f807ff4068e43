-- The screening queue's view counts in one query, for the workspace's queue page: new, mine, all
-- open and urgent in one pass over the queue (instead of four counts, each computing the view's
-- flags for every open case again), and the ended cases not yet journalført (public.journal_queue)
-- counted only up to `ended_cap` + 1, so the page can say "over `ended_cap`" without walking every
-- such case on every page (the page's own cap: ENDED_COUNT_CAP in src/lib/server/screening/queue.ts).
--
-- Who may do what: signed-in users may call it; it runs with the caller's privileges
-- (SECURITY INVOKER), so the queue's policies decide: an active coordinator gets the counts,
-- anyone else the same 42501 the queue answers. Anon may not call it.
create function public.screening_queue_counts(ended_cap integer)
returns table (
  new_count bigint,
  mine_count bigint,
  open_count bigint,
  urgent_count bigint,
  ended_count bigint
)
language sql
stable
security invoker
set search_path = ''
as $$
  select
    count(*) filter (where q.status = 'received'),
    count(*) filter (where q.assigned_to = (select auth.uid())),
    count(*),
    count(*) filter (where q.urgency in (1, 2)),
    (select count(*) from (select from public.journal_queue
       limit greatest(coalesce(ended_cap, 0), 0) + 1) as e)
  from public.screening_queue as q
$$;

revoke all on function public.screening_queue_counts(integer) from public, anon, authenticated;
grant execute on function public.screening_queue_counts(integer) to authenticated;

comment on function public.screening_queue_counts(integer) is
  'Antall saker i køens visninger: nye (mottatt), mine (tildelt den innloggede), alle åpne, haster (urgency 1 og 2), og avsluttede saker som ikke er journalført, talt opp til ended_cap + 1. Gjelder bare for aktive koordinatorer.';
