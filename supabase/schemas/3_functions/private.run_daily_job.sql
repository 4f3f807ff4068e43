-- Runs one daily job at most once per day (Europe/Oslo), for private.run_scheduled_jobs: claims
-- the (job, day) row in private.scheduled_job_runs, calls `job_function(as_of)` and stores what it
-- returned. Returns {job: result}, {job: 'already_ran'} when the day's row exists (another run,
-- maybe a concurrent one that has since committed), {job: 'not_yet'} before `not_before` (Oslo
-- time) or on a day off when `working_days_only`, or {job: {'error': SQLSTATE}} when it failed. A failure
-- undoes the job's work and its claim (the block's savepoint), so the next run retries; the other
-- jobs go on. Only the SQLSTATE is kept: a message may quote a value.
--
-- `job_function` takes one timestamptz (the moment the run is for) and returns anything to_jsonb
-- takes. It is a regprocedure, so a misspelt job fails when the schedule is written, not at night.
--
-- Who may do what: no API role may execute it; run_scheduled_jobs runs it as the owner.
create function private.run_daily_job(
  job text,
  job_function regprocedure,
  as_of timestamptz,
  not_before time default '00:00',
  working_days_only boolean default false
)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  oslo constant timestamp := as_of at time zone 'Europe/Oslo';
  claimed boolean;
  job_result jsonb;
begin
  if oslo::time < not_before or (working_days_only and not private.is_working_day(oslo::date)) then
    return pg_catalog.jsonb_build_object(job, 'not_yet');
  end if;
  begin
    insert into private.scheduled_job_runs (job, run_on, ran_at)
      values (job, oslo::date, as_of)
      on conflict do nothing;
    get diagnostics claimed = row_count;
    if not claimed then
      return pg_catalog.jsonb_build_object(job, 'already_ran');
    end if;
    execute pg_catalog.format('select pg_catalog.to_jsonb(%s($1))', job_function::regproc)
      into job_result using as_of;
    update private.scheduled_job_runs as r set result = job_result
      where r.job = run_daily_job.job and r.run_on = oslo::date;
    return pg_catalog.jsonb_build_object(job, job_result);
  exception when others then
    return pg_catalog.jsonb_build_object(job, pg_catalog.jsonb_build_object('error', sqlstate));
  end;
end;
$$;

revoke all on function private.run_daily_job(text, regprocedure, timestamptz, time, boolean)
  from public, anon, authenticated, service_role;

comment on function private.run_daily_job(text, regprocedure, timestamptz, time, boolean) is
  'Kjører én daglig jobb høyst én gang per dag (norsk tid) og noterer det i private.scheduled_job_runs. Feiler jobben, rulles den tilbake og prøves igjen ved neste kjøring.';
