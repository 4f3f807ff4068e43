-- How many applications one e-mail address may receive receipts for in 24 hours
-- (public.submit_application), so that the submission cannot be used to mail an address over and
-- over, however many site processes call it. An address counts under private.address_key (case
-- and `+tag` ignored), so `mor+1@…` and `mor+2@…` share one count.
create function private.applications_per_address_per_day()
returns integer
language sql
immutable
set search_path = ''
as $$ select 3 $$;

revoke all on function private.applications_per_address_per_day()
  from public, anon, authenticated, service_role;
