-- "Min søknad" (issue 25): the applicant asks for their application to be erased (GDPR art. 17).
-- Sets applications.erasure_requested_at once (a repeat keeps the first time); the lead sees it on
-- the case and in the screening queue, and decides with public.erase_application as before.
-- Answers {"state": "requested", "erasure_requested_at": "…"}, {"state": "signed_out"} or
-- {"state": "not_found"}. Allowed for ended cases too. Audit actor applicant.
--
-- Who may do what: only service_role (the site's server), and then only with a live session.
create function public.applicant_request_erasure(session text, reference text)
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
  if application.erasure_requested_at is null then
    perform private.act_as_applicant();
    update public.applications as a set erasure_requested_at = pg_catalog.now()
      where a.id = application.id
      returning a.erasure_requested_at into application.erasure_requested_at;
  end if;
  return pg_catalog.jsonb_build_object('state', 'requested',
    'erasure_requested_at', application.erasure_requested_at);
end;
$$;

revoke all on function public.applicant_request_erasure(text, text) from public, anon, authenticated, service_role;
grant execute on function public.applicant_request_erasure(text, text) to service_role;

comment on function public.applicant_request_erasure(text, text) is
  'For nettstedet (service_role), med en levende økt på Min søknad: søkeren ber om sletting. Lederen ser kravet på saken og i køen og avgjør som før.';
