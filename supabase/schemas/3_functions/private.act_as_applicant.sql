-- Marks the rest of the transaction as the applicant's own doing on Min søknad (issue 25): the audit
-- trigger then logs actor_role 'applicant' (private.audit_row), and the workflow trigger lets the
-- applicant withdraw (private.applications_before_update). Only the page's SECURITY DEFINER
-- functions call it, after checking the session; no API role can set the setting itself.
create function private.act_as_applicant()
returns void
language sql
volatile
set search_path = ''
as $$
  select pg_catalog.set_config('screening.actor_role', 'applicant', true)
$$;

revoke all on function private.act_as_applicant() from public, anon, authenticated, service_role;
