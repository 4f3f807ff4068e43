-- True when no element of the list occurs twice: applications_requirements_confirmed uses it, since
-- a check constraint cannot hold a subquery.
create function private.elements_distinct(list text[])
returns boolean
language sql
immutable
set search_path = ''
as $$
  select pg_catalog.count(distinct e) = pg_catalog.cardinality(list) from pg_catalog.unnest(list) as e
$$;
-- A check constraint runs with the writer's privileges: whoever may write applications (the
-- coordinators, and the owner's functions) must be able to execute it. It reveals nothing.
revoke all on function private.elements_distinct(text[]) from public, anon, service_role;
grant execute on function private.elements_distinct(text[]) to authenticated;
