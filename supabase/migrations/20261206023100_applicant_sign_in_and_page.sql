-- applicant_sign_in_and_page
-- Written by `npm run db:migration` from supabase/schemas/ (the Supabase CLI's pg-delta
-- diff, and the schema's data rows). The live definitions are in supabase/schemas/.

SET local check_function_bodies = off;

DROP TRIGGER "applications_audit" ON "public"."applications";

DROP TRIGGER "applications_figures_update" ON "public"."applications";

ALTER TABLE "private"."link_tokens"
  DROP CONSTRAINT "link_tokens_purpose_known";

ALTER TABLE "private"."sign_in_attempts"
  DROP CONSTRAINT "sign_in_attempts_step";

ALTER TABLE "public"."outbox_messages"
  DROP CONSTRAINT "outbox_messages_recipient_matches_template";

ALTER TABLE "public"."outbox_messages"
  DROP CONSTRAINT "outbox_messages_subject_for_links";

ALTER TABLE "public"."outbox_messages"
  DROP CONSTRAINT "outbox_messages_template_known";

DROP FUNCTION "private"."case_figures"(date, text, timestamp WITH time zone, uuid, timestamp WITH time zone, date, date);

DROP FUNCTION "private"."figures_apply"(integer, text, text, date, date, text, timestamp WITH time zone, uuid, timestamp WITH time zone, date, date);

CREATE TABLE "private"."applicant_sessions" (
  "token_hash"     bytea                    NOT NULL,
  "application_id" uuid                     NOT NULL,
  "created_at"     timestamp with time zone NOT NULL DEFAULT now(),
  "last_seen_at"   timestamp with time zone NOT NULL DEFAULT now(),
  "ended_at"       timestamp with time zone,
  CONSTRAINT "applicant_sessions_hash_length" CHECK ((octet_length(token_hash) = 32)),
  CONSTRAINT "applicant_sessions_pkey" PRIMARY KEY (token_hash)
);

ALTER TABLE "private"."applicant_sessions"
  ENABLE ROW LEVEL SECURITY;

CREATE TABLE "private"."email_changes" (
  "id"             uuid                     NOT NULL DEFAULT gen_random_uuid(),
  "application_id" uuid                     NOT NULL,
  "new_email"      text                     NOT NULL,
  "requested_at"   timestamp with time zone NOT NULL DEFAULT now(),
  "confirmed_at"   timestamp with time zone,
  CONSTRAINT "email_changes_pkey" PRIMARY KEY (id),
  CONSTRAINT "email_changes_email_format" CHECK (private.is_email_address(to_jsonb(new_email)))
);

ALTER TABLE "private"."email_changes"
  ENABLE ROW LEVEL SECURITY;

ALTER TABLE "private"."link_tokens"
  ADD COLUMN "expires_at" timestamp WITH time zone;

ALTER TABLE "private"."link_tokens"
  ADD COLUMN "used_at" timestamp WITH time zone;

ALTER TABLE "public"."applications"
  ADD COLUMN "withdrawn_by_applicant" boolean NOT NULL DEFAULT false;

ALTER TABLE "public"."applications"
  ADD COLUMN "erasure_requested_at" timestamp WITH time zone;

CREATE OR REPLACE FUNCTION private.act_as_applicant()
  RETURNS void
  LANGUAGE sql
  SET search_path TO ''
  AS $function$
  select pg_catalog.set_config('screening.actor_role', 'applicant', true)
$function$;

CREATE OR REPLACE FUNCTION private.applicant_case (
  address   text,
  reference text
)
  RETURNS public.applications
  LANGUAGE sql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
  select a.* from public.applications as a
    where a.reference = applicant_case.reference and pg_catalog.lower(a.email) = applicant_case.address
    for update
$function$;

CREATE OR REPLACE FUNCTION private.applicant_session (
  session text
)
  RETURNS text
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
declare
  address text;
begin
  update private.applicant_sessions as s set last_seen_at = pg_catalog.now()
    from public.applications as a
    where s.token_hash = private.link_token_hash(session)
      and a.id = s.application_id
      and s.ended_at is null
      and s.last_seen_at > pg_catalog.now() - interval '30 minutes'
      and s.created_at > pg_catalog.now() - interval '2 hours'
    returning pg_catalog.lower(a.email) into address;
  return address;
end;
$function$;

CREATE OR REPLACE FUNCTION private.application_checklists_figures()
  RETURNS TRIGGER
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
declare
  a public.applications;
  first_note_at timestamptz;
begin
  select * into a from public.applications as x where x.id = new.application_id for no key update;
  select pg_catalog.min(n.created_at) into first_note_at
    from public.application_notes as n where n.application_id = a.id and n.is_contact;
  perform private.figures_apply(-1, a.kind, a.heard_about, a.received_on, a.contact_due_on, a.status,
    a.status_changed_at, a.withdrawn_by_applicant, first_note_at, old.conversation_held_on,
    old.home_visit_held_on);
  perform private.figures_apply(1, a.kind, a.heard_about, a.received_on, a.contact_due_on, a.status,
    a.status_changed_at, a.withdrawn_by_applicant, first_note_at, new.conversation_held_on,
    new.home_visit_held_on);
  return null;
end;
$function$;

CREATE OR REPLACE FUNCTION private.application_notes_figures()
  RETURNS TRIGGER
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
declare
  a public.applications;
  earlier timestamptz;
  conversation_on date;
  home_visit_on date;
begin
  select * into a from public.applications as x where x.id = new.application_id for no key update;
  select pg_catalog.min(n.created_at) into earlier
    from public.application_notes as n
    where n.application_id = a.id and n.is_contact and n.id <> new.id;
  if earlier is not null and earlier <= new.created_at then
    return null;
  end if;
  select c.conversation_held_on, c.home_visit_held_on into conversation_on, home_visit_on
    from public.application_checklists as c where c.application_id = a.id;
  perform private.figures_apply(-1, a.kind, a.heard_about, a.received_on, a.contact_due_on, a.status,
    a.status_changed_at, a.withdrawn_by_applicant, earlier, conversation_on, home_visit_on);
  perform private.figures_apply(1, a.kind, a.heard_about, a.received_on, a.contact_due_on, a.status,
    a.status_changed_at, a.withdrawn_by_applicant, new.created_at, conversation_on, home_visit_on);
  return null;
end;
$function$;

CREATE OR REPLACE FUNCTION private.applications_before_update()
  RETURNS TRIGGER
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
declare
  allowed text[];
  actor uuid;
  missing text[];
begin
  if new.assigned_to is distinct from old.assigned_to and new.assigned_to is not null
    and not exists (
      select from public.coordinators as c where c.user_id = new.assigned_to and c.active
    ) then
    raise exception 'Saken kan bare tildeles en aktiv koordinator.' using errcode = '23514';
  end if;

  if new.withdrawn_by_applicant is distinct from old.withdrawn_by_applicant then
    if not new.withdrawn_by_applicant or new.status <> 'withdrawn' or old.status = 'withdrawn'
        or pg_catalog.current_setting('screening.actor_role', true) is distinct from 'applicant' then
      raise exception 'Bare søkeren selv kan trekke søknaden fra Min søknad.' using errcode = '42501';
    end if;
  end if;

  if new.status is distinct from old.status then
    allowed := private.next_statuses(old.kind, old.status);
    if not (new.status = any (allowed)) then
      raise exception 'Ugyldig statusendring for søknad %: % (%) → % (%).', old.reference,
        private.status_label(old.status), old.status, private.status_label(new.status), new.status
        using errcode = '23514',
          hint = case when pg_catalog.cardinality(allowed) = 0
            then 'Saken er avsluttet og kan ikke flyttes.'
            else 'Tillatt herfra: ' || pg_catalog.array_to_string(allowed, ', ') || '.' end;
    end if;

    if new.withdrawn_by_applicant then
      new.status_changed_at := pg_catalog.now();
      new.status_changed_by := null;
      return new;
    end if;
    actor := private.acting_coordinator(new.assigned_to);
    if actor is null then
      raise exception 'Hvem flytter saken? Kjør som deg selv (rolle authenticated), eller sett assigned_to i samme endring.'
        using errcode = '23514';
    end if;
    new.status_changed_at := pg_catalog.now();
    new.status_changed_by := actor;
    if new.assigned_to is null then
      new.assigned_to := actor;
    end if;

    if new.status = 'approved' then
      missing := private.check_approval(new);
      -- The list also as JSON in DETAIL, so that the workspace shows it as a list (never parsed).
      if pg_catalog.cardinality(missing) > 0 then
        raise exception 'Kan ikke godkjenne søknad %: %', new.reference,
          pg_catalog.array_to_string(missing, ' ')
          using errcode = '23514', detail = pg_catalog.to_jsonb(missing)::text;
      end if;
    end if;
  end if;
  return new;
end;
$function$;

CREATE OR REPLACE FUNCTION private.applications_figures()
  RETURNS TRIGGER
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
declare
  conversation_on date;
  home_visit_on date;
  first_note_at timestamptz;
begin
  select c.conversation_held_on, c.home_visit_held_on into conversation_on, home_visit_on
    from public.application_checklists as c where c.application_id = new.id;
  select pg_catalog.min(n.created_at) into first_note_at
    from public.application_notes as n where n.application_id = new.id and n.is_contact;
  if tg_op = 'UPDATE' then
    perform private.figures_apply(-1, old.kind, old.heard_about, old.received_on, old.contact_due_on,
      old.status, old.status_changed_at, old.withdrawn_by_applicant, first_note_at, conversation_on,
      home_visit_on);
  end if;
  perform private.figures_apply(1, new.kind, new.heard_about, new.received_on, new.contact_due_on,
    new.status, new.status_changed_at, new.withdrawn_by_applicant, first_note_at, conversation_on,
    home_visit_on);
  return null;
end;
$function$;

CREATE OR REPLACE FUNCTION private.audit_row()
  RETURNS TRIGGER
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
declare
  old_row jsonb := case when tg_op in ('UPDATE', 'DELETE') then pg_catalog.to_jsonb(old) end;
  new_row jsonb := case when tg_op in ('INSERT', 'UPDATE') then pg_catalog.to_jsonb(new) end;
  logged constant text[] := tg_argv;
  diff jsonb := '{}'::jsonb;
  col text;
  action text := pg_catalog.lower(tg_op);
  source jsonb := coalesce(new_row, old_row);
  application uuid;
begin
  -- The retention job and erasure write their own summary instead of one row per deleted row.
  if tg_op = 'DELETE' and pg_catalog.current_setting('screening.retention_job', true) = 'on' then
    return null;
  end if;

  for col in select pg_catalog.jsonb_object_keys(source) loop
    if (old_row -> col) is distinct from (new_row -> col) then
      if col = any (logged) then
        diff := diff || pg_catalog.jsonb_build_object(col,
          pg_catalog.jsonb_build_object('old', old_row -> col, 'new', new_row -> col));
      else
        diff := diff || pg_catalog.jsonb_build_object(col, '{"changed": true}'::jsonb);
      end if;
    end if;
  end loop;
  if tg_op = 'UPDATE' and diff = '{}'::jsonb then
    return null;
  end if;

  if tg_table_name = 'applications' then
    application := (source ->> 'id')::uuid;
    if tg_op = 'UPDATE' and diff ? 'status' then
      action := 'status_change';
    end if;
  elsif source ? 'application_id' then
    application := (source ->> 'application_id')::uuid;
  end if;

  insert into public.audit_log (actor_id, actor_role, table_name, action, application_id, row_key, changes)
  values (
    (select auth.uid()),
    -- The applicant's own changes on Min søknad (issue 25) set screening.actor_role to 'applicant'
    -- for their transaction; no API role can set it.
    coalesce(nullif(pg_catalog.current_setting('screening.actor_role', true), ''),
      nullif((select auth.role()), ''), current_user),
    tg_table_name,
    action,
    application,
    coalesce(source ->> 'id', source ->> 'application_id', source ->> 'user_id'),
    diff);
  return null;
end;
$function$;

CREATE OR REPLACE FUNCTION private.case_figures (
  received_on            date,
  status                 text,
  status_changed_at      timestamp with time zone,
  withdrawn_by_applicant boolean,
  first_contact_note_at  timestamp with time zone,
  conversation_held_on   date,
  home_visit_held_on     date,
  OUT                    month date,
  OUT                    contacted_on date,
  OUT                    conversation boolean,
  OUT                    outcome text,
  OUT                    decided_on date
)
  RETURNS record
  LANGUAGE sql
  STABLE
  SET search_path TO ''
  AS $function$
  select
    pg_catalog.date_trunc('month', received_on)::date,
    -- least() skips nulls: null only when none of the three happened.
    least((first_contact_note_at at time zone 'Europe/Oslo')::date, conversation_held_on,
      home_visit_held_on),
    conversation_held_on is not null,
    case status
      when 'approved' then 'approved'
      when 'declined' then 'declined'
      when 'withdrawn' then
        case when withdrawn_by_applicant then 'withdrawn_by_applicant' else 'withdrawn_by_service' end
    end,
    case when status in ('approved', 'declined') then (status_changed_at at time zone 'Europe/Oslo')::date end
$function$;

CREATE OR REPLACE FUNCTION private.figures_apply (
  sign                   integer,
  kind                   text,
  heard_about            text,
  received_on            date,
  contact_due_on         date,
  status                 text,
  status_changed_at      timestamp with time zone,
  withdrawn_by_applicant boolean,
  first_contact_note_at  timestamp with time zone,
  conversation_held_on   date,
  home_visit_held_on     date
)
  RETURNS void
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
declare
  f record;
begin
  select * into f from private.case_figures(received_on, status, status_changed_at, withdrawn_by_applicant,
    first_contact_note_at, conversation_held_on, home_visit_held_on);

  insert into private.monthly_figures as m (month, kind, received, contacted, contacted_in_time,
      conversations, approved, declined, withdrawn_by_applicant, withdrawn_by_service)
    values (f.month, figures_apply.kind, sign,
      sign * (f.contacted_on is not null)::integer,
      sign * coalesce(f.contacted_on <= contact_due_on, false)::integer,
      sign * f.conversation::integer,
      sign * (f.outcome is not distinct from 'approved')::integer,
      sign * (f.outcome is not distinct from 'declined')::integer,
      sign * (f.outcome is not distinct from 'withdrawn_by_applicant')::integer,
      sign * (f.outcome is not distinct from 'withdrawn_by_service')::integer)
    on conflict on constraint monthly_figures_pkey do update set
      received = m.received + excluded.received,
      contacted = m.contacted + excluded.contacted,
      contacted_in_time = m.contacted_in_time + excluded.contacted_in_time,
      conversations = m.conversations + excluded.conversations,
      approved = m.approved + excluded.approved,
      declined = m.declined + excluded.declined,
      withdrawn_by_applicant = m.withdrawn_by_applicant + excluded.withdrawn_by_applicant,
      withdrawn_by_service = m.withdrawn_by_service + excluded.withdrawn_by_service;

  insert into private.monthly_sources as s (month, kind, source, received, approved)
    values (f.month, figures_apply.kind, coalesce(heard_about, 'ikke-oppgitt'), sign,
      sign * (f.outcome is not distinct from 'approved')::integer)
    on conflict on constraint monthly_sources_pkey do update set
      received = s.received + excluded.received, approved = s.approved + excluded.approved;

  insert into private.monthly_day_counts as d (month, kind, measure, days, cases)
    select f.month, figures_apply.kind, x.measure, x.days, sign
      from (values ('contact', f.contacted_on - received_on), ('decision', f.decided_on - received_on))
        as x (measure, days)
      where x.days is not null
    on conflict on constraint monthly_day_counts_pkey do update set cases = d.cases + excluded.cases;
end;
$function$;

CREATE OR REPLACE FUNCTION private.figures_count_existing()
  RETURNS void
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
begin
  with counted as (
    select a.kind, coalesce(a.heard_about, 'ikke-oppgitt') as source, a.received_on,
      a.contact_due_on, f.*
    from public.applications as a
      left join public.application_checklists as c on c.application_id = a.id
      left join lateral (
        select pg_catalog.min(n.created_at) as first_at from public.application_notes as n
          where n.application_id = a.id and n.is_contact
      ) as n on true
      cross join lateral private.case_figures(a.received_on, a.status, a.status_changed_at,
        a.withdrawn_by_applicant, n.first_at, c.conversation_held_on, c.home_visit_held_on) as f
  ),
  figures as (
    insert into private.monthly_figures as m (month, kind, received, contacted, contacted_in_time,
        conversations, approved, declined, withdrawn_by_applicant, withdrawn_by_service)
      select x.month, x.kind, pg_catalog.count(*),
        pg_catalog.count(*) filter (where x.contacted_on is not null),
        pg_catalog.count(*) filter (where x.contacted_on <= x.contact_due_on),
        pg_catalog.count(*) filter (where x.conversation),
        pg_catalog.count(*) filter (where x.outcome = 'approved'),
        pg_catalog.count(*) filter (where x.outcome = 'declined'),
        pg_catalog.count(*) filter (where x.outcome = 'withdrawn_by_applicant'),
        pg_catalog.count(*) filter (where x.outcome = 'withdrawn_by_service')
      from counted as x group by x.month, x.kind
    on conflict on constraint monthly_figures_pkey do update set
      received = m.received + excluded.received,
      contacted = m.contacted + excluded.contacted,
      contacted_in_time = m.contacted_in_time + excluded.contacted_in_time,
      conversations = m.conversations + excluded.conversations,
      approved = m.approved + excluded.approved,
      declined = m.declined + excluded.declined,
      withdrawn_by_applicant = m.withdrawn_by_applicant + excluded.withdrawn_by_applicant,
      withdrawn_by_service = m.withdrawn_by_service + excluded.withdrawn_by_service
    returning 1
  ),
  sources as (
    insert into private.monthly_sources as s (month, kind, source, received, approved)
      select x.month, x.kind, x.source, pg_catalog.count(*),
        pg_catalog.count(*) filter (where x.outcome = 'approved')
      from counted as x group by x.month, x.kind, x.source
    on conflict on constraint monthly_sources_pkey do update set
      received = s.received + excluded.received, approved = s.approved + excluded.approved
    returning 1
  )
  insert into private.monthly_day_counts as d (month, kind, measure, days, cases)
    select x.month, x.kind, y.measure, y.days, pg_catalog.count(*)
    from counted as x
      cross join lateral (values ('contact', x.contacted_on - x.received_on),
        ('decision', x.decided_on - x.received_on)) as y (measure, days)
    where y.days is not null
    group by x.month, x.kind, y.measure, y.days
  on conflict on constraint monthly_day_counts_pkey do update set cases = d.cases + excluded.cases;

  insert into private.figures_state as s (id, complete_from)
    select true, (pg_catalog.date_trunc('month', pg_catalog.max(l.occurred_at at time zone 'Europe/Oslo'))
        + interval '1 month')::date
      from public.audit_log as l
      where l.action in ('retention', 'erasure')
        and coalesce((l.changes ->> 'deleted_applications')::integer, 0) > 0
    on conflict on constraint figures_state_pkey do update set complete_from = excluded.complete_from;
end;
$function$;

CREATE OR REPLACE FUNCTION private.issue_link_token (
  application_id uuid,
  purpose        text,
  subject_id     uuid
)
  RETURNS text
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
declare
  token text := pg_catalog.rtrim(
    pg_catalog.translate(pg_catalog.encode(extensions.gen_random_bytes(32), 'base64'), '+/', '-_'), '=');
begin
  insert into private.link_tokens (token_hash, application_id, purpose, subject_id, expires_at)
    values (private.link_token_hash(token), issue_link_token.application_id, issue_link_token.purpose,
      issue_link_token.subject_id,
      pg_catalog.now() + case issue_link_token.purpose when 'applicant' then interval '15 minutes'
        when 'email_change' then interval '24 hours' end);
  return token;
end;
$function$;

CREATE OR REPLACE FUNCTION public.applicant_page (
  session text
)
  RETURNS jsonb
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
declare
  address constant text := private.applicant_session(session);
begin
  if address is null then
    return '{"state": "signed_out"}'::jsonb;
  end if;
  return pg_catalog.jsonb_build_object('state', 'open', 'applications', coalesce((
    select pg_catalog.jsonb_agg(x.page order by x.received_at desc, x.reference)
    from (
      select a.received_at, a.reference, pg_catalog.jsonb_build_object(
        'reference', a.reference, 'kind', a.kind, 'status', a.status, 'received_at', a.received_at,
        'contact_due_on', a.contact_due_on,
        'steps', (select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('step', s.step, 'state',
              case when s.not_needed then 'not_needed'
                when s.done then 'done'
                when ended then 'not_needed'
                when s.ord = (select pg_catalog.min(t.ord) from pg_catalog.unnest(steps) with ordinality as t (d, ord)
                              where not t.d) then 'current'
                else 'todo' end) order by s.ord)
            from (select u.step, u.ord, d.done, u.step = 'home_visit' and a.kind = 'tilsynsperson' as not_needed
                  from pg_catalog.unnest(array['received', 'conversation', 'certificate', 'home_visit',
                      'references', 'decision']) with ordinality as u (step, ord)
                    join pg_catalog.unnest(steps) with ordinality as d (done, ord) on d.ord = u.ord) as s),
        'next', pg_catalog.to_jsonb(array_remove(array[
            case when a.status = 'received' then 'await_contact' end,
            case when not ended and a.certificate_status = 'bestiller' and not steps[3] then 'order_certificate' end,
            case when not ended and p.status = 'pending' then 'co_applicant_pending' end,
            case when not ended and a.referees_wanted > 0 and not steps[5] then 'referees_pending' end
          ], null)),
        'referees', pg_catalog.jsonb_build_object('wanted', a.referees_wanted, 'done', r.done),
        'co_applicant', p.status,
        'answers', pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
          'full_name', a.full_name, 'email', a.email, 'phone', a.phone, 'call_time', a.call_time,
          'street_address', a.street_address, 'postcode', a.postcode, 'postal_place', a.postal_place,
          'over_18', a.over_18, 'motivation', a.motivation, 'certificate_status', a.certificate_status,
          'certificate_issued_on', a.certificate_issued_on, 'commitment_months', a.commitment_months,
          'confirmed_requirements', a.confirmed_requirements, 'heard_about', a.heard_about,
          'applying_with', a.applying_with, 'partner_name', a.partner_name,
          'partner_phone', a.partner_phone, 'partner_email', a.partner_email, 'adults', a.adults,
          'others_informed', a.others_informed, 'children', a.children,
          'children_ages', a.children_ages, 'spare_bed', a.spare_bed,
          'weekends_per_month', a.weekends_per_month, 'also_available', a.also_available,
          'siblings', a.siblings, 'suited_ages', a.suited_ages,
          'experience_kinds', a.experience_kinds, 'experience_years', a.experience_years,
          'availability', a.availability, 'children_capacity', a.children_capacity,
          'languages', a.languages, 'privacy_version', a.privacy_version,
          'referees', r.named)),
        'erasure_requested_at', a.erasure_requested_at,
        'withdrawn_by_applicant', a.withdrawn_by_applicant,
        'email_change_pending', exists (select from private.email_changes as e
          where e.application_id = a.id and e.confirmed_at is null
            and e.requested_at > pg_catalog.now() - interval '24 hours')) as page
      from public.applications as a
        left join public.application_checklists as c on c.application_id = a.id
        left join public.co_applicant_parts as p on p.application_id = a.id
        cross join lateral (
          select pg_catalog.count(*) filter (where f.status in ('answered', 'by_phone'))::integer as done,
            pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('full_name', f.full_name,
              'relation', f.relation, 'phone', f.phone, 'email', f.email) order by f.position) as named
          from public.referees as f where f.application_id = a.id) as r
        cross join lateral (select a.status in ('approved', 'declined', 'withdrawn') as ended) as e
        cross join lateral (select array[
            true,
            c.conversation_held_on is not null or a.status in ('home_visit', 'approved'),
            c.certificate_issued_on is not null
              and (not a.applies_together or c.partner_certificate_issued_on is not null),
            a.kind = 'tilsynsperson' or c.home_visit_held_on is not null or a.status = 'approved',
            coalesce(c.references_checked, false) or (a.referees_wanted > 0 and r.done >= a.referees_wanted),
            e.ended] as steps) as d
      where pg_catalog.lower(a.email) = address
    ) as x), '[]'::jsonb));
