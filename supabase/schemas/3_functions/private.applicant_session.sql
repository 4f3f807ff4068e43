-- Whose session of Min søknad (issue 25) a token is: the lower-case e-mail address of the
-- application it was opened for, or null for text that is no token, an unknown session, one ended
-- by "Logg ut", one unused for private.applicant_session_idle_limit(), or one opened longer ago
-- than private.applicant_session_lifetime(). A live session's
-- last use is moved to now, so every read and change keeps it alive. Every function of the page
-- asks this first; what the holder sees is decided here and by the functions, never by the site.
create function private.applicant_session(session text)
returns text
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  address text;
begin
  update private.applicant_sessions as s set last_seen_at = pg_catalog.now()
    from public.applications as a
    where s.token_hash = private.link_token_hash(session)
      and a.id = s.application_id
      and s.ended_at is null
      and s.last_seen_at > pg_catalog.now() - private.applicant_session_idle_limit()
      and s.created_at > pg_catalog.now() - private.applicant_session_lifetime()
    returning pg_catalog.lower(a.email) into address;
  return address;
end;
$$;

revoke all on function private.applicant_session(text) from public, anon, authenticated, service_role;
