-- A whole JSON number within [min, max], written as one (2, not 2.0: as JSON.stringify writes a
-- whole number, and as an integer column reads it; public.submit_application stores it so).
create function private.is_whole_number(value jsonb, min integer, max integer)
returns boolean
language sql
immutable
set search_path = ''
as $$
  select coalesce(
    pg_catalog.jsonb_typeof(value) = 'number'
    and (value #>> '{}') ~ '^-?[0-9]{1,9}$'
    and (value #>> '{}')::numeric between min and max,
    false)
$$;

revoke all on function private.is_whole_number(jsonb, integer, integer)
  from public, anon, authenticated, service_role;