end;
$function$;

REVOKE ALL ON FUNCTION "public"."applicant_page"(text) FROM PUBLIC, "anon", "authenticated";

-- public.claim_outbox_messages: its Min søknad templates are written by the migration
-- 20261206023535_reconcile_min_soknad_with_the_outbox, after the daily overview's columns.


CREATE OR REPLACE FUNCTION public.end_applicant_session (
  session text
)
  RETURNS jsonb
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
begin
  update private.applicant_sessions as s set ended_at = pg_catalog.now()
    where s.token_hash = private.link_token_hash(session) and s.ended_at is null;
  return '{"state": "signed_out"}'::jsonb;
end;
$function$;

REVOKE ALL ON FUNCTION "public"."end_applicant_session"(text) FROM PUBLIC, "anon", "authenticated";

CREATE OR REPLACE FUNCTION public.open_applicant_session (
  link_token text,
  client     text
)
  RETURNS jsonb
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
declare
  link private.link_tokens;
  session text := pg_catalog.rtrim(
    pg_catalog.translate(pg_catalog.encode(extensions.gen_random_bytes(32), 'base64'), '+/', '-_'), '=');
  opened timestamptz := pg_catalog.now();
begin
  select * into link from private.link_tokens as t
    where t.token_hash = private.link_token_hash(link_token) and t.purpose = 'applicant'
    for update;
  if not found then
    return '{"state": "unknown"}'::jsonb;
  elsif link.used_at is not null then
    return '{"state": "used"}'::jsonb;
  elsif link.expires_at <= pg_catalog.now() then
    return '{"state": "expired"}'::jsonb;
  end if;
  update private.link_tokens as t set used_at = pg_catalog.now() where t.token_hash = link.token_hash;
  insert into private.applicant_sessions (token_hash, application_id, created_at, last_seen_at)
    values (private.link_token_hash(session), link.application_id, opened, opened);
  return pg_catalog.jsonb_build_object('state', 'open', 'session', session,
    'expires_at', opened + interval '2 hours');
