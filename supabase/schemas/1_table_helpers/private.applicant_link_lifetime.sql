-- How long the applicant's sign-in link to Min søknad (link token purpose applicant) works, once.
-- One definition, as src/lib/link-lifetimes.ts's APPLICANT_LINK (tests/db/link-lifetimes.test.ts
-- holds the two equal).
create function private.applicant_link_lifetime()
returns interval
language sql
immutable
set search_path = ''
as $$
  select interval '15 minutes'
$$;

revoke all on function private.applicant_link_lifetime() from public, anon, authenticated, service_role;
