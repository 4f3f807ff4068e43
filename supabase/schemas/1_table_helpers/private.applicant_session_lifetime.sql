-- A Min søknad session ends this long after it was opened, however much it is used
-- (private.applicant_session; public.open_applicant_session tells the site). One definition, as
-- src/lib/link-lifetimes.ts's APPLICANT_SESSION_MAX (tests/db/link-lifetimes.test.ts holds the two
-- equal).
create function private.applicant_session_lifetime()
returns interval
language sql
immutable
set search_path = ''
as $$
  select interval '2 hours'
$$;

revoke all on function private.applicant_session_lifetime() from public, anon, authenticated, service_role;