end;
$function$;

REVOKE ALL ON FUNCTION "public"."open_applicant_session"(text, text) FROM PUBLIC, "anon", "authenticated";

CREATE OR REPLACE FUNCTION public.request_applicant_link (
  email  text,
  client text,
  limits jsonb
)
  RETURNS jsonb
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
declare
  address constant text := pg_catalog.lower(pg_catalog.btrim(email));
  address_hash bytea;
  client_hash constant bytea := extensions.digest(coalesce(client, ''), 'sha256');
  names constant text[] := array['client_window_minutes', 'client_requests', 'code_interval_seconds',
    'requests_per_hour'];
  window_start timestamptz;
  wait_seconds numeric;
  newest uuid;
begin
  if not private.is_email_address(pg_catalog.to_jsonb(pg_catalog.btrim(email))) then
    raise exception 'invalid field: email' using errcode = '22023';
  end if;
  if limits is null or not limits ?& names
      or exists (select 1 from pg_catalog.unnest(names) as n
                 where pg_catalog.jsonb_typeof(limits -> n) <> 'number' or (limits ->> n)::numeric < 0) then
    raise exception 'invalid field: limits' using errcode = '22023';
  end if;
  address_hash := extensions.digest(address, 'sha256');

  -- One caller at a time per client and per address (in this order), so the counts hold.
  perform pg_catalog.pg_advisory_xact_lock(
    pg_catalog.hashtextextended('applicant_link:' || pg_catalog.encode(client_hash, 'hex'), 0));
  perform pg_catalog.pg_advisory_xact_lock(
    pg_catalog.hashtextextended('applicant_link:' || pg_catalog.encode(address_hash, 'hex'), 0));

  delete from private.sign_in_attempts as s where s.at < pg_catalog.now() - interval '1 day';

  -- Per client: every request (refused ones too) in the window; wait until the oldest leaves it.
  window_start := pg_catalog.now() - pg_catalog.make_interval(mins => (limits ->> 'client_window_minutes')::int);
  select extract(epoch from pg_catalog.min(s.at) - window_start) into wait_seconds
    from private.sign_in_attempts as s
    where s.client = client_hash and s.at > window_start
      and s.step in ('applicant_link', 'applicant_link_refused')
    having pg_catalog.count(*) >= (limits ->> 'client_requests')::int;
  -- Per address: one link per interval, and so many an hour.
  if wait_seconds is null then
    select extract(epoch from pg_catalog.max(s.at)
        + pg_catalog.make_interval(secs => (limits ->> 'code_interval_seconds')::int) - pg_catalog.now())
      into wait_seconds
      from private.sign_in_attempts as s
      where s.address = address_hash and s.step = 'applicant_link'
      having pg_catalog.max(s.at) > pg_catalog.now()
        - pg_catalog.make_interval(secs => (limits ->> 'code_interval_seconds')::int);
  end if;
  if wait_seconds is null then
    select extract(epoch from pg_catalog.min(s.at) + interval '1 hour' - pg_catalog.now())
      into wait_seconds
      from private.sign_in_attempts as s
      where s.address = address_hash and s.step = 'applicant_link'
        and s.at > pg_catalog.now() - interval '1 hour'
      having pg_catalog.count(*) >= (limits ->> 'requests_per_hour')::int;
  end if;

  if wait_seconds is not null then
    insert into private.sign_in_attempts (step, address, client) values ('applicant_link_refused', null, client_hash);
    return pg_catalog.jsonb_build_object('state', 'limited',
      'retry_after_seconds', greatest(1, pg_catalog.ceil(wait_seconds))::integer);
  end if;
  insert into private.sign_in_attempts (step, address, client) values ('applicant_link', address_hash, client_hash);

  select a.id into newest from public.applications as a
    where pg_catalog.lower(a.email) = address
    order by a.received_at desc, a.id limit 1;
  if newest is not null then
    insert into public.outbox_messages (application_id, template, recipient, subject_id)
      values (newest, 'applicant_link', 'applicant', newest);
  end if;
  return '{"state": "sent"}'::jsonb;
