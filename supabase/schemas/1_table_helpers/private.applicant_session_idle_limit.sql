-- A Min søknad session unused this long has ended (private.applicant_session). One definition, as
-- src/lib/link-lifetimes.ts's APPLICANT_SESSION_IDLE (tests/db/link-lifetimes.test.ts holds the two
-- equal).
create function private.applicant_session_idle_limit()
returns interval
language sql
immutable
set search_path = ''
as $$
  select interval '30 minutes'
$$;

revoke all on function private.applicant_session_idle_limit() from public, anon, authenticated, service_role;
