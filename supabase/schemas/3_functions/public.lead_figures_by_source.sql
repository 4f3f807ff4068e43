-- For active leads: where the applicants received from from_month to to_month heard of the service
-- (the form's heard_about, 'ikke-oppgitt' when left out), for one role (kind) or both (null), with
-- how many of them were approved; one row per answer in the form's order, also those with none.
-- Counts 1–4 are null ("under 5", private.figure_shown).
--
-- Who may do what: only an active lead (private.require_active_lead, 42501 for anyone else).
create function public.lead_figures_by_source(from_month date, to_month date, kind text default null)
returns table (source text, received integer, approved integer)
language plpgsql
stable
security definer
set search_path = ''
as $$
#variable_conflict use_column
begin
  perform private.require_active_lead();
  perform private.check_figures_period(from_month, to_month, lead_figures_by_source.kind);
  return query
  select o.source,
    private.figure_shown(coalesce(pg_catalog.sum(s.received), 0)),
    private.figure_shown(coalesce(pg_catalog.sum(s.approved), 0))
  from pg_catalog.unnest(array['nettside', 'sosiale-medier', 'bekjent', 'annonse', 'informasjonsmote',
      'annet', 'ikke-oppgitt']) with ordinality as o (source, position)
    left join private.monthly_sources as s
      on s.source = o.source
      and s.month between pg_catalog.date_trunc('month', from_month) and to_month
      and (lead_figures_by_source.kind is null or s.kind = lead_figures_by_source.kind)
  group by o.source, o.position
  order by o.position;
end;
$$;

revoke all on function public.lead_figures_by_source(date, date, text) from public, anon, authenticated, service_role;
grant execute on function public.lead_figures_by_source(date, date, text) to authenticated;

comment on function public.lead_figures_by_source(date, date, text) is
  'For aktive ledere: hvor søkerne i perioden hørte om tjenesten, og hvor mange av dem som ble godkjent. Antall 1–4 er tomme (under 5).';
