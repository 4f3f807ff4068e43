-- How long the link that confirms an applicant's new e-mail address (link token purpose
-- email_change) works, and so how long the change counts as pending (public.applicant_page). One
-- definition, as src/lib/link-lifetimes.ts's EMAIL_CHANGE_LINK (tests/db/link-lifetimes.test.ts
-- holds the two equal).
create function private.email_change_link_lifetime()
returns interval
language sql
immutable
set search_path = ''
as $$
  select interval '24 hours'
$$;

revoke all on function private.email_change_link_lifetime() from public, anon, authenticated, service_role;
