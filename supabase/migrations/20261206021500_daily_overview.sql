-- daily_overview
-- Written by `npm run db:migration` from supabase/schemas/ (the Supabase CLI's pg-delta
-- diff, and the schema's data rows). The live definitions are in supabase/schemas/.

SET local check_function_bodies = off;

ALTER TABLE "public"."outbox_messages"
  DROP CONSTRAINT "outbox_messages_recipient_known";

ALTER TABLE "public"."outbox_messages"
  DROP CONSTRAINT "outbox_messages_recipient_matches_template";

ALTER TABLE "public"."outbox_messages"
  DROP CONSTRAINT "outbox_messages_template_known";

DROP FUNCTION "public"."claim_outbox_messages"(integer, integer, integer);

CREATE TABLE "public"."coordinator_settings" (
  "user_id"        uuid    NOT NULL,
  "daily_overview" boolean NOT NULL DEFAULT true,
  CONSTRAINT "coordinator_settings_pkey" PRIMARY KEY (user_id)
);

ALTER TABLE "public"."coordinator_settings"
  ENABLE ROW LEVEL SECURITY;

REVOKE ALL ON TABLE "public"."coordinator_settings" FROM "anon", "service_role";

ALTER TABLE "public"."outbox_messages"
  ADD COLUMN "overview_on" date;

ALTER TABLE "public"."outbox_messages"
  ADD COLUMN "overview_counts" jsonb;

ALTER TABLE "public"."outbox_messages"
  ALTER COLUMN "application_id" DROP NOT NULL;

CREATE OR REPLACE FUNCTION private.daily_overview_counts (
  day date
)
  RETURNS TABLE (
    coordinator_id        uuid,
    is_lead               boolean,
    new_unassigned        bigint,
    contact_due_today     bigint,
    contact_overdue       bigint,
    certificates_expiring bigint,
    referees_waiting      bigint,
    co_applicants_pending bigint,
    ended_not_journaled   bigint
  )
  LANGUAGE sql
  STABLE
  SET search_path TO ''
  AS $function$
  with waiting_referees as (
    select r.application_id, count(*) as n
      from public.referees as r
      where r.status = 'asked'
        and (r.requested_at at time zone 'Europe/Oslo')::date <= day - 7
      group by r.application_id
  ),
  open_case as (
    select
      a.assigned_to,
      a.status = 'received' and a.assigned_to is null as unassigned_new,
      (cl.conversation_held_on is null and cl.home_visit_held_on is null
        and cl.last_contact_note_at is null) as no_contact,
      a.contact_due_on,
      coalesce((private.certificate_valid_until(cl.certificate_issued_on)
          between day and day + 14)::integer, 0)
        + coalesce((private.certificate_valid_until(cl.partner_certificate_issued_on)
          between day and day + 14)::integer, 0) as certificates,
      coalesce(w.n, 0) as referees,
      (p.status = 'pending') as co_applicant_pending
    from public.applications as a
      join public.application_checklists as cl on cl.application_id = a.id
      left join waiting_referees as w on w.application_id = a.id
      left join public.co_applicant_parts as p on p.application_id = a.id
    where a.status in ('received', 'in_review', 'conversation_scheduled', 'home_visit')
  ),
  per_owner as (
    select
      o.assigned_to,
      o.unassigned_new,
      count(*) filter (where o.unassigned_new) as new_unassigned,
      count(*) filter (where o.no_contact and o.contact_due_on = day) as contact_due_today,
      count(*) filter (where o.no_contact and o.contact_due_on < day) as contact_overdue,
      coalesce(sum(o.certificates), 0) as certificates_expiring,
      sum(o.referees) as referees_waiting,
      count(*) filter (where o.co_applicant_pending) as co_applicants_pending,
      0::bigint as ended_not_journaled
    from open_case as o
    group by o.assigned_to, o.unassigned_new
    union all
    select e.assigned_to, false, 0, 0, 0, 0, 0, 0, count(*)
    from public.applications as e
    where e.status in ('approved', 'declined', 'withdrawn') and e.journal_reference is null
    group by e.assigned_to
  )
  select
    co.user_id,
    co.role = 'lead',
    coalesce(sum(g.new_unassigned), 0)::bigint,
    coalesce(sum(g.contact_due_today), 0)::bigint,
    coalesce(sum(g.contact_overdue), 0)::bigint,
    coalesce(sum(g.certificates_expiring), 0)::bigint,
    coalesce(sum(g.referees_waiting), 0)::bigint,
    coalesce(sum(g.co_applicants_pending), 0)::bigint,
    coalesce(sum(g.ended_not_journaled), 0)::bigint
  from public.coordinators as co
    left join per_owner as g
      on co.role = 'lead' or g.assigned_to = co.user_id or g.unassigned_new
  where co.active
  group by co.user_id, co.role
$function$;

CREATE OR REPLACE FUNCTION private.queue_daily_overviews (
  as_of timestamp with time zone
)
  RETURNS jsonb
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
declare
  day constant date := coalesce(
    (select c.pinned_today from private.screening_clock as c where c.id),
    (as_of at time zone 'Europe/Oslo')::date);
  queued integer := 0;
begin
  delete from public.outbox_messages as m
    where m.template = 'daily_overview' and m.overview_on < day - 60
      and m.status in ('sent', 'failed');
  if not private.is_working_day(day) then
    return pg_catalog.jsonb_build_object('day', day, 'working_day', false, 'queued', 0);
  end if;

  insert into public.outbox_messages (template, recipient, subject_id, overview_on, overview_counts)
  select 'daily_overview', 'coordinator', o.coordinator_id, day,
    pg_catalog.jsonb_build_object(
      'scope', case when o.is_lead then 'all' else 'own' end,
      'new_unassigned', o.new_unassigned,
      'contact_due_today', o.contact_due_today,
      'contact_overdue', o.contact_overdue,
      'certificates_expiring', o.certificates_expiring,
      'referees_waiting', o.referees_waiting,
      'co_applicants_pending', o.co_applicants_pending,
      'ended_not_journaled', o.ended_not_journaled)
  from private.daily_overview_counts(day) as o
    left join public.coordinator_settings as s on s.user_id = o.coordinator_id
  where coalesce(s.daily_overview, true)
    and o.new_unassigned + o.contact_due_today + o.contact_overdue + o.certificates_expiring
      + o.referees_waiting + o.co_applicants_pending + o.ended_not_journaled > 0
  on conflict (subject_id, overview_on) where template = 'daily_overview' do nothing;
  get diagnostics queued = row_count;

  return pg_catalog.jsonb_build_object('day', day, 'working_day', true, 'queued', queued);
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
    || private.run_daily_job('retention', 'private.delete_ended_applications(timestamptz)', as_of)
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
         case when c.recipient in ('co_applicant', 'referee')
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

REVOKE ALL ON FUNCTION "public"."claim_outbox_messages"(integer, integer, integer) FROM PUBLIC, "anon", "authenticated";

ALTER TABLE "public"."coordinator_settings"
  ADD CONSTRAINT "coordinator_settings_user_id_fkey" FOREIGN KEY (user_id) REFERENCES public.coordinators(user_id);

ALTER TABLE "public"."outbox_messages"
  ADD CONSTRAINT "outbox_messages_overview_fields"
    CHECK ((((template = 'daily_overview'::text) = (application_id IS NULL)) AND ((template = 'daily_overview'::text) = (overview_on IS
    NOT NULL)) AND ((template = 'daily_overview'::text) = (overview_counts IS NOT NULL))));

ALTER TABLE "public"."outbox_messages"
  ADD CONSTRAINT "outbox_messages_recipient_known"
    CHECK ((recipient = ANY (ARRAY['applicant'::text, 'coordinators'::text, 'co_applicant'::text, 'referee'::text, 'coordinator'::text])));

ALTER TABLE "public"."outbox_messages"
  ADD CONSTRAINT "outbox_messages_recipient_matches_template" CHECK ((recipient =
CASE template
    WHEN 'receipt'::text THEN 'applicant'::text
    WHEN 'coordinator_notice'::text THEN 'coordinators'::text
    WHEN 'co_applicant_request'::text THEN 'co_applicant'::text
    WHEN 'daily_overview'::text THEN 'coordinator'::text
    ELSE 'referee'::text
END));

ALTER TABLE "public"."outbox_messages"
  ADD CONSTRAINT "outbox_messages_template_known"
    CHECK
    ((template = ANY (ARRAY['receipt'::text, 'coordinator_notice'::text, 'co_applicant_request'::text, 'referee_request'::text, 'referee_reminder'::text, 'daily_overview'::text])));

CREATE UNIQUE INDEX outbox_messages_one_overview_a_day ON public.outbox_messages USING btree (subject_id, overview_on)
  WHERE (template = 'daily_overview'::text);

CREATE TRIGGER coordinator_settings_audit
  AFTER INSERT OR DELETE OR UPDATE ON public.coordinator_settings
  FOR EACH ROW
  EXECUTE FUNCTION private.audit_row('user_id', 'daily_overview');

CREATE POLICY "Active coordinators add their own settings" ON "public"."coordinator_settings"
  FOR INSERT
  TO "authenticated"
  WITH CHECK (
CASE
    WHEN ( SELECT private.require_active_coordinator() AS require_active_coordinator) THEN (user_id = ( SELECT auth.uid() AS uid))
    ELSE NULL::boolean
END);

CREATE POLICY "Active coordinators change their own settings" ON "public"."coordinator_settings"
  FOR UPDATE
  TO "authenticated"
  USING (
CASE
    WHEN ( SELECT private.require_active_coordinator() AS require_active_coordinator) THEN (user_id = ( SELECT auth.uid() AS uid))
    ELSE NULL::boolean
END)
  WITH CHECK (
CASE
    WHEN ( SELECT private.require_active_coordinator() AS require_active_coordinator) THEN (user_id = ( SELECT auth.uid() AS uid))
    ELSE NULL::boolean
END);

CREATE POLICY "Active coordinators read their own settings" ON "public"."coordinator_settings"
  FOR SELECT
  TO "authenticated"
  USING (
CASE
    WHEN ( SELECT private.require_active_coordinator() AS require_active_coordinator) THEN (user_id = ( SELECT auth.uid() AS uid))
    ELSE NULL::boolean
END);

COMMENT ON COLUMN "public"."coordinator_settings"."daily_overview" IS 'Om koordinatoren får den daglige oversikten på e-post (arbeidsdager, bare når noe venter).';

COMMENT ON COLUMN "public"."coordinator_settings"."user_id" IS 'Koordinatoren innstillingene gjelder.';

COMMENT ON COLUMN "public"."outbox_messages"."application_id" IS 'Søknaden meldingen gjelder. Slettes sammen med søknaden. Tom for den daglige oversikten (daily_overview).';

COMMENT ON COLUMN "public"."outbox_messages"."overview_counts" IS 'Den daglige oversikten: antallene den viser (bare tall, ingen personopplysninger). Tom for andre meldinger.';

COMMENT ON COLUMN "public"."outbox_messages"."overview_on" IS 'Den daglige oversikten: dagen (norsk tid) den gjelder. Tom for andre meldinger.';

COMMENT ON COLUMN "public"."outbox_messages"."recipient" IS 'Hvem den går til: applicant = søkeren (adressen hentes fra søknaden når den sendes), coordinators = koordinatorenes innboks (fra kommuneprofilen), co_applicant = medsøkeren, referee = en referanse, coordinator = én koordinator (adressene hentes når den sendes).';

COMMENT ON COLUMN "public"."outbox_messages"."subject_id" IS 'Hvem en lenke-e-post gjelder: søknadens ID for medsøkeren, referees.id for en referanse; koordinatorens user_id for den daglige oversikten. Tom for kvittering og varsel.';

COMMENT ON COLUMN "public"."outbox_messages"."template" IS 'Hvilken e-post: receipt = kvittering til søkeren, coordinator_notice = varsel til koordinatorene, co_applicant_request = lenke til medsøkeren, referee_request = forespørsel til en referanse, referee_reminder = påminnelse til en referanse, daily_overview = daglig oversikt til en koordinator.';

COMMENT ON FUNCTION "private"."daily_overview_counts"(date) IS 'Tallene i den daglige oversikten per aktive koordinator for en dag: egne saker og nye saker ingen har tatt (ledere: alle saker). Bare tall.';

COMMENT ON FUNCTION "private"."queue_daily_overviews"(timestamp with time zone) IS 'Den daglige oversikten: legger én e-post per aktive koordinator (som ikke har slått den av og har noe som venter) i utboksen på arbeidsdager. Bare tall.';

COMMENT ON FUNCTION "private"."run_scheduled_jobs"(timestamp with time zone) IS 'Kjører de planlagte jobbene (slettejobben og den daglige oversikten), hver høyst én gang per dag. Kalles av pg_cron og av npm run jobs.';

COMMENT ON FUNCTION "public"."claim_outbox_messages"(integer, integer, integer) IS 'For avsenderen (service_role): reserverer inntil batch meldinger som skal sendes nå, og returnerer det malene trenger. To avsendere får aldri samme melding.';

COMMENT ON TABLE "public"."coordinator_settings" IS 'Hver koordinators egne innstillinger i arbeidsflaten. Ingen rad = standard (daglig oversikt på). En aktiv koordinator leser og endrer bare sin egen rad.';

REVOKE ALL ON FUNCTION "private"."daily_overview_counts"(date) FROM PUBLIC;

REVOKE ALL ON FUNCTION "private"."queue_daily_overviews"(timestamp WITH time zone) FROM PUBLIC;

REVOKE ALL ON FUNCTION "public"."claim_outbox_messages"(integer, integer, integer) FROM "postgres";

GRANT EXECUTE ON FUNCTION "public"."claim_outbox_messages"(integer, integer, integer) TO "postgres";

GRANT EXECUTE ON FUNCTION "public"."claim_outbox_messages"(integer, integer, integer) TO "service_role";

REVOKE ALL ON TABLE "public"."coordinator_settings" FROM "authenticated";

REVOKE ALL ("daily_overview") ON TABLE "public"."coordinator_settings" FROM "authenticated";

GRANT INSERT ("daily_overview"), UPDATE ("daily_overview") ON TABLE "public"."coordinator_settings" TO "authenticated";

REVOKE ALL ("user_id") ON TABLE "public"."coordinator_settings" FROM "authenticated";

GRANT INSERT ("user_id"), UPDATE ("user_id") ON TABLE "public"."coordinator_settings" TO "authenticated";

GRANT SELECT ON TABLE "public"."coordinator_settings" TO "authenticated";

REVOKE ALL ON TABLE "public"."coordinator_settings" FROM "postgres";

GRANT DELETE, INSERT, MAINTAIN, REFERENCES, SELECT, TRIGGER, TRUNCATE, UPDATE ON TABLE "public"."coordinator_settings" TO "postgres";
