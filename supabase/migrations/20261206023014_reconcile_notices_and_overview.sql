-- reconcile_notices_and_overview
-- Written by `npm run db:migration` from supabase/schemas/ (the Supabase CLI's pg-delta
-- diff, and the schema's data rows). The live definitions are in supabase/schemas/.

SET local check_function_bodies = off;

ALTER TABLE "public"."outbox_messages"
  DROP CONSTRAINT "outbox_messages_template_known";

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
    || private.run_daily_job('link_reminders', 'private.send_link_reminders(timestamptz)', as_of, '08:00')
    -- Art. 14 notices to referees nobody has asked within 25 days, also in the morning.
    || private.run_daily_job('referee_notices', 'private.send_referee_notices(timestamptz)', as_of, '08:00')
    -- Working days only, by the screening clock's day: the job checks that itself.
    || private.run_daily_job('daily_overview', 'private.queue_daily_overviews(timestamptz)', as_of);

  delete from private.scheduled_job_runs as r
    where r.run_on < (as_of at time zone 'Europe/Oslo')::date - 400;
  return summary;
end;
$function$;

CREATE OR REPLACE FUNCTION public.claim_outbox_messages (
  batch         integer DEFAULT 10,
  lease_seconds integer DEFAULT 300,
  max_attempts  integer DEFAULT 10
)
  RETURNS TABLE (
    id              uuid,
    template        text,
    recipient       text,
    to_address      text,
    reference       text,
    kind            text,
    received_at     timestamp with time zone,
    attempts        integer,
    idempotency_key text,
    link_token      text,
    applicant_name  text,
    recipient_name  text,
    overview_on     date,
    overview_counts jsonb
  )
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
#variable_conflict use_column
begin
  if batch is null or batch not between 1 and 100 then
    raise exception 'batch must be between 1 and 100' using errcode = '22023';
  end if;
  if lease_seconds is null or lease_seconds not between 1 and 3600 then
    raise exception 'lease_seconds must be between 1 and 3600' using errcode = '22023';
  end if;
  if max_attempts is null or max_attempts not between 1 and 100 then
    raise exception 'max_attempts must be between 1 and 100' using errcode = '22023';
  end if;

  -- A sender that stopped mid-send after the last allowed try: give up on the message.
  update public.outbox_messages as m
    set status = 'failed', locked_until = null,
        last_error = 'avsenderen stoppet underveis; ga opp etter ' || m.attempts || ' forsøk'
    where m.id in (
      select s.id from public.outbox_messages as s
        where s.status = 'sending' and s.locked_until < pg_catalog.now()
          and s.attempts >= max_attempts
        for update skip locked);

  return query
  with due as (
    select s.id
      from public.outbox_messages as s
      where (s.status = 'pending' and s.next_attempt_at <= pg_catalog.now())
         or (s.status = 'sending' and s.locked_until < pg_catalog.now())
      order by s.next_attempt_at, s.id
      limit batch
      for update skip locked
  ), claimed as (
    update public.outbox_messages as m
      set status = 'sending',
          attempts = m.attempts + 1,
          locked_until = pg_catalog.now() + pg_catalog.make_interval(secs => lease_seconds)
      from due
      where m.id = due.id
      returning m.id, m.application_id, m.template, m.recipient, m.attempts, m.idempotency_key,
        m.next_attempt_at, m.subject_id, m.overview_on, m.overview_counts
  )
  select c.id, c.template, c.recipient,
         case c.recipient
           when 'applicant' then a.email
           when 'co_applicant' then a.partner_email
           when 'referee' then r.email
           when 'coordinator' then (
             select u.email from auth.users as u
               join public.coordinators as co on co.user_id = u.id and co.active
               where u.id = c.subject_id) end,
         a.reference, a.kind, a.received_at, c.attempts, c.idempotency_key,
         case when c.recipient in ('co_applicant', 'referee') and c.template <> 'referee_notice'
           then private.issue_link_token(c.application_id, c.recipient, c.subject_id) end,
         case when c.recipient in ('co_applicant', 'referee') then a.full_name end,
         case c.recipient when 'co_applicant' then a.partner_name when 'referee' then r.full_name end,
         c.overview_on, c.overview_counts
    from claimed as c
    left join public.applications as a on a.id = c.application_id
    left join public.referees as r on c.recipient = 'referee' and r.id = c.subject_id
    order by c.next_attempt_at, c.id;
end;
$function$;

ALTER TABLE "public"."outbox_messages"
  ADD CONSTRAINT "outbox_messages_template_known"
    CHECK
    ((template = ANY (ARRAY['receipt'::text, 'coordinator_notice'::text, 'co_applicant_request'::text, 'referee_request'::text, 'referee_reminder'::text, 'referee_notice'::text,
    'daily_overview'::text])));

COMMENT ON COLUMN "public"."outbox_messages"."template" IS 'Hvilken e-post: receipt = kvittering til søkeren, coordinator_notice = varsel til koordinatorene, co_applicant_request = lenke til medsøkeren, referee_request = forespørsel til en referanse, referee_reminder = påminnelse til en referanse, referee_notice = varsel til en referanse som ikke er spurt (uten lenke), daily_overview = daglig oversikt til en koordinator.';

COMMENT ON FUNCTION "private"."run_scheduled_jobs"(timestamp with time zone) IS 'Kjører de planlagte jobbene (slettejobben, påminnelsene og varslene til referansene, den daglige oversikten), hver høyst én gang per dag. Kalles av pg_cron og av npm run jobs.';
