-- For active leads: the first month of receipt the lead's numbers are complete for, or null when
-- they are complete for every month (private.figures_state).
create function public.lead_figures_complete_from()
returns date
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  perform private.require_active_lead();
  return (select s.complete_from from private.figures_state as s where s.id);
end;
$$;

revoke all on function public.lead_figures_complete_from() from public, anon, authenticated, service_role;
grant execute on function public.lead_figures_complete_from() to authenticated;

comment on function public.lead_figures_complete_from() is
  'For aktive ledere: første mottaksmåned tallene er komplette for, eller tom når alle måneder er komplette.';
