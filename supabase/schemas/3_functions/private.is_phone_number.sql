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

revoke all on function private.is_phone_number(jsonb) from public, anon, authenticated, service_role;