end;
$function$;

REVOKE ALL ON FUNCTION "public"."request_applicant_link"(text, text, jsonb) FROM PUBLIC, "anon", "authenticated";

ALTER TABLE "private"."applicant_sessions"
  ADD CONSTRAINT "applicant_sessions_application_id_fkey" FOREIGN KEY (application_id) REFERENCES public.applications(id) ON DELETE CASCADE;

ALTER TABLE "private"."email_changes"
  ADD CONSTRAINT "email_changes_application_id_fkey" FOREIGN KEY (application_id) REFERENCES public.applications(id) ON DELETE CASCADE;

ALTER TABLE "private"."link_tokens"
  ADD CONSTRAINT "link_tokens_own_expiry" CHECK (((purpose = ANY (ARRAY['applicant'::text, 'email_change'::text])) = (expires_at IS NOT NULL)));

ALTER TABLE "private"."link_tokens"
  ADD CONSTRAINT "link_tokens_purpose_known" CHECK ((purpose = ANY (ARRAY['co_applicant'::text, 'referee'::text, 'applicant'::text, 'email_change'::text])));

ALTER TABLE "private"."link_tokens"
  ADD CONSTRAINT "link_tokens_used_only_own" CHECK (((used_at IS NULL) OR (expires_at IS NOT NULL)));

