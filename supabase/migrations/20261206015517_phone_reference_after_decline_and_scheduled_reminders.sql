-- phone_reference_after_decline_and_scheduled_reminders
-- Written by `npm run db:migration` from supabase/schemas/ (the Supabase CLI's pg-delta
-- diff, and the schema's data rows). The live definitions are in supabase/schemas/.

SET local check_function_bodies = off;

DROP FUNCTION "public"."send_link_reminders"(timestamp WITH time zone);

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
    || private.run_daily_job('retention', 'private.delete_ended_applications(timestamptz)', as_of)
    -- Reminders go out in the morning, not at midnight.
    || private.run_daily_job('link_reminders', 'private.send_link_reminders(timestamptz)', as_of, '08:00');

  delete from private.scheduled_job_runs as r
    where r.run_on < (as_of at time zone 'Europe/Oslo')::date - 400;
  return summary;
end;
$function$;

CREATE OR REPLACE FUNCTION private.send_link_reminders (
  as_of timestamp with time zone DEFAULT now()
)
  RETURNS integer
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
declare
  queued integer;
begin
  with due as (
    select r.id, r.application_id from public.referees as r
      join public.applications as a on a.id = r.application_id
      where r.status = 'asked' and r.reminded_at is null
        and r.requested_at <= as_of - interval '7 days'
        and r.expires_at > as_of
        and a.status not in ('approved', 'declined', 'withdrawn')
      for update of r skip locked
  ), reminded as (
    update public.referees as r set reminded_at = pg_catalog.now()
      from due where r.id = due.id
      returning r.id, r.application_id
  )
  insert into public.outbox_messages (application_id, template, recipient, subject_id)
    select reminded.application_id, 'referee_reminder', 'referee', reminded.id from reminded;
  get diagnostics queued = row_count;
  return queued;
end;
$function$;

CREATE OR REPLACE FUNCTION public.record_phone_reference (
  referee_id uuid,
  note       text
)
  RETURNS boolean
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
declare
  case_reference text;
  case_id uuid;
  old_status text;
begin
  perform private.require_active_coordinator();
  select a.reference into case_reference
    from public.referees as r join public.applications as a on a.id = r.application_id
    where r.id = record_phone_reference.referee_id;
  if case_reference is null then
    raise exception 'Fant ingen slik referanse.' using errcode = 'P0002';
  end if;
  case_id := private.open_case_for_links(case_reference);
  if not private.is_form_text(pg_catalog.to_jsonb(note), 1000, true) then
    raise exception 'invalid field: note' using errcode = '22023';
  end if;
  select r.status into old_status from public.referees as r where r.id = record_phone_reference.referee_id for update;
  if old_status not in ('not_asked', 'asked', 'declined') then
    return false;
  end if;
  update public.referees as r
    set status = 'by_phone', phone_note = note, recorded_by = private.active_coordinator_id(),
        answered_at = pg_catalog.now()
    where r.id = record_phone_reference.referee_id;
  perform private.log_link_change('referees', case_id, record_phone_reference.referee_id,
    pg_catalog.jsonb_build_object('status', pg_catalog.jsonb_build_object('old', old_status, 'new', 'by_phone')));
  return true;
end;
$function$;

COMMENT ON FUNCTION "private"."run_scheduled_jobs"(timestamp with time zone) IS 'Kjører de planlagte jobbene (slettejobben og påminnelsene til referansene), hver høyst én gang per dag. Kalles av pg_cron og av npm run jobs.';

COMMENT ON FUNCTION "private"."send_link_reminders"(timestamp with time zone) IS 'For den planlagte jobben (private.run_scheduled_jobs): legger en påminnelse i utboksen til hver referanse som ble spurt for minst 7 dager siden, ikke har svart og ikke er påminnet. Én påminnelse per referanse. Gir antallet.';

REVOKE ALL ON FUNCTION "private"."send_link_reminders"(timestamp WITH time zone) FROM PUBLIC;
