-- A whole JSON number within [min, max].
create function private.is_whole_number(value jsonb, min integer, max integer)
returns boolean
language sql
immutable
set search_path = ''
as $$
  select coalesce(
    pg_catalog.jsonb_typeof(value) = 'number'
    and (value #>> '{}')::numeric = pg_catalog.trunc((value #>> '{}')::numeric)
    and (value #>> '{}')::numeric between min and max,
    false)
$$;

revoke all on function private.is_whole_number(jsonb, integer, integer)
  from public, anon, authenticated, service_role;