ALTER TABLE "private"."sign_in_attempts"
  ADD CONSTRAINT "sign_in_attempts_step"
    CHECK
    ((step = ANY (ARRAY['request'::text, 'request_refused'::text, 'verify'::text, 'verify_refused'::text, 'signed_in'::text, 'applicant_link'::text,
    'applicant_link_refused'::text])));

ALTER TABLE "public"."applications"
  ADD CONSTRAINT "applications_withdrawn_by_applicant_withdrawn" CHECK (((NOT withdrawn_by_applicant) OR (status = 'withdrawn'::text)));

ALTER TABLE "public"."outbox_messages"
  ADD CONSTRAINT "outbox_messages_recipient_matches_template" CHECK ((recipient =
CASE
    WHEN ((template = ANY (ARRAY['receipt'::text, 'applicant_link'::text, 'applicant_email_confirm'::text])) OR (template ~~ 'status\_%'::text)) THEN 'applicant'::text
    WHEN (template = 'coordinator_notice'::text) THEN 'coordinators'::text
    WHEN (template = 'co_applicant_request'::text) THEN 'co_applicant'::text
    ELSE 'referee'::text
END));

ALTER TABLE "public"."outbox_messages"
  ADD CONSTRAINT "outbox_messages_subject_for_links"
    CHECK ((((template = ANY (ARRAY['receipt'::text, 'coordinator_notice'::text])) OR (template ~~ 'status\_%'::text)) = (subject_id IS NULL)));

