-- household_coordinator_functions_and_guard
-- Written by `npm run db:migration` from supabase/schemas/ (the Supabase CLI's pg-delta
-- diff, and the schema's data rows). The live definitions are in supabase/schemas/.

SET local check_function_bodies = off;

CREATE OR REPLACE FUNCTION private.application_checklists_before_update()
  RETURNS TRIGGER
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
declare
  application public.applications;
  today constant date := private.today();
  actor uuid;
begin
  if new.application_id is distinct from old.application_id then
    raise exception 'En sjekkliste kan ikke flyttes til en annen søknad.' using errcode = '23514';
  end if;
  select * into application from public.applications as a where a.id = new.application_id;
  if application.status in ('approved', 'declined', 'withdrawn') then
    raise exception 'Søknad % er avsluttet (%); sjekklisten kan ikke endres.', application.reference,
      private.status_label(application.status)
      using errcode = '23514';
  end if;

  actor := private.acting_coordinator(application.assigned_to);

  if new.certificate_issued_on is distinct from old.certificate_issued_on then
    if new.certificate_issued_on > today then
      raise exception 'Politiattesten kan ikke være utstedt fram i tid (%).',
        pg_catalog.to_char(new.certificate_issued_on, 'DD.MM.YYYY')
        using errcode = '23514';
    end if;
    if new.certificate_issued_on is null then
      new.certificate_verified_by := null;
      new.certificate_verified_at := null;
    else
      if actor is null then
        raise exception 'Hvem kontrollerte attesten? Kjør som deg selv (rolle authenticated), eller tildel saken først.'
          using errcode = '23514';
      end if;
      new.certificate_verified_by := actor;
      new.certificate_verified_at := pg_catalog.now();
    end if;
  else
    new.certificate_verified_by := old.certificate_verified_by;
    new.certificate_verified_at := old.certificate_verified_at;
  end if;

  -- The partner's certificate: only when two apply together to become a visit home, dated like the
  -- applicant's, and who/when recorded the same way.
  if new.partner_certificate_issued_on is distinct from old.partner_certificate_issued_on then
    if new.partner_certificate_issued_on is not null
      and not private.case_needs(application, 'partnerCertificate') then
      raise exception 'Medsøkerens politiattest registreres bare når to søker sammen om å bli besøkshjem.'
        using errcode = '23514';
    end if;
    if new.partner_certificate_issued_on > today then
      raise exception 'Medsøkerens politiattest kan ikke være utstedt fram i tid (%).',
        pg_catalog.to_char(new.partner_certificate_issued_on, 'DD.MM.YYYY')
        using errcode = '23514';
    end if;
    if new.partner_certificate_issued_on is null then
      new.partner_certificate_verified_by := null;
      new.partner_certificate_verified_at := null;
    else
      if actor is null then
        raise exception 'Hvem kontrollerte medsøkerens attest? Kjør som deg selv (rolle authenticated), eller tildel saken først.'
          using errcode = '23514';
      end if;
      new.partner_certificate_verified_by := actor;
      new.partner_certificate_verified_at := pg_catalog.now();
    end if;
  else
    new.partner_certificate_verified_by := old.partner_certificate_verified_by;
    new.partner_certificate_verified_at := old.partner_certificate_verified_at;
  end if;

  if new.conversation_held_on is distinct from old.conversation_held_on
    and new.conversation_held_on > today then
    raise exception 'Samtalen kan ikke registreres fram i tid (%).',
      pg_catalog.to_char(new.conversation_held_on, 'DD.MM.YYYY')
      using errcode = '23514';
  end if;
  if new.home_visit_held_on is distinct from old.home_visit_held_on then
    if new.home_visit_held_on is not null and not private.case_needs(application, 'homeVisit') then
      raise exception 'Hjemmebesøk registreres bare for besøkshjem.' using errcode = '23514';
    end if;
    if new.home_visit_held_on > today then
      raise exception 'Hjemmebesøket kan ikke registreres fram i tid (%).',
        pg_catalog.to_char(new.home_visit_held_on, 'DD.MM.YYYY')
        using errcode = '23514';
    end if;
  end if;

  if new.references_checked is distinct from old.references_checked then
    -- When the form asked for referees, the references item counts their answers (public.referees)
    -- and is no coordinator's tick.
    if application.referees_wanted > 0 then
      raise exception 'Referansene i denne saken telles fra svarene deres; de krysses ikke av for hånd.'
        using errcode = '23514';
    end if;
    if new.references_checked then
      if actor is null then
        raise exception 'Hvem sjekket referansene? Kjør som deg selv (rolle authenticated), eller tildel saken først.'
          using errcode = '23514';
      end if;
      new.references_checked_by := actor;
      new.references_checked_at := pg_catalog.now();
    else
      new.references_checked_by := null;
      new.references_checked_at := null;
    end if;
  else
    new.references_checked_by := old.references_checked_by;
    new.references_checked_at := old.references_checked_at;
  end if;

  new.updated_at := pg_catalog.now();
  return new;
end;
$function$;

CREATE OR REPLACE FUNCTION private.check_approval (
  application public.applications
)
  RETURNS text[]
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
declare
  today constant date := private.today();
  checklist record;
  problems text[] := array[]::text[];
  part_status text;
  received integer;
begin
  select * into checklist
    from public.application_checklists as c
    where c.application_id = application.id
    for share;

  if private.case_needs(application, 'certificate') then
    if checklist.certificate_verified_by is null then
      problems := problems || 'Ingen koordinator har kontrollert politiattesten.'::text;
    elsif checklist.certificate_issued_on > today then
      problems := problems || pg_catalog.format('Politiattesten er datert fram i tid (%s).',
        pg_catalog.to_char(checklist.certificate_issued_on, 'DD.MM.YYYY'));
    elsif not private.is_certificate_valid(checklist.certificate_issued_on, today) then
      problems := problems || pg_catalog.format('Politiattesten (utstedt %s) var bare gyldig til og med %s.',
        pg_catalog.to_char(checklist.certificate_issued_on, 'DD.MM.YYYY'),
        pg_catalog.to_char(private.certificate_valid_until(checklist.certificate_issued_on), 'DD.MM.YYYY'));
    end if;
  end if;
  -- Two who apply together are both assessed: the partner's certificate is checked the same way.
  if private.case_needs(application, 'partnerCertificate') then
    if checklist.partner_certificate_verified_by is null then
      problems := problems || 'Ingen koordinator har kontrollert politiattesten til medsøkeren.'::text;
    elsif checklist.partner_certificate_issued_on > today then
      problems := problems || pg_catalog.format('Medsøkerens politiattest er datert fram i tid (%s).',
        pg_catalog.to_char(checklist.partner_certificate_issued_on, 'DD.MM.YYYY'));
    elsif not private.is_certificate_valid(checklist.partner_certificate_issued_on, today) then
      problems := problems || pg_catalog.format('Medsøkerens politiattest (utstedt %s) var bare gyldig til og med %s.',
        pg_catalog.to_char(checklist.partner_certificate_issued_on, 'DD.MM.YYYY'),
        pg_catalog.to_char(private.certificate_valid_until(checklist.partner_certificate_issued_on), 'DD.MM.YYYY'));
    end if;
  end if;
  if private.case_needs(application, 'conversation') then
    if checklist.conversation_held_on is null then
      problems := problems || 'Samtalen er ikke registrert som gjennomført.'::text;
    elsif checklist.conversation_held_on < application.received_on then
      problems := problems || 'Samtalen er datert før søknaden kom inn.'::text;
    end if;
  end if;
  if private.case_needs(application, 'homeVisit') then
    if checklist.home_visit_held_on is null then
      problems := problems || 'Hjemmebesøket er ikke registrert som gjennomført.'::text;
    elsif checklist.home_visit_held_on < application.received_on then
      problems := problems || 'Hjemmebesøket er datert før søknaden kom inn.'::text;
    end if;
  end if;
  -- The co-applicant's own part, locked as the checklist is (an answer arriving during approval).
  select p.status into part_status
    from public.co_applicant_parts as p where p.application_id = application.id
    for share;
  if part_status = 'pending' then
    problems := problems || 'Medsøkeren har ikke bekreftet at de søker sammen med søkeren.'::text;
  elsif part_status = 'declined' then
    problems := problems || 'Medsøkeren har svart at de ikke søker sammen med søkeren.'::text;
  end if;
  if private.case_needs(application, 'references') then
    if application.referees_wanted > 0 then
      select pg_catalog.count(*) filter (where r.status in ('answered', 'by_phone')) into received
        from (select r.status from public.referees as r where r.application_id = application.id for share) as r;
      if received < application.referees_wanted then
        problems := problems || pg_catalog.format('Bare %s av %s referanser er mottatt eller tatt på telefon.',
          received, application.referees_wanted);
      end if;
    elsif not checklist.references_checked then
      problems := problems || 'Referansene er ikke sjekket.'::text;
    end if;
  end if;
  return problems;
end;
$function$;

CREATE OR REPLACE FUNCTION private.open_case_for_links (
  application_reference text
)
  RETURNS uuid
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
declare
  found_id uuid;
  found_status text;
begin
  perform private.require_active_coordinator();
  select a.id, a.status into found_id, found_status
    from public.applications as a where a.reference = application_reference
    for share;
  if found_id is null then
    raise exception 'Fant ingen søknad med den referansen.' using errcode = 'P0002';
  end if;
  if found_status in ('approved', 'declined', 'withdrawn') then
    raise exception 'Søknad % er avsluttet (%).', application_reference, private.status_label(found_status)
      using errcode = '23514';
  end if;
  return found_id;
end;
$function$;

CREATE OR REPLACE FUNCTION public.case_checklist (
  application_reference text
)
  RETURNS TABLE (
    item          public.checklist_item,
    input         text,
    label         text,
    undo_label    text,
    hint          text,
    value         text,
    done          boolean,
    recorded_by   uuid,
    recorded_at   timestamp with time zone,
    valid_until   date,
    done_text     text,
    not_done_text text
  )
  LANGUAGE sql
  STABLE
  SET search_path TO ''
  AS $function$
  select i.item,
    case when counted.wanted then 'derived' else i.input end,
    case when counted.wanted then 'Referanser' else i.label end,
    case when counted.wanted then null else i.undo_label end,
    case when counted.wanted then null else i.hint end,
    v.value, v.done,
    case when v.done and not counted.wanted then coalesce((c.checklist ->> i.by_column)::uuid, logged.actor_id) end,
    case when v.done then
      case when counted.wanted then counted.last_at
        else coalesce((c.checklist ->> i.at_column)::timestamptz, logged.occurred_at) end end,
    case when i.certificate and v.done then private.certificate_valid_until(v.value::date) end,
    case when counted.wanted
      then pg_catalog.format('%s av %s referanser er mottatt eller tatt på telefon.', counted.received, a.referees_wanted)
      else i.done_text end,
    case when counted.wanted
      then pg_catalog.format('Bare %s av %s referanser er mottatt eller tatt på telefon.', counted.received, a.referees_wanted)
      else i.not_done_text end
  from public.applications as a
    join lateral (
      select pg_catalog.to_jsonb(cl) as checklist
        from public.application_checklists as cl where cl.application_id = a.id
    ) as c on true
    cross join public.checklist_items as i
    -- The references item of a case whose form asked for referees: counted from their answers.
    cross join lateral (
      select i.item = 'references' and a.referees_wanted > 0 as wanted,
        pg_catalog.count(*) filter (where r.status in ('answered', 'by_phone')) as received,
        pg_catalog.max(r.answered_at) filter (where r.status in ('answered', 'by_phone')) as last_at
        from public.referees as r
        where i.item = 'references' and a.referees_wanted > 0 and r.application_id = a.id
    ) as counted
    cross join lateral (
      select
        case when counted.wanted then counted.received::text else c.checklist ->> i.column_name end as value,
        case when counted.wanted then counted.received >= a.referees_wanted
          else coalesce(c.checklist ->> i.column_name <> 'false', false) end as done
    ) as v
    -- Who recorded a date that has no "by" column of its own: the newest change to it in the log.
    left join lateral (
      select l.actor_id, l.occurred_at
        from public.audit_log as l
        where i.by_column is null
          and l.application_id = a.id
          and l.table_name = 'application_checklists'
          and l.action = 'update'
          and l.changes ? i.column_name
        order by l.occurred_at desc, l.id desc
        limit 1
    ) as logged on true
  where a.reference = application_reference and private.case_needs(a, i.item)
  order by i.position
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
  if old_status not in ('not_asked', 'asked') then
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

REVOKE ALL ON FUNCTION "public"."record_phone_reference"(uuid, text) FROM PUBLIC, "anon", "service_role";

CREATE OR REPLACE FUNCTION public.request_references (
  application_reference text
)
  RETURNS integer
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
declare
  case_id uuid := private.open_case_for_links(application_reference);
  asked record;
  asked_count integer := 0;
begin
  for asked in
    with waiting as (
      select r.id, r.status from public.referees as r
        where r.application_id = case_id
          and (r.status = 'not_asked' or (r.status = 'asked' and r.expires_at <= pg_catalog.now()))
        order by r.position
        for update
    )
    update public.referees as r
      set status = 'asked', requested_at = pg_catalog.now(),
          expires_at = pg_catalog.now() + private.link_lifetime()
      from waiting as w
      where r.id = w.id
      returning r.id, w.status as old_status
  loop
    insert into public.outbox_messages (application_id, template, recipient, subject_id)
      values (case_id, 'referee_request', 'referee', asked.id);
    perform private.log_link_change('referees', case_id, asked.id,
      pg_catalog.jsonb_build_object('status', pg_catalog.jsonb_build_object('old', asked.old_status, 'new', 'asked')));
    asked_count := asked_count + 1;
  end loop;
  return asked_count;
end;
$function$;

REVOKE ALL ON FUNCTION "public"."request_references"(text) FROM PUBLIC, "anon", "service_role";

CREATE OR REPLACE FUNCTION public.resend_link (
  application_reference text,
  referee_id            uuid DEFAULT NULL::uuid
)
  RETURNS boolean
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
declare
  case_id uuid := private.open_case_for_links(application_reference);
  old_requested timestamptz;
  subject uuid;
begin
  if referee_id is null then
    select p.requested_at, p.application_id into old_requested, subject
      from public.co_applicant_parts as p
      where p.application_id = case_id and p.status = 'pending'
      for update;
    if subject is null then
      return false;
    end if;
    update public.co_applicant_parts as p
      set requested_at = pg_catalog.now(), expires_at = pg_catalog.now() + private.link_lifetime()
      where p.application_id = case_id;
    insert into public.outbox_messages (application_id, template, recipient, subject_id)
      values (case_id, 'co_applicant_request', 'co_applicant', case_id);
    perform private.log_link_change('co_applicant_parts', case_id, case_id,
      pg_catalog.jsonb_build_object('requested_at',
        pg_catalog.jsonb_build_object('old', old_requested, 'new', pg_catalog.now())));
  else
    select r.requested_at, r.id into old_requested, subject
      from public.referees as r
      where r.id = resend_link.referee_id and r.application_id = case_id and r.status = 'asked'
      for update;
    if subject is null then
      return false;
    end if;
    update public.referees as r
      set requested_at = pg_catalog.now(), expires_at = pg_catalog.now() + private.link_lifetime()
      where r.id = subject;
    insert into public.outbox_messages (application_id, template, recipient, subject_id)
      values (case_id, 'referee_request', 'referee', subject);
    perform private.log_link_change('referees', case_id, subject,
      pg_catalog.jsonb_build_object('requested_at',
        pg_catalog.jsonb_build_object('old', old_requested, 'new', pg_catalog.now())));
  end if;
  return true;
end;
$function$;

REVOKE ALL ON FUNCTION "public"."resend_link"(text, uuid) FROM PUBLIC, "anon", "service_role";

CREATE OR REPLACE FUNCTION public.send_link_reminders (
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

REVOKE ALL ON FUNCTION "public"."send_link_reminders"(timestamp WITH time zone) FROM PUBLIC, "anon", "authenticated";

COMMENT ON FUNCTION "public"."record_phone_reference"(uuid, text) IS 'For aktive koordinatorer: registrerer at en referanse er tatt på telefon, med et notat. Gir false når referansen allerede har svart.';

COMMENT ON FUNCTION "public"."request_references"(text) IS 'For aktive koordinatorer: sender forespørsel (e-post med personlig lenke) til referansene i en åpen sak som ikke er spurt ennå, eller der lenken er utløpt. Gir hvor mange som ble spurt.';

COMMENT ON FUNCTION "public"."resend_link"(text, uuid) IS 'For aktive koordinatorer: sender lenken på nytt til medsøkeren (referee_id tom, mens hen ikke har svart) eller til en referanse som er spurt og ikke har svart. Lenken gjelder 21 dager fra nå. Gir false når det ikke er noe å sende.';

COMMENT ON FUNCTION "public"."send_link_reminders"(timestamp with time zone) IS 'For den faste jobben (service_role): legger en påminnelse i utboksen til hver referanse som ble spurt for minst 7 dager siden, ikke har svart og ikke er påminnet. Én påminnelse per referanse. Gir antallet.';

REVOKE ALL ON FUNCTION "private"."open_case_for_links"(text) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "public"."record_phone_reference"(uuid, text) TO "authenticated";

REVOKE ALL ON FUNCTION "public"."record_phone_reference"(uuid, text) FROM "postgres";

GRANT EXECUTE ON FUNCTION "public"."record_phone_reference"(uuid, text) TO "postgres";

GRANT EXECUTE ON FUNCTION "public"."request_references"(text) TO "authenticated";

REVOKE ALL ON FUNCTION "public"."request_references"(text) FROM "postgres";

GRANT EXECUTE ON FUNCTION "public"."request_references"(text) TO "postgres";

GRANT EXECUTE ON FUNCTION "public"."resend_link"(text, uuid) TO "authenticated";

REVOKE ALL ON FUNCTION "public"."resend_link"(text, uuid) FROM "postgres";

GRANT EXECUTE ON FUNCTION "public"."resend_link"(text, uuid) TO "postgres";

REVOKE ALL ON FUNCTION "public"."send_link_reminders"(timestamp WITH time zone) FROM "postgres";

GRANT EXECUTE ON FUNCTION "public"."send_link_reminders"(timestamp WITH time zone) TO "postgres";

GRANT EXECUTE ON FUNCTION "public"."send_link_reminders"(timestamp WITH time zone) TO "service_role";
