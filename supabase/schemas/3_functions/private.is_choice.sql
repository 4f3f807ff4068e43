-- A JSON string from `options` (private.submission_problem's check of a single choice).
create function private.is_choice(value jsonb, options text[])
returns boolean
language sql
immutable
set search_path = ''
as $$
  select coalesce(pg_catalog.jsonb_typeof(value) = 'string' and (value #>> '{}') = any (options), false)
$$;

revoke all on function private.is_choice(jsonb, text[]) from public, anon, authenticated, service_role;
