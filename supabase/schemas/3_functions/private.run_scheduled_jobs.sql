-- Scheduled work in one place: every job the portal runs on a timetable, called by pg_cron on a
-- hosted project (README, "Deploying") and by `npm run jobs` (src/cli/jobs.ts, through
-- public.run_scheduled_jobs) from a host's cron or by hand on the local stack. Call it as often as
-- you like (every 15 minutes is the schedule the README gives): each daily job runs once a day
-- (private.run_daily_job), at or after its time, however many callers there are, also at once.
-- Returns {job: what it did}, no personal data.
--
-- Adding a job is one line below: its name, its function (taking the run's timestamptz) and,
-- optionally, the time of day (Oslo) from which it runs and whether only on working days.
--
-- Who may do what: no API role may execute it; public.run_scheduled_jobs is the service role's way.
create function private.run_scheduled_jobs(as_of timestamptz default pg_catalog.now())
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  summary jsonb := '{}';
begin
  -- One run at a time: a second caller waits here and then finds each job's row for the day.
  perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('fosterportal.run_scheduled_jobs'));

  summary := summary
    || private.run_daily_job('retention', 'private.delete_ended_applications(timestamptz)', as_of)
    -- Reminders go out in the morning, not at midnight.
    || private.run_daily_job('link_reminders', 'private.send_link_reminders(timestamptz)', as_of, '08:00')
    -- Art. 14 notices to referees nobody has asked within 25 days, also in the morning.
    || private.run_daily_job('referee_notices', 'private.send_referee_notices(timestamptz)', as_of, '08:00')
    -- Working days only, by the screening clock's day: the job checks that itself.
    || private.run_daily_job('daily_overview', 'private.queue_daily_overviews(timestamptz)', as_of);

  delete from private.scheduled_job_runs as r
    where r.run_on < (as_of at time zone 'Europe/Oslo')::date - 400;
  return summary;
end;
$$;

revoke all on function private.run_scheduled_jobs(timestamptz)
  from public, anon, authenticated, service_role;

comment on function private.run_scheduled_jobs(timestamptz) is
  'Kjører de planlagte jobbene (slettejobben, påminnelsene og varslene til referansene, den daglige oversikten), hver høyst én gang per dag. Kalles av pg_cron og av npm run jobs.';
