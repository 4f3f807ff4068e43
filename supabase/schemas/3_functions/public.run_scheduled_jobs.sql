-- `npm run jobs`' way into private.run_scheduled_jobs: the command has only the API (PostgREST)
-- and the service-role key, as `npm run outbox:send` does, never a database password. No argument:
-- the jobs always run as of now, so nobody with the key can run retention as of a later day.
--
-- Who may do what: only service_role.
create function public.run_scheduled_jobs()
returns jsonb
language sql
security definer
set search_path = ''
as $$
  select private.run_scheduled_jobs(pg_catalog.now())
$$;

revoke all on function public.run_scheduled_jobs() from public, anon, authenticated;
grant execute on function public.run_scheduled_jobs() to service_role;

comment on function public.run_scheduled_jobs() is
  'For npm run jobs (service_role): kjører dagens planlagte jobber (se private.run_scheduled_jobs).';
