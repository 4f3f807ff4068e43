-- A Norwegian phone number as the form stores it: eight digits. The applicant's and the partner's
-- are the same check.
create function private.is_phone_number(value jsonb)
returns boolean
language sql
immutable
set search_path = ''
as $$
  select coalesce(pg_catalog.jsonb_typeof(value) = 'string' and (value #>> '{}') ~ '^[0-9]{8}$', false)
$$;

-- private.submission_problem checks a submission with it, and the applications table's constraints
-- check the stored columns with it (as `to_jsonb(column)`), so the two hold one rule. A check
-- constraint runs with the writer's privileges: coordinators, who update applications, must be
-- able to execute it. It reveals nothing.
revoke all on function private.is_phone_number(jsonb) from public, anon, service_role;
grant execute on function private.is_phone_number(jsonb) to authenticated;
