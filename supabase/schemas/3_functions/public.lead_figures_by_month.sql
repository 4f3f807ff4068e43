-- For active leads: the lead's numbers for each month of receipt from from_month to to_month (every
-- month, also those with nothing), and last the whole period (month null), for one role (kind) or
-- both (null). Counts 1–4 are null ("under 5", private.figure_shown), and so are a share or median
-- over fewer than 5 cases: nothing under 5 leaves the database, whoever calls it and whatever the
-- page does. Medians are exact: the middle value (or the mean of the two middle values) of the
-- summed day counts (private.monthly_day_counts), in calendar days.
--   contacted_in_time_percent: of the applications received, the share first contacted by their
--   contact deadline (applications.contact_due_on), rounded to a whole percent.
--
-- Who may do what: only an active lead (private.require_active_lead, 42501 for anyone else).
create function public.lead_figures_by_month(from_month date, to_month date, kind text default null)
returns table (
  month date,
  received integer,
  contacted integer,
  contacted_in_time integer,
  contacted_in_time_percent integer,
  conversations integer,
  approved integer,
  declined integer,
  withdrawn_by_applicant integer,
  withdrawn_by_service integer,
  median_days_to_contact numeric,
  median_days_to_decision numeric
)
language plpgsql
stable
security definer
set search_path = ''
as $$
#variable_conflict use_column
begin
  perform private.require_active_lead();
  perform private.check_figures_period(from_month, to_month, lead_figures_by_month.kind);
  return query
  with months as (
    select m::date as month
      from pg_catalog.generate_series(pg_catalog.date_trunc('month', from_month),
        pg_catalog.date_trunc('month', to_month), interval '1 month') as m
  ),
  raw as (
    select ms.month,
      coalesce(pg_catalog.sum(f.received), 0) as received,
      coalesce(pg_catalog.sum(f.contacted), 0) as contacted,
      coalesce(pg_catalog.sum(f.contacted_in_time), 0) as contacted_in_time,
      coalesce(pg_catalog.sum(f.conversations), 0) as conversations,
      coalesce(pg_catalog.sum(f.approved), 0) as approved,
      coalesce(pg_catalog.sum(f.declined), 0) as declined,
      coalesce(pg_catalog.sum(f.withdrawn_by_applicant), 0) as withdrawn_by_applicant,
      coalesce(pg_catalog.sum(f.withdrawn_by_service), 0) as withdrawn_by_service
    from months as ms
      left join private.monthly_figures as f
        on f.month = ms.month and (lead_figures_by_month.kind is null or f.kind = lead_figures_by_month.kind)
    group by grouping sets ((ms.month), ())
  ),
  bins as (
    select d.measure, ms.month, d.days, pg_catalog.sum(d.cases) as cases
    from months as ms
      join private.monthly_day_counts as d
        on d.month = ms.month and (lead_figures_by_month.kind is null or d.kind = lead_figures_by_month.kind)
    group by grouping sets ((d.measure, ms.month, d.days), (d.measure, d.days))
  ),
  running as (
    select b.measure, b.month, b.days,
      pg_catalog.sum(b.cases) over (partition by b.measure, b.month order by b.days)::bigint as up_to,
      pg_catalog.sum(b.cases) over (partition by b.measure, b.month)::bigint as n
    from bins as b where b.cases > 0
  ),
  medians as (
    -- The values at positions (n + 1) / 2 and n / 2 + 1 (integer division; the same position when
    -- n is odd), each the smallest day count whose running total reaches it.
    select r.measure, r.month, r.n,
      (pg_catalog.min(r.days) filter (where r.up_to >= (r.n + 1) / 2)
        + pg_catalog.min(r.days) filter (where r.up_to >= r.n / 2 + 1)) / 2.0 as median
    from running as r group by r.measure, r.month, r.n
  )
  select r.month,
    private.figure_shown(r.received),
    private.figure_shown(r.contacted),
    private.figure_shown(r.contacted_in_time),
    case when r.received >= 5 and private.figure_shown(r.contacted_in_time) is not null
      then pg_catalog.round(100.0 * r.contacted_in_time / r.received)::integer end,
    private.figure_shown(r.conversations),
    private.figure_shown(r.approved),
    private.figure_shown(r.declined),
    private.figure_shown(r.withdrawn_by_applicant),
    private.figure_shown(r.withdrawn_by_service),
    case when c.n >= 5 then pg_catalog.round(c.median, 1) end,
    case when d.n >= 5 then pg_catalog.round(d.median, 1) end
  from raw as r
    left join medians as c on c.measure = 'contact' and c.month is not distinct from r.month
    left join medians as d on d.measure = 'decision' and d.month is not distinct from r.month
  order by r.month nulls last;
end;
$$;

revoke all on function public.lead_figures_by_month(date, date, text) from public, anon, authenticated, service_role;
grant execute on function public.lead_figures_by_month(date, date, text) to authenticated;

comment on function public.lead_figures_by_month(date, date, text) is
  'For aktive ledere: tallene per mottaksmåned (og for hele perioden, month tom) for én rolle eller begge. Antall 1–4 er tomme (under 5), og det samme er andeler og medianer over færre enn 5 saker.';
