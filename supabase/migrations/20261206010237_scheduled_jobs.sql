-- scheduled_jobs
-- Written by `npm run db:migration` from supabase/schemas/ (the Supabase CLI's pg-delta
-- diff, and the schema's data rows). The live definitions are in supabase/schemas/.

SET local check_function_bodies = off;

CREATE TABLE "private"."scheduled_job_runs" (
  "job"    text                     NOT NULL,
  "run_on" date                     NOT NULL,
  "ran_at" timestamp with time zone NOT NULL DEFAULT now(),
  "result" jsonb,
  CONSTRAINT "scheduled_job_runs_job_name" CHECK ((job ~ '^[a-z][a-z0-9_]{0,62}$'::text)),
  CONSTRAINT "scheduled_job_runs_pkey" PRIMARY KEY (job, run_on)
);

ALTER TABLE "private"."scheduled_job_runs"
  ENABLE ROW LEVEL SECURITY;

CREATE OR REPLACE FUNCTION private.run_daily_job (
  job               text,
  job_function      regprocedure,
  as_of             timestamp with time zone,
  not_before        time without time zone   DEFAULT '00:00:00'::time WITHOUT time zone,
  working_days_only boolean                  DEFAULT false
)
  RETURNS jsonb
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
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
$function$;

CREATE OR REPLACE FUNCTION private.run_scheduled_jobs (
  as_of timestamp with time zone DEFAULT now()
)
  RETURNS jsonb
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
declare
  summary jsonb := '{}';
begin
  -- One run at a time: a second caller waits here and then finds each job's row for the day.
  perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('fosterportal.run_scheduled_jobs'));

  summary := summary
    || private.run_daily_job('retention', 'private.delete_ended_applications(timestamptz)', as_of);

  delete from private.scheduled_job_runs as r
    where r.run_on < (as_of at time zone 'Europe/Oslo')::date - 400;
  return summary;
end;
$function$;

CREATE OR REPLACE FUNCTION public.run_scheduled_jobs()
  RETURNS jsonb
  LANGUAGE sql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
  select private.run_scheduled_jobs(pg_catalog.now())
$function$;

REVOKE ALL ON FUNCTION "public"."run_scheduled_jobs"() FROM PUBLIC, "anon", "authenticated";

COMMENT ON COLUMN "private"."scheduled_job_runs"."job" IS 'Jobbens navn, for eksempel retention.';

COMMENT ON COLUMN "private"."scheduled_job_runs"."ran_at" IS 'Når jobben kjørte.';

COMMENT ON COLUMN "private"."scheduled_job_runs"."result" IS 'Det jobben svarte: antall, aldri personopplysninger.';

COMMENT ON COLUMN "private"."scheduled_job_runs"."run_on" IS 'Dagen (Europe/Oslo) jobben kjørte for.';

COMMENT ON FUNCTION "private"."run_daily_job"(text, regprocedure, timestamp with time zone, time without time zone, boolean) IS 'Kjører én daglig jobb høyst én gang per dag (norsk tid) og noterer det i private.scheduled_job_runs. Feiler jobben, rulles den tilbake og prøves igjen ved neste kjøring.';

COMMENT ON FUNCTION "private"."run_scheduled_jobs"(timestamp with time zone) IS 'Kjører de planlagte jobbene (i dag: slettejobben), hver høyst én gang per dag. Kalles av pg_cron og av npm run jobs.';

COMMENT ON FUNCTION "public"."run_scheduled_jobs"() IS 'For npm run jobs (service_role): kjører dagens planlagte jobber (se private.run_scheduled_jobs).';

COMMENT ON TABLE "private"."scheduled_job_runs" IS 'Planlagte jobber som har kjørt: én rad per jobb og dag (norsk tid). Bare databaseeieren har tilgang.';

REVOKE ALL ON FUNCTION "private"."run_daily_job"(text, regprocedure, timestamp WITH time zone, time WITHOUT time zone, boolean) FROM PUBLIC;

REVOKE ALL ON FUNCTION "private"."run_scheduled_jobs"(timestamp WITH time zone) FROM PUBLIC;

REVOKE ALL ON FUNCTION "public"."run_scheduled_jobs"() FROM "postgres";

GRANT EXECUTE ON FUNCTION "public"."run_scheduled_jobs"() TO "postgres";

GRANT EXECUTE ON FUNCTION "public"."run_scheduled_jobs"() TO "service_role";