ALTER TABLE "public"."outbox_messages"
  ADD CONSTRAINT "outbox_messages_template_known"
    CHECK
    ((template = ANY (ARRAY['receipt'::text, 'coordinator_notice'::text, 'co_applicant_request'::text, 'referee_request'::text, 'referee_reminder'::text, 'applicant_link'::text,
    'applicant_email_confirm'::text,
    'status_conversation_scheduled'::text, 'status_home_visit'::text, 'status_approved'::text, 'status_declined'::text, 'status_withdrawn'::text])));

CREATE INDEX applicant_sessions_application_id_idx ON private.applicant_sessions USING btree (application_id);

CREATE INDEX email_changes_application_id_idx ON private.email_changes USING btree (application_id);

CREATE INDEX applications_email_lower_idx ON public.applications USING btree (lower(email));

CREATE UNIQUE INDEX outbox_messages_one_status_email ON public.outbox_messages USING btree (application_id, template)
  WHERE (template ~~ 'status\_%'::text);

CREATE TRIGGER applications_audit
  AFTER INSERT OR DELETE OR UPDATE ON public.applications
  FOR EACH ROW
  EXECUTE FUNCTION
    private.audit_row('id', 'kind', 'status', 'received_at', 'certificate_status', 'certificate_issued_on', 'commitment_months', 'privacy_version', 'assigned_to',
    'status_changed_at', 'status_changed_by', 'journal_reference', 'journaled_at', 'journaled_by', 'referees_wanted', 'withdrawn_by_applicant', 'erasure_requested_at');

