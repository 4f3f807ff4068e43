-- cancel_answered_link_emails
-- Written by `npm run db:migration` from supabase/schemas/ (the Supabase CLI's pg-delta
-- diff, and the schema's data rows). The live definitions are in supabase/schemas/.

SET local check_function_bodies = off;

ALTER TABLE "public"."outbox_messages"
  DROP CONSTRAINT "outbox_messages_status_known";

CREATE OR REPLACE FUNCTION private.link_state (
  purpose    text,
  subject_id uuid
)
  RETURNS text
  LANGUAGE plpgsql
  STABLE
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
declare
  subject_status text;
  expires timestamptz;
  case_status text;
begin
  if purpose = 'co_applicant' then
    select p.status, p.expires_at, a.status into subject_status, expires, case_status
      from public.co_applicant_parts as p
        join public.applications as a on a.id = p.application_id
      where p.application_id = link_state.subject_id;
    if subject_status is null then
      return 'unknown';
    elsif subject_status <> 'pending' then
      return 'used';
    end if;
  elsif purpose = 'referee' then
    select r.status, r.expires_at, a.status into subject_status, expires, case_status
      from public.referees as r
        join public.applications as a on a.id = r.application_id
      where r.id = link_state.subject_id;
    if subject_status is null then
      return 'unknown';
    elsif subject_status in ('answered', 'declined', 'by_phone') then
      return 'used';
    elsif subject_status <> 'asked' then
      return 'expired';
    end if;
  else
    return 'unknown';
  end if;
  if expires is null or expires <= pg_catalog.now()
      or case_status in ('approved', 'declined', 'withdrawn') then
    return 'expired';
  end if;
  return 'open';
end;
$function$;

CREATE OR REPLACE FUNCTION private.link_subject (
  token text,
  lock  boolean,
  OUT   state text,
  OUT   purpose text,
  OUT   application_id uuid,
  OUT   subject_id uuid,
  OUT   applicant_name text,
  OUT   kind text,
  OUT   expires_at timestamp with time zone
)
  RETURNS record
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
begin
  select t.purpose, t.application_id, t.subject_id into purpose, application_id, subject_id
    from private.link_tokens as t
    where t.token_hash = private.link_token_hash(token);
  if not found then
    state := 'unknown';
    purpose := null;
    return;
  end if;

  if lock and purpose = 'co_applicant' then
    perform from public.co_applicant_parts as p where p.application_id = link_subject.subject_id for update;
  elsif lock and purpose = 'referee' then
    perform from public.referees as r where r.id = link_subject.subject_id for update;
  end if;
  state := private.link_state(purpose, subject_id);
  if state <> 'open' then
    purpose := null; application_id := null; subject_id := null;
    return;
  end if;
  select coalesce(p.expires_at, r.expires_at), a.full_name, a.kind into expires_at, applicant_name, kind
    from public.applications as a
      left join public.co_applicant_parts as p
        on link_subject.purpose = 'co_applicant' and p.application_id = link_subject.subject_id
      left join public.referees as r on link_subject.purpose = 'referee' and r.id = link_subject.subject_id
    where a.id = link_subject.application_id;
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

  -- A due link e-mail whose link would not open: cancel it (before giving up on any, so that one
  -- whose sender stopped is cancelled, not failed).
  update public.outbox_messages as m
    set status = 'cancelled', locked_until = null,
        last_error = 'ikke sendt: ' || case gone.state
          when 'used' then 'har svart'
          when 'expired' then 'lenken er utløpt eller saken er avsluttet'
          else 'finnes ikke lenger' end
    from (
      -- recipient co_applicant or referee: the link's purpose.
      select s.id, private.link_state(s.recipient, s.subject_id) as state
        from public.outbox_messages as s
        where s.template in ('co_applicant_request', 'referee_request', 'referee_reminder')
          and ((s.status = 'pending' and s.next_attempt_at <= pg_catalog.now())
            or (s.status = 'sending' and s.locked_until < pg_catalog.now()))
          and private.link_state(s.recipient, s.subject_id) <> 'open'
        for update skip locked
    ) as gone
    where m.id = gone.id;

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
  ADD CONSTRAINT "outbox_messages_status_known" CHECK ((status = ANY (ARRAY['pending'::text, 'sending'::text, 'sent'::text, 'failed'::text, 'cancelled'::text])));

COMMENT ON COLUMN "public"."outbox_messages"."last_error" IS 'Siste feil fra e-posttjenesten (statuskode og type, ingen personopplysninger); for en avlyst melding (cancelled) hvorfor den ikke ble sendt.';

COMMENT ON COLUMN "public"."outbox_messages"."status" IS 'pending = venter, sending = sendes nå, sent = sendt, failed = ga opp etter flere forsøk (bør følges opp av en koordinator), cancelled = lenke-e-post som ikke ble sendt fordi personen allerede har svart, saken er avsluttet eller lenken er utløpt (ingen feil, sendes aldri).';

REVOKE ALL ON FUNCTION "private"."link_state"(text, uuid) FROM PUBLIC;
