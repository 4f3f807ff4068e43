-- The scheduled jobs' record: one row per daily job and day (Europe/Oslo) it has run, written in
-- the same transaction as the job's work by private.run_daily_job. The primary key is what makes a
-- daily job run once a day however many schedulers call private.run_scheduled_jobs (pg_cron,
-- `npm run jobs` from a host's cron, both at once): a second claim of the same job and day waits
-- for the first transaction and then finds the row. A job that fails leaves no row (its claim is
-- rolled back with it), so the next run tries again. The result holds what the job returned:
-- counts, never personal data. Rows older than 400 days are removed by run_scheduled_jobs.
--
-- Who may do what: nobody but the database owner reads or writes it; no API role has a grant.

create table private.scheduled_job_runs (
  job text not null constraint scheduled_job_runs_job_name check (job ~ '^[a-z][a-z0-9_]{0,62}$'),
  run_on date not null,
  ran_at timestamptz not null default pg_catalog.now(),
  result jsonb,
  primary key (job, run_on)
);

alter table private.scheduled_job_runs enable row level security;
revoke all on table private.scheduled_job_runs from public, anon, authenticated, service_role;

comment on table private.scheduled_job_runs is
  'Planlagte jobber som har kjørt: én rad per jobb og dag (norsk tid). Bare databaseeieren har tilgang.';
comment on column private.scheduled_job_runs.job is 'Jobbens navn, for eksempel retention.';
comment on column private.scheduled_job_runs.run_on is 'Dagen (Europe/Oslo) jobben kjørte for.';
comment on column private.scheduled_job_runs.ran_at is 'Når jobben kjørte.';
comment on column private.scheduled_job_runs.result is 'Det jobben svarte: antall, aldri personopplysninger.';