CREATE TRIGGER applications_figures_update
  AFTER UPDATE ON public.applications
  FOR EACH ROW
  WHEN
    (((old.status IS DISTINCT FROM new.status) OR (old.status_changed_at IS DISTINCT FROM new.status_changed_at) OR (old.withdrawn_by_applicant IS DISTINCT FROM
    new.withdrawn_by_applicant) OR (old.received_on IS DISTINCT FROM new.received_on) OR (old.contact_due_on IS DISTINCT FROM new.contact_due_on) OR
    (old.kind IS DISTINCT FROM new.kind) OR (old.heard_about IS DISTINCT FROM new.heard_about)))
  EXECUTE FUNCTION private.applications_figures();

COMMENT ON COLUMN "private"."applicant_sessions"."application_id" IS 'Søknaden hvis e-postadresse økten ble åpnet for; økten viser alle søknader med samme adresse.';

COMMENT ON COLUMN "private"."applicant_sessions"."created_at" IS 'Når økten ble åpnet (varer høyst 2 timer).';

COMMENT ON COLUMN "private"."applicant_sessions"."ended_at" IS 'Når søkeren logget ut.';

COMMENT ON COLUMN "private"."applicant_sessions"."last_seen_at" IS 'Når økten sist ble brukt (utløper etter 30 minutter uten bruk).';

COMMENT ON COLUMN "private"."applicant_sessions"."token_hash" IS 'SHA-256 av øktens kode (i søkerens informasjonskapsel).';

COMMENT ON COLUMN "private"."email_changes"."confirmed_at" IS 'Når den nye adressen ble bekreftet.';

COMMENT ON COLUMN "private"."email_changes"."new_email" IS 'Den nye adressen (blir søknadens når den er bekreftet).';

COMMENT ON COLUMN "private"."email_changes"."requested_at" IS 'Når søkeren ba om endringen.';

COMMENT ON COLUMN "private"."link_tokens"."expires_at" IS 'Når søkerens innloggingslenke (15 minutter) eller bekreftelseslenken (24 timer) går ut; tom for medsøkerens og referansenes lenker.';

COMMENT ON COLUMN "private"."link_tokens"."purpose" IS 'co_applicant = medsøkerens side, referee = en referanses side, applicant = søkerens innlogging på Min søknad, email_change = bekreftelse av ny e-postadresse.';

COMMENT ON COLUMN "private"."link_tokens"."subject_id" IS 'Hvem lenken gjelder: søknadens ID for medsøkeren og søkeren, referees.id for en referanse, private.email_changes.id for en ny e-postadresse.';

COMMENT ON COLUMN "private"."link_tokens"."used_at" IS 'Når søkerens lenke ble brukt (virker bare én gang).';

