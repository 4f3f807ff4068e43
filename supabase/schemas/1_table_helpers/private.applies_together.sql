-- Two apply together (the applicant and a spouse, cohabitant or registered partner, to become a
-- visit home) when the answer to "alone or together?" is `sammen`: the one definition in SQL. The
-- applications table stores it as the generated column applies_together, which the queue and the
-- workspace read; private.submission_problem calls it on the submitted answer, and
-- private.case_needs on the row's answer (a BEFORE trigger sees the generated column as null). (src/lib/forms/household.ts is the same definition for the forms.)
create function private.applies_together(applying_with text)
returns boolean
language sql
immutable
set search_path = ''
as $$
  select coalesce(applying_with = 'sammen', false)
$$;

-- A generated column is computed with the writer's privileges, also when a coordinator updates a
-- case's status: they must be able to execute it. It reveals nothing.
revoke all on function private.applies_together(text) from public, anon, service_role;
grant execute on function private.applies_together(text) to authenticated;
