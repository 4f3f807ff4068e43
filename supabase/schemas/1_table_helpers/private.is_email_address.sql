-- An e-mail address as the form's zod schema accepts it (zod's e-mail pattern, at most 254
-- characters): the applicant's and the partner's are the same check.
create function private.is_email_address(value jsonb)
returns boolean
language sql
immutable
set search_path = ''
as $$
  select coalesce(pg_catalog.jsonb_typeof(value) = 'string'
    and pg_catalog.char_length(value #>> '{}') <= 254
    and (value #>> '{}') ~ '^(?:[A-Za-z0-9_''+\-]+\.)*[A-Za-z0-9_''+\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,}$',
    false)
$$;

-- private.submission_problem checks a submission with it, and the applications table's constraints
-- check the stored columns with it (as `to_jsonb(column)`), so the two hold one rule. A check
-- constraint runs with the writer's privileges: coordinators, who update applications, must be
-- able to execute it. It reveals nothing.
revoke all on function private.is_email_address(jsonb) from public, anon, service_role;
grant execute on function private.is_email_address(jsonb) to authenticated;
