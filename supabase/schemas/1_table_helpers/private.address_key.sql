-- The one key an e-mail address counts under, wherever the portal counts per address (the
-- sign-in limits in public.sign_in_attempt, the receipts per address in
-- public.submit_application): lower case, and a `+tag` in the local part removed, so `mor+1@x.no`
-- and `MOR+2@X.NO` are the same mailbox as `mor@x.no` and one count.
create function private.address_key(email text)
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  select pg_catalog.regexp_replace(pg_catalog.lower(email), '^([^@+]+)\+[^@]*@', '\1@')
$$;

-- The applications table indexes submissions by it; an index expression runs with the writer's
-- privileges, and coordinators update applications, so `authenticated` may execute it. It reveals
-- nothing.
revoke all on function private.address_key(text) from public, anon, service_role;
grant execute on function private.address_key(text) to authenticated;
