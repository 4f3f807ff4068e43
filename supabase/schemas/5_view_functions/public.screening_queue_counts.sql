-- The screening queue's four view counts (new, mine, all open, urgent) in one query, for the
-- workspace's queue page: one pass over the queue instead of four separate counts, each of which
-- computes the view's flags for every open case again.
--
-- Who may do what: signed-in users may call it; it runs with the caller's privileges
-- (SECURITY INVOKER), so the queue's policies decide: an active coordinator gets the counts,
-- anyone else the same 42501 the queue answers. Anon may not call it.
create function public.screening_queue_counts()
returns table (new_count bigint, mine_count bigint, open_count bigint, urgent_count bigint)
language sql
stable
security invoker
set search_path = ''
as $$
  select
    count(*) filter (where q.status = 'received'),
    count(*) filter (where q.assigned_to = (select auth.uid())),
    count(*),
    count(*) filter (where q.urgency in (1, 2))
  from public.screening_queue as q
$$;

revoke all on function public.screening_queue_counts() from public, anon, authenticated;
grant execute on function public.screening_queue_counts() to authenticated;

comment on function public.screening_queue_counts() is
  'Antall saker i køens fire visninger: nye (mottatt), mine (tildelt den innloggede), alle åpne og haster (urgency 1 og 2). Gjelder bare for aktive koordinatorer.';
