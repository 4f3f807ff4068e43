-- Adds every case in the database to the lead's numbers at once (private.case_figures, as the
-- triggers would have), and records from which month the numbers are complete
-- (private.figures_state): the month after the last case deleted by the retention job or erasure,
-- if any. For the migration that starts the counts (the counts are empty then) and for cases loaded
-- with the triggers off (the benchmark's bulk seed): run on counted cases, it counts them twice.
--
-- Who may do what: no API role may execute it; the database owner runs it.
create function private.figures_count_existing()
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  with counted as (
    select a.kind, coalesce(a.heard_about, 'ikke-oppgitt') as source, a.received_on,
      a.contact_due_on, f.*
    from public.applications as a
      left join public.application_checklists as c on c.application_id = a.id
      left join lateral (
        select pg_catalog.min(n.created_at) as first_at from public.application_notes as n
          where n.application_id = a.id and n.is_contact
      ) as n on true
      cross join lateral private.case_figures(a.received_on, a.status, a.status_changed_at,
        a.withdrawn_by_applicant, n.first_at, c.conversation_held_on, c.home_visit_held_on) as f
  ),
  figures as (
    insert into private.monthly_figures as m (month, kind, received, contacted, contacted_in_time,
        conversations, approved, declined, withdrawn_by_applicant, withdrawn_by_service)
      select x.month, x.kind, pg_catalog.count(*),
        pg_catalog.count(*) filter (where x.contacted_on is not null),
        pg_catalog.count(*) filter (where x.contacted_on <= x.contact_due_on),
        pg_catalog.count(*) filter (where x.conversation),
        pg_catalog.count(*) filter (where x.outcome = 'approved'),
        pg_catalog.count(*) filter (where x.outcome = 'declined'),
        pg_catalog.count(*) filter (where x.outcome = 'withdrawn_by_applicant'),
        pg_catalog.count(*) filter (where x.outcome = 'withdrawn_by_service')
      from counted as x group by x.month, x.kind
    on conflict on constraint monthly_figures_pkey do update set
      received = m.received + excluded.received,
      contacted = m.contacted + excluded.contacted,
      contacted_in_time = m.contacted_in_time + excluded.contacted_in_time,
      conversations = m.conversations + excluded.conversations,
      approved = m.approved + excluded.approved,
      declined = m.declined + excluded.declined,
      withdrawn_by_applicant = m.withdrawn_by_applicant + excluded.withdrawn_by_applicant,
      withdrawn_by_service = m.withdrawn_by_service + excluded.withdrawn_by_service
    returning 1
  ),
  sources as (
    insert into private.monthly_sources as s (month, kind, source, received, approved)
      select x.month, x.kind, x.source, pg_catalog.count(*),
        pg_catalog.count(*) filter (where x.outcome = 'approved')
      from counted as x group by x.month, x.kind, x.source
    on conflict on constraint monthly_sources_pkey do update set
      received = s.received + excluded.received, approved = s.approved + excluded.approved
    returning 1
  )
  insert into private.monthly_day_counts as d (month, kind, measure, days, cases)
    select x.month, x.kind, y.measure, y.days, pg_catalog.count(*)
    from counted as x
      cross join lateral (values ('contact', x.contacted_on - x.received_on),
        ('decision', x.decided_on - x.received_on)) as y (measure, days)
    where y.days is not null
    group by x.month, x.kind, y.measure, y.days
  on conflict on constraint monthly_day_counts_pkey do update set cases = d.cases + excluded.cases;

  insert into private.figures_state as s (id, complete_from)
    select true, (pg_catalog.date_trunc('month', pg_catalog.max(l.occurred_at at time zone 'Europe/Oslo'))
        + interval '1 month')::date
      from public.audit_log as l
      where l.action in ('retention', 'erasure')
        and coalesce((l.changes ->> 'deleted_applications')::integer, 0) > 0
    on conflict on constraint figures_state_pkey do update set complete_from = excluded.complete_from;
end;
$$;

revoke all on function private.figures_count_existing() from public, anon, authenticated;
