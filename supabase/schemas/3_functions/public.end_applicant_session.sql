-- "Logg ut" on Min søknad (issue 25): ends the session (ended_at), so its token opens nothing more.
-- Answers {"state": "signed_out"} whether or not the session was live.
--
-- Who may do what: only service_role (the site's server).
create function public.end_applicant_session(session text)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  update private.applicant_sessions as s set ended_at = pg_catalog.now()
    where s.token_hash = private.link_token_hash(session) and s.ended_at is null;
  return '{"state": "signed_out"}'::jsonb;
end;
$$;

revoke all on function public.end_applicant_session(text) from public, anon, authenticated, service_role;
grant execute on function public.end_applicant_session(text) to service_role;

comment on function public.end_applicant_session(text) is
  'For nettstedet (service_role): «Logg ut» på Min søknad; økten kan ikke brukes mer.';
