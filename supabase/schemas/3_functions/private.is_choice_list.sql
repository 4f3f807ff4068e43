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

revoke all on function private.is_choice_list(jsonb, text[], integer)
  from public, anon, authenticated, service_role;
