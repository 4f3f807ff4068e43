-- The database's clock for the site's server: the submit Action judges the certificate date by the
-- same day as submit_application does (now() in Europe/Oslo), so near midnight, or with a server
-- clock that has drifted, the two layers never disagree about "today".
--
-- Who may do what: only service_role (the site's server) may call it; it reads no table.
create function public.database_now()
returns timestamptz
language sql
stable
set search_path = ''
as $$
  select pg_catalog.now()
$$;

revoke all on function public.database_now() from public, anon, authenticated;
grant execute on function public.database_now() to service_role;

comment on function public.database_now() is
  'Databasens klokke (now()), slik at nettstedets server vurderer datoer etter samme dag som submit_application.';
