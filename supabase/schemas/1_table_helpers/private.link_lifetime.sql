-- How long a personal link (co-applicant, referee) works after it was asked for or sent again. One
-- definition, as src/lib/link-lifetimes.ts's PERSONAL_LINK (tests/db/link-lifetimes.test.ts holds
-- the two equal).
create function private.link_lifetime()
returns interval
language sql
immutable
set search_path = ''
as $$
  select interval '21 days'
$$;

revoke all on function private.link_lifetime() from public, anon, authenticated, service_role;
