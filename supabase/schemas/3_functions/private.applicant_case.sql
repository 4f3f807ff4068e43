-- The application a Min søknad change is about (issue 25): the one with `reference` among the
-- session's own (the same lower-case address), locked for the change; null for a reference that is
-- unknown or someone else's, so both are answered alike.
create function private.applicant_case(address text, reference text)
returns public.applications
language sql
volatile
security definer
set search_path = ''
as $$
  select a.* from public.applications as a
    where a.reference = applicant_case.reference and pg_catalog.lower(a.email) = applicant_case.address
    for update
$$;

revoke all on function private.applicant_case(text, text) from public, anon, authenticated, service_role;
