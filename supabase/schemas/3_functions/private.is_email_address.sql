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

revoke all on function private.is_email_address(jsonb) from public, anon, authenticated, service_role;
