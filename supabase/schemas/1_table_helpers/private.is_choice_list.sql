-- A JSON array of distinct strings from `options`, with at least `min` of them
-- (private.submission_problem's check of a multiple choice).
create function private.is_choice_list(value jsonb, options text[], min integer default 0)
returns boolean
language sql
immutable
set search_path = ''
as $$
  select coalesce(
    pg_catalog.jsonb_typeof(value) = 'array'
    and pg_catalog.jsonb_array_length(value) >= min
    and (select pg_catalog.bool_and(pg_catalog.jsonb_typeof(e) = 'string' and (e #>> '{}') = any (options))
           and pg_catalog.count(distinct e) = pg_catalog.count(*)
           from pg_catalog.jsonb_array_elements(value) as e) is not false,
    false)
$$;

-- private.submission_problem checks a submission with it, and the applications table's constraints
-- check the stored columns with it (as `to_jsonb(column)`), so the two hold one rule. A check
-- constraint runs with the writer's privileges: coordinators, who update applications, must be
-- able to execute it. It reveals nothing.
revoke all on function private.is_choice_list(jsonb, text[], integer) from public, anon, service_role;
grant execute on function private.is_choice_list(jsonb, text[], integer) to authenticated;
