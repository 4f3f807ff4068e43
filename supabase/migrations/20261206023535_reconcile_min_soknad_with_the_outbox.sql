-- reconcile_min_soknad_with_the_outbox
-- Written by `npm run db:migration` from supabase/schemas/ (the Supabase CLI's pg-delta
-- diff, and the schema's data rows). The live definitions are in supabase/schemas/.

SET local check_function_bodies = off;

ALTER TABLE "public"."outbox_messages"
  DROP CONSTRAINT "outbox_messages_recipient_matches_template";

ALTER TABLE "public"."outbox_messages"
  DROP CONSTRAINT "outbox_messages_template_known";

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
         case when c.template = 'applicant_email_confirm' then e.new_email
           else case c.recipient
             when 'applicant' then a.email
             when 'co_applicant' then a.partner_email
             when 'referee' then r.email
             when 'coordinator' then (
               select u.email from auth.users as u
                 join public.coordinators as co on co.user_id = u.id and co.active
                 where u.id = c.subject_id) end end,
         a.reference, a.kind, a.received_at, c.attempts, c.idempotency_key,
         case when c.recipient in ('co_applicant', 'referee') and c.template <> 'referee_notice'
             then private.issue_link_token(c.application_id, c.recipient, c.subject_id)
           when c.template = 'applicant_link'
             then private.issue_link_token(c.application_id, 'applicant', c.subject_id)
           when c.template = 'applicant_email_confirm' and e.id is not null
             then private.issue_link_token(c.application_id, 'email_change', c.subject_id) end,
         case when c.recipient in ('co_applicant', 'referee') then a.full_name end,
         case when c.recipient = 'co_applicant' then a.partner_name
           when c.recipient = 'referee' then r.full_name
           when c.template <> 'receipt' and c.recipient = 'applicant'
             then pg_catalog.split_part(pg_catalog.btrim(a.full_name), ' ', 1) end,
         c.overview_on, c.overview_counts
    from claimed as c
    left join public.applications as a on a.id = c.application_id
    left join public.referees as r on c.recipient = 'referee' and r.id = c.subject_id
    left join private.email_changes as e
      on c.template = 'applicant_email_confirm' and e.id = c.subject_id and e.confirmed_at is null
    order by c.next_attempt_at, c.id;
end;
$function$;

ALTER TABLE "public"."outbox_messages"
  ADD CONSTRAINT "outbox_messages_recipient_matches_template" CHECK ((recipient =
CASE
    WHEN ((template = ANY (ARRAY['receipt'::text, 'applicant_link'::text, 'applicant_email_confirm'::text])) OR (template ~~ 'status\_%'::text)) THEN 'applicant'::text
    WHEN (template = 'coordinator_notice'::text) THEN 'coordinators'::text
    WHEN (template = 'co_applicant_request'::text) THEN 'co_applicant'::text
    WHEN (template = 'daily_overview'::text) THEN 'coordinator'::text
    ELSE 'referee'::text
END));

ALTER TABLE "public"."outbox_messages"
  ADD CONSTRAINT "outbox_messages_template_known"
    CHECK
    ((template = ANY (ARRAY['receipt'::text, 'coordinator_notice'::text, 'co_applicant_request'::text, 'referee_request'::text, 'referee_reminder'::text, 'referee_notice'::text,
    'daily_overview'::text,
    'applicant_link'::text,
    'applicant_email_confirm'::text,
    'status_conversation_scheduled'::text, 'status_home_visit'::text, 'status_approved'::text, 'status_declined'::text, 'status_withdrawn'::text])));

COMMENT ON COLUMN "public"."outbox_messages"."subject_id" IS 'Hvem en lenke-e-post gjelder: søknadens ID for medsøkeren og for søkerens innloggingslenke, referees.id for en referanse, private.email_changes.id for bekreftelse av ny e-postadresse; koordinatorens user_id for den daglige oversikten. Tom for kvittering, varsel og statusvarsler.';

COMMENT ON COLUMN "public"."outbox_messages"."template" IS 'Hvilken e-post: receipt = kvittering til søkeren, coordinator_notice = varsel til koordinatorene, co_applicant_request = lenke til medsøkeren, referee_request = forespørsel til en referanse, referee_reminder = påminnelse til en referanse, referee_notice = varsel til en referanse som ikke er spurt (uten lenke), daily_overview = daglig oversikt til en koordinator, applicant_link = innloggingslenke til Min søknad, applicant_email_confirm = bekreft ny e-postadresse, status_* = statusvarsel til søkeren (én per status).';