COMMENT ON COLUMN "private"."sign_in_attempts"."step" IS 'request: kode bedt om; verify: kode prøvd (feil til det motsatte er vist); signed_in: koden stemte; applicant_link: søker ba om lenke til Min søknad; *_refused: avvist av grensene.';

COMMENT ON COLUMN "public"."applications"."erasure_requested_at" IS 'Når søkeren ba om sletting på Min søknad. Lederen avgjør og sletter som før.';

COMMENT ON COLUMN "public"."applications"."withdrawn_by_applicant" IS 'Søkeren trakk selv søknaden på Min søknad (ikke en koordinator). Bare når status er withdrawn.';

COMMENT ON COLUMN "public"."audit_log"."actor_role" IS 'Databaserollen: authenticated = koordinator via innlogging, service_role = nettstedet (innsending), applicant = søkeren selv på Min søknad, postgres = SQL-editoren eller en jobb.';

COMMENT ON COLUMN "public"."outbox_messages"."subject_id" IS 'Hvem en lenke-e-post gjelder: søknadens ID for medsøkeren og for søkerens innloggingslenke, referees.id for en referanse, private.email_changes.id for bekreftelse av ny e-postadresse. Tom for kvittering, varsel og statusvarsler.';

COMMENT ON COLUMN "public"."outbox_messages"."template" IS 'Hvilken e-post: receipt = kvittering til søkeren, coordinator_notice = varsel til koordinatorene, co_applicant_request = lenke til medsøkeren, referee_request = forespørsel til en referanse, referee_reminder = påminnelse til en referanse, applicant_link = innloggingslenke til Min søknad, applicant_email_confirm = bekreft ny e-postadresse, status_* = statusvarsel til søkeren (én per status).';

COMMENT ON FUNCTION "public"."applicant_page"(text) IS 'For nettstedet (service_role), med en levende økt på Min søknad: søkerens egne søknader med status, steg, hva søkeren må gjøre og svarene slik de ble gitt. Aldri notater, sjekklistens hvem og når eller referansenes svar.';

COMMENT ON FUNCTION "public"."end_applicant_session"(text) IS 'For nettstedet (service_role): «Logg ut» på Min søknad; økten kan ikke brukes mer.';

COMMENT ON FUNCTION "public"."open_applicant_session"(text, text) IS 'For nettstedet (service_role): bruker opp søkerens innloggingslenke og åpner en økt på Min søknad, eller svarer at lenken er ukjent, brukt eller utløpt.';

COMMENT ON FUNCTION "public"."request_applicant_link"(text, text, jsonb) IS 'For nettstedet (service_role): søkeren ber om en innloggingslenke til Min søknad. Sender bare når en søknad har adressen, men svarer likt uansett; grenser per klient og per adresse.';

COMMENT ON TABLE "private"."applicant_sessions" IS 'Økter på Min søknad: bare SHA-256 av øktens kode lagres. Bare databaseeieren har tilgang; slettes med søknaden.';

COMMENT ON TABLE "private"."email_changes" IS 'Nye e-postadresser søkeren har bedt om på Min søknad, til de er bekreftet fra den nye adressen. Bare databaseeieren har tilgang; slettes med søknaden.';

REVOKE ALL ON FUNCTION "private"."act_as_applicant"() FROM PUBLIC;

REVOKE ALL ON FUNCTION "private"."applicant_case"(text, text) FROM PUBLIC;

REVOKE ALL ON FUNCTION "private"."applicant_session"(text) FROM PUBLIC;

REVOKE ALL ON FUNCTION "private"."case_figures"(date, text, timestamp WITH time zone, boolean, timestamp WITH time zone, date, date) FROM PUBLIC;

REVOKE ALL ON FUNCTION "private"."figures_apply"(integer, text, text, date, date, text, timestamp WITH time zone, boolean, timestamp WITH time zone, date, date) FROM PUBLIC;

REVOKE ALL ON FUNCTION "public"."applicant_page"(text) FROM "postgres";

GRANT EXECUTE ON FUNCTION "public"."applicant_page"(text) TO "postgres";

GRANT EXECUTE ON FUNCTION "public"."applicant_page"(text) TO "service_role";

REVOKE ALL ON FUNCTION "public"."end_applicant_session"(text) FROM "postgres";

GRANT EXECUTE ON FUNCTION "public"."end_applicant_session"(text) TO "postgres";

GRANT EXECUTE ON FUNCTION "public"."end_applicant_session"(text) TO "service_role";

REVOKE ALL ON FUNCTION "public"."open_applicant_session"(text, text) FROM "postgres";

GRANT EXECUTE ON FUNCTION "public"."open_applicant_session"(text, text) TO "postgres";

GRANT EXECUTE ON FUNCTION "public"."open_applicant_session"(text, text) TO "service_role";

REVOKE ALL ON FUNCTION "public"."request_applicant_link"(text, text, jsonb) FROM "postgres";

GRANT EXECUTE ON FUNCTION "public"."request_applicant_link"(text, text, jsonb) TO "postgres";

GRANT EXECUTE ON FUNCTION "public"."request_applicant_link"(text, text, jsonb) TO "service_role";

REVOKE ALL ("erasure_requested_at") ON TABLE "public"."applications" FROM "authenticated";

GRANT SELECT ("erasure_requested_at") ON TABLE "public"."applications" TO "authenticated";

REVOKE ALL ("withdrawn_by_applicant") ON TABLE "public"."applications" FROM "authenticated";

GRANT SELECT ("withdrawn_by_applicant") ON TABLE "public"."applications" TO "authenticated";
