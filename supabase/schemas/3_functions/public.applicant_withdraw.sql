-- "Min søknad" (issue 25): the applicant withdraws an open case of their own, after the page's
-- confirmation. The case becomes withdrawn through the workflow trigger's applicant path
-- (private.applications_before_update), marked withdrawn_by_applicant ("trukket av søkeren" in the
-- history and the lead's numbers), with the audit actor applicant and no coordinator; no status
-- e-mail is queued (the page confirms). Answers {"state": "withdrawn"}, {"state": "signed_out"},
-- {"state": "not_found"} or {"state": "closed"} (already ended).
--
-- Who may do what: only service_role (the site's server), and then only with a live session.
create function public.applicant_withdraw(session text, reference text)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  address constant text := private.applicant_session(session);
  application public.applications;
begin
  if address is null then
    return '{"state": "signed_out"}'::jsonb;
  end if;
  application := private.applicant_case(address, reference);
  if application.id is null then
    return '{"state": "not_found"}'::jsonb;
  end if;
  if application.status in ('approved', 'declined', 'withdrawn') then
    return '{"state": "closed"}'::jsonb;
  end if;
  perform private.act_as_applicant();
  update public.applications as a set status = 'withdrawn', withdrawn_by_applicant = true
    where a.id = application.id;
  return '{"state": "withdrawn"}'::jsonb;
end;
$$;

revoke all on function public.applicant_withdraw(text, text) from public, anon, authenticated, service_role;
grant execute on function public.applicant_withdraw(text, text) to service_role;

comment on function public.applicant_withdraw(text, text) is
  'For nettstedet (service_role), med en levende økt på Min søknad: søkeren trekker en åpen søknad. Saken blir «trukket av søkeren», logget med søkeren som aktør.';
