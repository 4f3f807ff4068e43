-- one_definition_per_rule
-- Written by `npm run db:migration` from supabase/schemas/ (the Supabase CLI's pg-delta
-- diff, and the schema's data rows). The live definitions are in supabase/schemas/.

SET local check_function_bodies = off;

DROP VIEW "public"."screening_queue";

ALTER TABLE "public"."applications"
  DROP CONSTRAINT "applications_certificate_recent";

ALTER TABLE "public"."applications"
  DROP CONSTRAINT "applications_details_shape";

ALTER TABLE "public"."applications"
  DROP CONSTRAINT "applications_email_format";

ALTER TABLE "public"."applications"
  DROP CONSTRAINT "applications_full_name_length";

ALTER TABLE "public"."applications"
  DROP CONSTRAINT "applications_motivation_length";

ALTER TABLE "public"."applications"
  DROP CONSTRAINT "applications_phone_format";

ALTER TABLE "public"."applications"
  DROP CONSTRAINT "applications_postal_place_length";

ALTER TABLE "public"."applications"
  DROP CONSTRAINT "applications_street_address_length";

DROP FUNCTION "private"."check_approval"(public.applications);

DROP FUNCTION "public"."application_next_steps"(text);

DROP FUNCTION "public"."database_now"();

CREATE TABLE "public"."checklist_items" ();

ALTER TABLE "public"."checklist_items"
  ENABLE ROW LEVEL SECURITY;

REVOKE ALL ON TABLE "public"."checklist_items" FROM "anon", "service_role";

ALTER TABLE "public"."applications"
  ADD COLUMN "applying_with" text;

ALTER TABLE "public"."applications"
  ADD COLUMN "partner_name" text;

ALTER TABLE "public"."applications"
  ADD COLUMN "partner_phone" text;

ALTER TABLE "public"."applications"
  ADD COLUMN "partner_email" text;

ALTER TABLE "public"."applications"
  ADD COLUMN "adults" integer;

ALTER TABLE "public"."applications"
  ADD COLUMN "others_informed" text;

ALTER TABLE "public"."applications"
  ADD COLUMN "children" integer;

ALTER TABLE "public"."applications"
  ADD COLUMN "children_ages" text;

ALTER TABLE "public"."applications"
  ADD COLUMN "spare_bed" boolean;

ALTER TABLE "public"."applications"
  ADD COLUMN "weekends_per_month" integer;

ALTER TABLE "public"."applications"
  ADD COLUMN "also_available" text[];

ALTER TABLE "public"."applications"
  ADD COLUMN "siblings" text;

ALTER TABLE "public"."applications"
  ADD COLUMN "suited_ages" text[];

ALTER TABLE "public"."applications"
  ADD COLUMN "experience_kinds" text[];

ALTER TABLE "public"."applications"
  ADD COLUMN "experience_years" integer;

ALTER TABLE "public"."applications"
  ADD COLUMN "availability" text[];

ALTER TABLE "public"."applications"
  ADD COLUMN "children_capacity" integer;

ALTER TABLE "public"."applications"
  ADD COLUMN "languages" text;

-- Written by hand: the role's answers move from `details` to the columns of their names, before
-- `details` goes and before the constraints that read the columns are added. Not audited row by
-- row: the answers themselves do not change.
ALTER TABLE "public"."applications" DISABLE TRIGGER "applications_audit";
UPDATE "public"."applications" AS a
  SET (applying_with, partner_name, partner_phone, partner_email, adults, others_informed, children,
      children_ages, spare_bed, weekends_per_month, also_available, siblings, suited_ages,
      experience_kinds, experience_years, availability, children_capacity, languages)
    = (SELECT r.applying_with, r.partner_name, r.partner_phone, r.partner_email, r.adults,
        r.others_informed, r.children, r.children_ages, r.spare_bed, r.weekends_per_month,
        r.also_available, r.siblings, r.suited_ages, r.experience_kinds, r.experience_years,
        r.availability, r.children_capacity, r.languages
      FROM jsonb_populate_record(null::public.applications, a.details) AS r);
ALTER TABLE "public"."applications" ENABLE TRIGGER "applications_audit";

ALTER TABLE "public"."applications"
  DROP COLUMN "details";

CREATE TYPE "public"."checklist_item" AS ENUM (
  'certificate',
  'partnerCertificate',
  'conversation',
  'homeVisit',
  'references'
);

ALTER TABLE "public"."checklist_items"
  ADD COLUMN "item" public.checklist_item NOT NULL;

ALTER TABLE "public"."checklist_items"
  ADD COLUMN "position" smallint NOT NULL;

ALTER TABLE "public"."checklist_items"
  ADD COLUMN "column_name" text NOT NULL;

ALTER TABLE "public"."checklist_items"
  ADD COLUMN "input" text NOT NULL;

ALTER TABLE "public"."checklist_items"
  ADD COLUMN "kinds" text[] NOT NULL;

ALTER TABLE "public"."checklist_items"
  ADD COLUMN "only_together" boolean NOT NULL DEFAULT false;

ALTER TABLE "public"."checklist_items"
  ADD COLUMN "certificate" boolean NOT NULL DEFAULT false;

ALTER TABLE "public"."checklist_items"
  ADD COLUMN "by_column" text;

ALTER TABLE "public"."checklist_items"
  ADD COLUMN "at_column" text;

ALTER TABLE "public"."checklist_items"
  ADD COLUMN "label" text NOT NULL;

ALTER TABLE "public"."checklist_items"
  ADD COLUMN "undo_label" text;

ALTER TABLE "public"."checklist_items"
  ADD COLUMN "hint" text;

ALTER TABLE "public"."checklist_items"
  ADD COLUMN "done_text" text NOT NULL;

ALTER TABLE "public"."checklist_items"
  ADD COLUMN "not_done_text" text NOT NULL;

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

CREATE OR REPLACE FUNCTION private.applies_together (
  applying_with text
)
  RETURNS boolean
  LANGUAGE sql
  IMMUTABLE
  SET search_path TO ''
  AS $function$
  select coalesce(applying_with = 'sammen', false)
$function$;

CREATE OR REPLACE FUNCTION private.case_needs (
  application public.applications,
  wanted      public.checklist_item
)
  RETURNS boolean
  LANGUAGE sql
  STABLE
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
  select exists (
    select from public.checklist_items as i
      where i.item = wanted
        and application.kind = any (i.kinds)
        -- From the answer, not the generated column: in the workflow's BEFORE trigger the row's
        -- generated columns are not computed yet (they read null).
        and (not i.only_together or private.applies_together(application.applying_with)))
$function$;

CREATE OR REPLACE FUNCTION private.certificate_valid_until (
  issued date
)
  RETURNS date
  LANGUAGE sql
  IMMUTABLE
  SET search_path TO ''
  AS $function$
  select (issued + interval '3 months')::date
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
  return problems;
end;
$function$;

CREATE OR REPLACE FUNCTION private.is_certificate_valid (
  issued date,
  on_day date
)
  RETURNS boolean
  LANGUAGE sql
  IMMUTABLE
  SET search_path TO ''
  AS $function$
  select issued <= on_day and on_day <= private.certificate_valid_until(issued)
$function$;

CREATE OR REPLACE FUNCTION private.is_whole_number (
  value jsonb,
  min   integer,
  max   integer
)
  RETURNS boolean
  LANGUAGE sql
  IMMUTABLE
  SET search_path TO ''
  AS $function$
  select coalesce(
    pg_catalog.jsonb_typeof(value) = 'number'
    and (value #>> '{}') ~ '^-?[0-9]{1,9}$'
    and (value #>> '{}')::numeric between min and max,
    false)
$function$;

CREATE OR REPLACE FUNCTION private.submission_problem (
  application jsonb,
  today       date
)
  RETURNS text
  LANGUAGE plpgsql
  STABLE
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
declare
  common_keys constant text[] := array[
    'submission_id', 'kind', 'full_name', 'email', 'phone', 'call_time', 'street_address', 'postcode',
    'postal_place', 'over_18', 'motivation', 'certificate_status', 'certificate_issued_on',
    'commitment_months', 'confirmed_requirements', 'heard_about', 'privacy_consent',
    'privacy_version'];
  visit_home_keys constant text[] := array[
    'applying_with', 'partner_name', 'partner_phone', 'partner_email', 'adults', 'others_informed',
    'children', 'children_ages', 'spare_bed', 'weekends_per_month', 'also_available', 'siblings',
    'suited_ages'];
  supervisor_keys constant text[] := array[
    'experience_kinds', 'experience_years', 'availability', 'children_capacity', 'languages'];
  kind text;
  keys text[];
  issued text;
  issued_on date;
  requirements text[];
begin
  if application is null or pg_catalog.jsonb_typeof(application) <> 'object' then
    return 'application';
  end if;
  -- The kind's own keys; with an unknown kind, those of neither (the kind is refused below).
  keys := common_keys || case application ->> 'kind'
    when 'besokshjem' then visit_home_keys
    when 'tilsynsperson' then supervisor_keys
    else array[]::text[] end;
  if exists (select from pg_catalog.jsonb_object_keys(application) as k
      where k <> all (keys || visit_home_keys || supervisor_keys)
        or (k <> all (keys) and application ->> 'kind' in ('besokshjem', 'tilsynsperson'))) then
    return 'unknown field';
  end if;
  if not (application ?& keys) then
    return 'missing field';
  end if;
  if not coalesce((application ->> 'submission_id') ~ '^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$'
      and pg_catalog.jsonb_typeof(application -> 'submission_id') = 'string', false) then
    return 'submission_id';
  end if;
  if not private.is_choice(application -> 'kind', array['besokshjem', 'tilsynsperson']) then
    return 'kind';
  end if;
  kind := application ->> 'kind';
  if not private.is_form_text(application -> 'full_name', 100) then
    return 'full_name';
  end if;
  if not private.is_email_address(application -> 'email') then
    return 'email';
  end if;
  if not private.is_phone_number(application -> 'phone') then
    return 'phone';
  end if;
  if not private.is_choice(application -> 'call_time', array['formiddag', 'ettermiddag', 'dagtid']) then
    return 'call_time';
  end if;
  if not private.is_form_text(application -> 'street_address', 120) then
    return 'street_address';
  end if;
  if not coalesce(pg_catalog.jsonb_typeof(application -> 'postcode') = 'string'
      and (application ->> 'postcode') ~ '^[0-9]{4}$', false) then
    return 'postcode';
  end if;
  if not private.is_form_text(application -> 'postal_place', 60) then
    return 'postal_place';
  end if;
  if application -> 'over_18' is distinct from 'true'::jsonb then
    return 'over_18';
  end if;
  if not private.is_form_text(application -> 'motivation', 1000, true) then
    return 'motivation';
  end if;
  if not private.is_choice(application -> 'certificate_status', array['har', 'bestiller']) then
    return 'certificate_status';
  end if;
  if application ->> 'certificate_status' = 'bestiller' then
    if application -> 'certificate_issued_on' <> 'null'::jsonb then
      return 'certificate_issued_on';
    end if;
  else
    issued := case when pg_catalog.jsonb_typeof(application -> 'certificate_issued_on') = 'string'
      then application ->> 'certificate_issued_on' end;
    if issued is null or issued !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' then
      return 'certificate_issued_on';
    end if;
    begin
      issued_on := pg_catalog.make_date(pg_catalog.substr(issued, 1, 4)::integer,
        pg_catalog.substr(issued, 6, 2)::integer, pg_catalog.substr(issued, 9, 2)::integer);
    exception when others then
      return 'certificate_issued_on';
    end;
    if issued_on < date '1900-01-01' then
      return 'certificate_issued_on';
    end if;
    -- The rule itself: not in the future, at most three calendar months old (as the table checks).
    if not private.is_certificate_valid(issued_on, today) then
      return 'certificate_issued_on';
    end if;
  end if;
  if not private.is_whole_number(application -> 'commitment_months', 12, 120) then
    return 'commitment_months';
  end if;
  if application -> 'heard_about' <> 'null'::jsonb
    and not private.is_choice(application -> 'heard_about',
      array['nettside', 'sosiale-medier', 'bekjent', 'annonse', 'informasjonsmote', 'annet']) then
    return 'heard_about';
  end if;
  if application -> 'privacy_consent' is distinct from 'true'::jsonb then
    return 'privacy_consent';
  end if;
  if not coalesce(pg_catalog.jsonb_typeof(application -> 'privacy_version') = 'string'
      and exists (select from private.privacy_versions as v where v.version = application ->> 'privacy_version'),
      false) then
    return 'privacy_version';
  end if;

  requirements := case kind
    when 'besokshjem' then array['stabil-livssituasjon', 'overskudd-og-tid', 'glad-i-barn', 'trygge-rutiner']
    else array['kontakt-med-barn', 'stabil-livssituasjon'] end;
  if not (private.is_choice_list(application -> 'confirmed_requirements', requirements)
      and pg_catalog.jsonb_array_length(application -> 'confirmed_requirements')
        = pg_catalog.cardinality(requirements)) then
    return 'confirmed_requirements';
  end if;

  if kind = 'besokshjem' then
    if not private.is_choice(application -> 'applying_with', array['alene', 'sammen']) then
      return 'applying_with';
    end if;
    -- Together: the partner's name, phone and e-mail, checked as the applicant's own; alone: none.
    if private.applies_together(application ->> 'applying_with') then
      if not private.is_form_text(application -> 'partner_name', 100) then
        return 'partner_name';
      end if;
      if not private.is_phone_number(application -> 'partner_phone') then
        return 'partner_phone';
      end if;
      if not private.is_email_address(application -> 'partner_email') then
        return 'partner_email';
      end if;
    else
      if application -> 'partner_name' <> 'null'::jsonb then
        return 'partner_name';
      end if;
      if application -> 'partner_phone' <> 'null'::jsonb then
        return 'partner_phone';
      end if;
      if application -> 'partner_email' <> 'null'::jsonb then
        return 'partner_email';
      end if;
    end if;
    if not private.is_whole_number(application -> 'adults', 1, 10) then
      return 'adults';
    end if;
    -- Applying together means at least two adults live in the home.
    if private.applies_together(application ->> 'applying_with') and (application ->> 'adults')::numeric < 2 then
      return 'adults';
    end if;
    if not private.is_choice(application -> 'others_informed', array['ja', 'ingen-andre']) then
      return 'others_informed';
    end if;
    -- "The other adults know" needs other adults; "no other adults" means exactly one.
    if (application ->> 'others_informed' = 'ingen-andre') <> ((application ->> 'adults')::numeric = 1) then
      return 'others_informed';
    end if;
    if not private.is_whole_number(application -> 'children', 0, 10) then
      return 'children';
    end if;
    if application -> 'children_ages' <> 'null'::jsonb
      and not (private.is_form_text(application -> 'children_ages', 60)
        and (application ->> 'children_ages') ~ '^[0-9]{1,2}(?: *[,;] *[0-9]{1,2})*$') then
      return 'children_ages';
    end if;
    if application -> 'spare_bed' is distinct from 'true'::jsonb then
      return 'spare_bed';
    end if;
    if not private.is_whole_number(application -> 'weekends_per_month', 1, 3) then
      return 'weekends_per_month';
    end if;
    if not private.is_choice_list(application -> 'also_available', array['ferier', 'hverdager']) then
      return 'also_available';
    end if;
    if not private.is_choice(application -> 'siblings', array['ja', 'nei', 'kanskje']) then
      return 'siblings';
    end if;
    if not private.is_choice_list(application -> 'suited_ages', array['0-5', '6-12', '13-18'], 1) then
      return 'suited_ages';
    end if;
  else
    if not private.is_choice_list(application -> 'experience_kinds',
        array['forelder', 'jobb', 'frivillig', 'annet']) then
      return 'experience_kinds';
    end if;
    -- Experience is wanted, not required: the years may be left empty.
    if application -> 'experience_years' <> 'null'::jsonb
      and not private.is_whole_number(application -> 'experience_years', 0, 60) then
      return 'experience_years';
    end if;
    if not private.is_choice_list(application -> 'availability', array['dagtid', 'kveld', 'helg'], 1) then
      return 'availability';
    end if;
    if not private.is_whole_number(application -> 'children_capacity', 1, 10) then
      return 'children_capacity';
    end if;
    if application -> 'languages' <> 'null'::jsonb
      and not private.is_form_text(application -> 'languages', 200) then
      return 'languages';
    end if;
  end if;
  return null;
end;
$function$;

CREATE OR REPLACE FUNCTION public.application_next_steps (
  application_reference text
)
  RETURNS TABLE (
    status           text,
    label            text,
    approval_missing text[]
  )
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
declare
  application public.applications;
  next_status text;
begin
  -- SECURITY DEFINER (to run the guard, which API roles may not call directly), so access is
  -- checked here, with the same helper and answer as the policies.
  perform private.require_active_coordinator();
  select * into application from public.applications as a where a.reference = application_reference;
  if not found then
    return;
  end if;
  foreach next_status in array private.next_statuses(application.kind, application.status) loop
    status := next_status;
    label := private.status_label(next_status);
    approval_missing := case when next_status = 'approved' then private.check_approval(application) end;
    return next;
  end loop;
end;
$function$;

REVOKE ALL ON FUNCTION "public"."application_next_steps"(text) FROM PUBLIC, "anon";

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
  select i.item, i.input, i.label, i.undo_label, i.hint, v.value, v.done,
    case when v.done then coalesce((c.checklist ->> i.by_column)::uuid, logged.actor_id) end,
    case when v.done then coalesce((c.checklist ->> i.at_column)::timestamptz, logged.occurred_at) end,
    case when i.certificate and v.done then private.certificate_valid_until(v.value::date) end,
    i.done_text, i.not_done_text
  from public.applications as a
    join lateral (
      select pg_catalog.to_jsonb(cl) as checklist
        from public.application_checklists as cl where cl.application_id = a.id
    ) as c on true
    cross join public.checklist_items as i
    cross join lateral (
      select c.checklist ->> i.column_name as value,
        coalesce(c.checklist ->> i.column_name <> 'false', false) as done
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

REVOKE ALL ON FUNCTION "public"."case_checklist"(text) FROM PUBLIC, "anon", "service_role";

CREATE OR REPLACE FUNCTION public.record_checklist (
  application_reference text,
  item                  public.checklist_item,
  value                 jsonb
)
  RETURNS boolean
  LANGUAGE plpgsql
  SET search_path TO ''
  AS $function$
declare
  target_column text;
  updated integer;
begin
  select i.column_name into target_column
    from public.checklist_items as i where i.item = record_checklist.item;
  -- The value is read into the column's own type, as an insert of that row would read it.
  execute pg_catalog.format(
    'update public.application_checklists as c
        set %1$I = (pg_catalog.jsonb_populate_record(null::public.application_checklists, $1)).%1$I
       from public.applications as a
      where a.id = c.application_id and a.reference = $2',
    target_column)
    using pg_catalog.jsonb_build_object(target_column, value), application_reference;
  get diagnostics updated = row_count;
  return updated > 0;
end;
$function$;

REVOKE ALL ON FUNCTION "public"."record_checklist"(text, public.checklist_item, jsonb) FROM PUBLIC, "anon", "service_role";

CREATE OR REPLACE FUNCTION public.submit_application (
  application jsonb
)
  RETURNS text
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
declare
  alphabet constant text := '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  -- One clock: the date the certificate rule is judged on is the date received_at gets.
  today constant date := (pg_catalog.now() at time zone 'Europe/Oslo')::date;
  problem text;
  new_reference text;
  existing text;
  random_bytes bytea;
  address text;
  columns text;
begin
  problem := private.submission_problem(application, today);
  if problem in ('application', 'unknown field', 'missing field', 'submission_id') then
    raise exception 'invalid field: %', problem using errcode = '22023';
  end if;

  -- A repeated submission returns the first receipt, whatever else it holds now.
  select a.reference into existing
    from public.applications as a
    where a.submission_id = (application ->> 'submission_id')::uuid;
  if existing is not null then
    return existing;
  end if;

  -- The certificate date says which way it failed, so the site can show the date field's message.
  if problem = 'certificate_issued_on' and (application ->> 'certificate_issued_on') ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' then
    raise exception 'invalid field: %', problem using errcode = '22023',
      hint = case when application ->> 'certificate_issued_on' > today::text then 'future' else 'too_old' end;
  elsif problem is not null then
    raise exception 'invalid field: %', problem using errcode = '22023';
  end if;

  -- At most a few receipts per address and day. The lock makes concurrent submissions for one
  -- address count one after the other.
  address := pg_catalog.lower(application ->> 'email');
  perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended('submit_application:' || address, 0));
  if (select pg_catalog.count(*) from public.applications as a
        where pg_catalog.lower(a.email) = address
          and a.received_at > pg_catalog.now() - interval '24 hours')
      >= private.applications_per_address_per_day() then
    raise exception 'too many applications for one e-mail address; try again tomorrow'
      using errcode = 'PT429';
  end if;

  -- Eight random characters (40 bits) from an alphabet without 0/O and 1/I.
  random_bytes := extensions.gen_random_bytes(8);
  new_reference := case application ->> 'kind' when 'besokshjem' then 'BH' else 'TP' end || '-';
  for i in 0..7 loop
    if i = 4 then
      new_reference := new_reference || '-';
    end if;
    new_reference := new_reference
      || pg_catalog.substr(alphabet, 1 + pg_catalog.get_byte(random_bytes, i) % 32, 1);
  end loop;

  begin
    -- Each answer goes to the column of its name (submission_problem let no other key through);
    -- jsonb_populate_record reads each into its column's type.
    select pg_catalog.string_agg(pg_catalog.quote_ident(k), ', ') into columns
      from pg_catalog.jsonb_object_keys(application) as k;
    execute pg_catalog.format(
      'insert into public.applications (reference, %1$s)
         select $1, %1$s from pg_catalog.jsonb_populate_record(null::public.applications, $2)
         on conflict (submission_id) do nothing',
      columns)
      using new_reference, application;
  exception when others then
    -- The original error's detail would repeat the whole row; keep only its code and constraint.
    declare
      code text := sqlstate;
      failed_constraint text;
    begin
      get stacked diagnostics failed_constraint = constraint_name;
      raise exception 'application refused by the database (%)', coalesce(nullif(failed_constraint, ''), code)
        using errcode = code;
    end;
  end;

  -- Lost a race with a concurrent repeat of the same submission: return that one's reference.
  select a.reference into existing
    from public.applications as a
    where a.submission_id = (application ->> 'submission_id')::uuid;
  return existing;
end;
$function$;

ALTER TABLE "public"."applications"
  ADD CONSTRAINT "applications_adults_range" CHECK (((adults >= 1) AND (adults <= 10)));

ALTER TABLE "public"."applications"
  ADD CONSTRAINT "applications_applying_with_known" CHECK ((applying_with = ANY (ARRAY['alene'::text, 'sammen'::text])));

ALTER TABLE "public"."applications"
  ADD CONSTRAINT "applications_children_capacity_range" CHECK (((children_capacity >= 1) AND (children_capacity <= 10)));

ALTER TABLE "public"."applications"
  ADD CONSTRAINT "applications_children_range" CHECK (((children >= 0) AND (children <= 10)));

ALTER TABLE "public"."applications"
  ADD CONSTRAINT "applications_experience_years_range" CHECK (((experience_years >= 0) AND (experience_years <= 60)));

ALTER TABLE "public"."applications"
  ADD CONSTRAINT "applications_others_informed_fits" CHECK (((others_informed = 'ingen-andre'::text) = (adults = 1)));

ALTER TABLE "public"."applications"
  ADD CONSTRAINT "applications_others_informed_known" CHECK ((others_informed = ANY (ARRAY['ja'::text, 'ingen-andre'::text])));

ALTER TABLE "public"."applications"
  ADD CONSTRAINT "applications_role_answers_given" CHECK (
CASE kind
    WHEN 'besokshjem'::text THEN
      ((num_nulls(adults, children, spare_bed, weekends_per_month, also_available, siblings, suited_ages) = 0) AND (num_nonnulls(experience_kinds, experience_years, availability,
      children_capacity, languages) = 0) AND ((applying_with IS NULL) = (others_informed IS NULL)))
    WHEN 'tilsynsperson'::text THEN
      ((num_nulls(experience_kinds, availability, children_capacity) = 0) AND (num_nonnulls(applying_with, partner_name, partner_phone, partner_email, adults, others_informed,
      children, children_ages, spare_bed, weekends_per_month, also_available, siblings, suited_ages) = 0))
    ELSE NULL::boolean
END);

ALTER TABLE "public"."applications"
  ADD CONSTRAINT "applications_siblings_known" CHECK ((siblings = ANY (ARRAY['ja'::text, 'nei'::text, 'kanskje'::text])));

ALTER TABLE "public"."applications"
  ADD CONSTRAINT "applications_spare_bed" CHECK (spare_bed);

ALTER TABLE "public"."applications"
  ADD CONSTRAINT "applications_weekends_per_month_range" CHECK (((weekends_per_month >= 1) AND (weekends_per_month <= 3)));

ALTER TABLE "public"."checklist_items"
  ADD CONSTRAINT "checklist_items_by_and_at" CHECK (((by_column IS NULL) = (at_column IS NULL)));

ALTER TABLE "public"."checklist_items"
  ADD CONSTRAINT "checklist_items_column_name_unique" UNIQUE (column_name);

ALTER TABLE "public"."checklist_items"
  ADD CONSTRAINT "checklist_items_input_known" CHECK ((input = ANY (ARRAY['date'::text, 'toggle'::text])));

ALTER TABLE "public"."checklist_items"
  ADD CONSTRAINT "checklist_items_kinds_known" CHECK (((kinds <> '{}'::text[]) AND (kinds <@ ARRAY['besokshjem'::text, 'tilsynsperson'::text])));

ALTER TABLE "public"."checklist_items"
  ADD CONSTRAINT "checklist_items_pkey" PRIMARY KEY (item);

ALTER TABLE "public"."checklist_items"
  ADD CONSTRAINT "checklist_items_position_unique" UNIQUE ("position");

ALTER TABLE "public"."checklist_items"
  ADD CONSTRAINT "checklist_items_undo_for_toggles" CHECK (((input = 'toggle'::text) = (undo_label IS NOT NULL)));

CREATE VIEW "public"."screening_queue" WITH (security_invoker=true) AS  WITH open_application AS (
         SELECT a.id,
            a.reference,
            a.kind,
            a.status,
            a.full_name,
            a.assigned_to,
            a.received_at,
            a.received_on,
            a.contact_due_on,
            (c.certificate_verified_by IS NOT NULL) AS certificate_verified,
            COALESCE(c.certificate_issued_on, a.certificate_issued_on) AS certificate_issued_on,
            GREATEST(c.conversation_held_on, c.home_visit_held_on, ((c.last_contact_note_at AT TIME ZONE 'Europe/Oslo'::text))::date) AS last_contact_on,
            t.today
           FROM ((public.applications a
             CROSS JOIN LATERAL ( SELECT cl.application_id,
                    cl.certificate_issued_on,
                    cl.certificate_verified_by,
                    cl.certificate_verified_at,
                    cl.conversation_held_on,
                    cl.home_visit_held_on,
                    cl.references_checked,
                    cl.references_checked_by,
                    cl.references_checked_at,
                    cl.last_contact_note_at,
                    cl.updated_at
                   FROM public.application_checklists cl
                  WHERE (cl.application_id = a.id)
                 LIMIT 1) c)
             CROSS JOIN ( SELECT private.today() AS today
                 OFFSET 0) t)
          WHERE (a.status = ANY (ARRAY['received'::text, 'in_review'::text, 'conversation_scheduled'::text, 'home_visit'::text]))
        ), computed AS (
         SELECT o.id,
            o.reference,
            o.kind,
            o.status,
            o.full_name,
            o.assigned_to,
            o.received_at,
            o.received_on,
            o.contact_due_on,
            o.certificate_verified,
            o.certificate_issued_on,
            o.last_contact_on,
            o.today,
            private.certificate_valid_until(o.certificate_issued_on) AS certificate_valid_until
           FROM open_application o
        ), flagged AS (
         SELECT c.id,
            c.reference,
            c.kind,
            c.status,
            c.full_name,
            c.assigned_to,
            c.received_at,
            c.received_on,
            c.contact_due_on,
            c.certificate_verified,
            c.certificate_issued_on,
            c.last_contact_on,
            c.today,
            c.certificate_valid_until,
            ((c.last_contact_on IS NULL) AND (c.today > c.contact_due_on)) AS no_contact_overdue,
            (c.certificate_issued_on IS NULL) AS certificate_missing,
            (c.certificate_valid_until - c.today) AS certificate_days_left,
            (c.certificate_valid_until < c.today) AS certificate_expired,
            ((c.certificate_valid_until >= c.today) AND ((c.certificate_valid_until - c.today) <= 14)) AS certificate_expiring
           FROM computed c
        )
 SELECT id,
    reference,
    kind,
    status,
    full_name,
    assigned_to,
    received_at,
    (today - received_on) AS days_since_received,
    last_contact_on,
    (today - last_contact_on) AS days_since_last_contact,
    contact_due_on,
    certificate_issued_on,
    certificate_verified,
    certificate_valid_until,
    certificate_days_left,
    certificate_missing,
    COALESCE(certificate_expiring, false) AS certificate_expiring,
    COALESCE(certificate_expired, false) AS certificate_expired,
    no_contact_overdue,
        CASE
            WHEN (no_contact_overdue OR COALESCE(certificate_expired, false)) THEN 2
            WHEN COALESCE(certificate_expiring, false) THEN 1
            ELSE 0
        END AS urgency
   FROM flagged f
  ORDER BY
        CASE
            WHEN (no_contact_overdue OR COALESCE(certificate_expired, false)) THEN 2
            WHEN COALESCE(certificate_expiring, false) THEN 1
            ELSE 0
        END DESC, received_at;

REVOKE ALL ON TABLE "public"."screening_queue" FROM "anon", "service_role";

CREATE POLICY "Active coordinators read the checklist items" ON "public"."checklist_items"
  FOR SELECT
  TO "authenticated"
  USING (( SELECT private.require_active_coordinator() AS require_active_coordinator));

COMMENT ON COLUMN "public"."applications"."adults" IS 'Besøkshjem: hvor mange voksne som bor i hjemmet (1–10).';

COMMENT ON COLUMN "public"."applications"."also_available" IS 'Besøkshjem: kan også ta imot barnet i ferier og/eller på hverdager.';

COMMENT ON COLUMN "public"."applications"."applying_with" IS 'Besøkshjem: søker alene (alene) eller sammen med ektefelle, samboer eller registrert partner (sammen). Tom for tilsynspersoner og for søknader sendt før skjemaet spurte.';

COMMENT ON COLUMN "public"."applications"."availability" IS 'Tilsynsperson: når hen vanligvis kan ha besøk (dagtid, kveld, helg).';

COMMENT ON COLUMN "public"."applications"."children" IS 'Besøkshjem: hvor mange barn som bor i hjemmet (0–10).';

COMMENT ON COLUMN "public"."applications"."children_ages" IS 'Besøkshjem: barnas alder, skilt med komma (valgfritt).';

COMMENT ON COLUMN "public"."applications"."children_capacity" IS 'Tilsynsperson: hvor mange barn hen kan følge opp (1–10).';

COMMENT ON COLUMN "public"."applications"."experience_kinds" IS 'Tilsynsperson: erfaring med barn og unge (forelder, jobb, frivillig, annet); kan være tom.';

COMMENT ON COLUMN "public"."applications"."experience_years" IS 'Tilsynsperson: år med erfaring (kan stå tomt).';

COMMENT ON COLUMN "public"."applications"."languages" IS 'Tilsynsperson: språk hen snakker (valgfritt).';

COMMENT ON COLUMN "public"."applications"."others_informed" IS 'Besøkshjem: om de andre voksne i hjemmet vet om søknaden (ja), eller at det ikke bor andre voksne der (ingen-andre).';

COMMENT ON COLUMN "public"."applications"."partner_email" IS 'Besøkshjem: e-postadressen til den søkeren søker sammen med. Tom når søkeren søker alene.';

COMMENT ON COLUMN "public"."applications"."partner_name" IS 'Besøkshjem: fullt navn til den søkeren søker sammen med. Tom når søkeren søker alene.';

COMMENT ON COLUMN "public"."applications"."partner_phone" IS 'Besøkshjem: telefonnummeret til den søkeren søker sammen med, 8 siffer. Tom når søkeren søker alene.';

COMMENT ON COLUMN "public"."applications"."siblings" IS 'Besøkshjem: kan ta imot søsken (ja, nei, kanskje).';

COMMENT ON COLUMN "public"."applications"."spare_bed" IS 'Besøkshjem: har en ledig seng til barnet.';

COMMENT ON COLUMN "public"."applications"."suited_ages" IS 'Besøkshjem: aldersgruppene som passer best (0-5, 6-12, 13-18).';

COMMENT ON COLUMN "public"."applications"."weekends_per_month" IS 'Besøkshjem: hvor mange helger i måneden søkeren kan ta imot et barn (3 = tre eller flere).';

COMMENT ON COLUMN "public"."checklist_items"."at_column" IS 'Kolonnen som sier når punktet ble registrert (tom: revisjonsloggen sier det).';

COMMENT ON COLUMN "public"."checklist_items"."by_column" IS 'Kolonnen som sier hvem som registrerte punktet (tom: revisjonsloggen sier det).';

COMMENT ON COLUMN "public"."checklist_items"."certificate" IS 'Punktet er en politiattest: den gjelder i tre måneder fra utstedelsesdatoen.';

COMMENT ON COLUMN "public"."checklist_items"."column_name" IS 'Kolonnen i application_checklists punktet fyller ut.';

COMMENT ON COLUMN "public"."checklist_items"."done_text" IS 'Hva som er gjort: {on} datoen, {by} hvem, {at} når, {valid_until} siste gyldige dag for en politiattest.';

COMMENT ON COLUMN "public"."checklist_items"."hint" IS 'Hjelpeteksten under ledeteksten.';

COMMENT ON COLUMN "public"."checklist_items"."input" IS 'date = en dato, toggle = en knapp som krysser av eller angrer.';

COMMENT ON COLUMN "public"."checklist_items"."item" IS 'Punktet.';

COMMENT ON COLUMN "public"."checklist_items"."kinds" IS 'Hvilke søknader som trenger punktet (besokshjem, tilsynsperson).';

COMMENT ON COLUMN "public"."checklist_items"."label" IS 'Ledeteksten til datofeltet, eller teksten på knappen; {partner} er medsøkerens navn.';

COMMENT ON COLUMN "public"."checklist_items"."not_done_text" IS 'Teksten når punktet ikke er gjort.';

COMMENT ON COLUMN "public"."checklist_items"."only_together" IS 'Bare når to søker sammen om å bli besøkshjem.';

COMMENT ON COLUMN "public"."checklist_items"."position" IS 'Rekkefølgen på sjekklisten.';

COMMENT ON COLUMN "public"."checklist_items"."undo_label" IS 'Teksten på knappen når punktet er krysset av.';

COMMENT ON FUNCTION "public"."application_next_steps"(text) IS 'Neste tillatte statuser for søknaden med denne referansen (fra arbeidsflyten), med norsk navn, og for godkjenning hva godkjenningskontrollen sier mangler i dag (tom liste når ingenting mangler). Bare for aktive koordinatorer.';

COMMENT ON FUNCTION "public"."case_checklist"(text) IS 'Sjekklisten for søknaden med denne referansen slik arbeidsflaten viser den: ett punkt per punkt saken trenger, med tekstene, verdien, om det er gjort, hvem og når. Bare for aktive koordinatorer.';

COMMENT ON FUNCTION "public"."record_checklist"(text, public.checklist_item, jsonb) IS 'Fyller ut ett punkt på sjekklisten for søknaden med denne referansen (en dato, eller sant/usant for en avkrysning). Gir false når saken ikke finnes. Bare for aktive koordinatorer.';

COMMENT ON TABLE "public"."checklist_items" IS 'Punktene på sjekklisten: hvilken kolonne i application_checklists de fyller ut, om de er en dato eller en avkrysning, hvilke saker som trenger dem, og tekstene saksbildet viser. Aktive koordinatorer kan lese; endres bare med en migrering.';

COMMENT ON TYPE "public"."checklist_item" IS 'Punktene på sjekklisten (se tabellen checklist_items).';

COMMENT ON VIEW "public"."screening_queue" IS 'Arbeidskøen: én rad per åpen søknad, mest hastende først. Bare aktive koordinatorer kan lese (tilgangsreglene for søknader gjelder).';

REVOKE ALL ON FUNCTION "private"."applies_together"(text) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."applies_together"(text) TO "authenticated";

REVOKE ALL ON FUNCTION "private"."case_needs"(public.applications, public.checklist_item) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."case_needs"(public.applications, public.checklist_item) TO "authenticated";

REVOKE ALL ON FUNCTION "private"."certificate_valid_until"(date) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."certificate_valid_until"(date) TO "authenticated";

REVOKE ALL ON FUNCTION "private"."check_approval"(public.applications) FROM PUBLIC;

REVOKE ALL ON FUNCTION "private"."is_certificate_valid"(date, date) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."is_certificate_valid"(date, date) TO "authenticated";

REVOKE ALL ON FUNCTION "private"."is_choice_list"(jsonb, text[], integer) FROM "authenticated";

GRANT EXECUTE ON FUNCTION "private"."is_choice_list"(jsonb, text[], integer) TO "authenticated";

REVOKE ALL ON FUNCTION "private"."is_email_address"(jsonb) FROM "authenticated";

GRANT EXECUTE ON FUNCTION "private"."is_email_address"(jsonb) TO "authenticated";

REVOKE ALL ON FUNCTION "private"."is_form_text"(jsonb, integer, boolean) FROM "authenticated";

GRANT EXECUTE ON FUNCTION "private"."is_form_text"(jsonb, integer, boolean) TO "authenticated";

REVOKE ALL ON FUNCTION "private"."is_phone_number"(jsonb) FROM "authenticated";

GRANT EXECUTE ON FUNCTION "private"."is_phone_number"(jsonb) TO "authenticated";

GRANT EXECUTE ON FUNCTION "public"."application_next_steps"(text) TO "authenticated";

REVOKE ALL ON FUNCTION "public"."application_next_steps"(text) FROM "postgres";

GRANT EXECUTE ON FUNCTION "public"."application_next_steps"(text) TO "postgres";

GRANT EXECUTE ON FUNCTION "public"."application_next_steps"(text) TO "service_role";

GRANT EXECUTE ON FUNCTION "public"."case_checklist"(text) TO "authenticated";

REVOKE ALL ON FUNCTION "public"."case_checklist"(text) FROM "postgres";

GRANT EXECUTE ON FUNCTION "public"."case_checklist"(text) TO "postgres";

GRANT EXECUTE ON FUNCTION "public"."record_checklist"(text, public.checklist_item, jsonb) TO "authenticated";

REVOKE ALL ON FUNCTION "public"."record_checklist"(text, public.checklist_item, jsonb) FROM "postgres";

GRANT EXECUTE ON FUNCTION "public"."record_checklist"(text, public.checklist_item, jsonb) TO "postgres";

REVOKE ALL ("adults") ON TABLE "public"."applications" FROM "authenticated";

GRANT SELECT ("adults") ON TABLE "public"."applications" TO "authenticated";

REVOKE ALL ("also_available") ON TABLE "public"."applications" FROM "authenticated";

GRANT SELECT ("also_available") ON TABLE "public"."applications" TO "authenticated";

REVOKE ALL ("applying_with") ON TABLE "public"."applications" FROM "authenticated";

GRANT SELECT ("applying_with") ON TABLE "public"."applications" TO "authenticated";

REVOKE ALL ("availability") ON TABLE "public"."applications" FROM "authenticated";

GRANT SELECT ("availability") ON TABLE "public"."applications" TO "authenticated";

REVOKE ALL ("children_ages") ON TABLE "public"."applications" FROM "authenticated";

GRANT SELECT ("children_ages") ON TABLE "public"."applications" TO "authenticated";

REVOKE ALL ("children_capacity") ON TABLE "public"."applications" FROM "authenticated";

GRANT SELECT ("children_capacity") ON TABLE "public"."applications" TO "authenticated";

REVOKE ALL ("children") ON TABLE "public"."applications" FROM "authenticated";

GRANT SELECT ("children") ON TABLE "public"."applications" TO "authenticated";

REVOKE ALL ("experience_kinds") ON TABLE "public"."applications" FROM "authenticated";

GRANT SELECT ("experience_kinds") ON TABLE "public"."applications" TO "authenticated";

REVOKE ALL ("experience_years") ON TABLE "public"."applications" FROM "authenticated";

GRANT SELECT ("experience_years") ON TABLE "public"."applications" TO "authenticated";

REVOKE ALL ("languages") ON TABLE "public"."applications" FROM "authenticated";

GRANT SELECT ("languages") ON TABLE "public"."applications" TO "authenticated";

REVOKE ALL ("others_informed") ON TABLE "public"."applications" FROM "authenticated";

GRANT SELECT ("others_informed") ON TABLE "public"."applications" TO "authenticated";

REVOKE ALL ("partner_email") ON TABLE "public"."applications" FROM "authenticated";

GRANT SELECT ("partner_email") ON TABLE "public"."applications" TO "authenticated";

REVOKE ALL ("partner_name") ON TABLE "public"."applications" FROM "authenticated";

GRANT SELECT ("partner_name") ON TABLE "public"."applications" TO "authenticated";

REVOKE ALL ("partner_phone") ON TABLE "public"."applications" FROM "authenticated";

GRANT SELECT ("partner_phone") ON TABLE "public"."applications" TO "authenticated";

REVOKE ALL ("siblings") ON TABLE "public"."applications" FROM "authenticated";

GRANT SELECT ("siblings") ON TABLE "public"."applications" TO "authenticated";

REVOKE ALL ("spare_bed") ON TABLE "public"."applications" FROM "authenticated";

GRANT SELECT ("spare_bed") ON TABLE "public"."applications" TO "authenticated";

REVOKE ALL ("suited_ages") ON TABLE "public"."applications" FROM "authenticated";

GRANT SELECT ("suited_ages") ON TABLE "public"."applications" TO "authenticated";

REVOKE ALL ("weekends_per_month") ON TABLE "public"."applications" FROM "authenticated";

GRANT SELECT ("weekends_per_month") ON TABLE "public"."applications" TO "authenticated";

REVOKE ALL ON TABLE "public"."checklist_items" FROM "authenticated";

GRANT SELECT ON TABLE "public"."checklist_items" TO "authenticated";

REVOKE ALL ON TABLE "public"."checklist_items" FROM "postgres";

GRANT DELETE, INSERT, MAINTAIN, REFERENCES, SELECT, TRIGGER, TRUNCATE, UPDATE ON TABLE "public"."checklist_items" TO "postgres";

REVOKE ALL ON TABLE "public"."screening_queue" FROM "authenticated";

GRANT SELECT ON TABLE "public"."screening_queue" TO "authenticated";

REVOKE ALL ON TABLE "public"."screening_queue" FROM "postgres";

GRANT DELETE, INSERT, MAINTAIN, REFERENCES, SELECT, TRIGGER, TRUNCATE, UPDATE ON TABLE "public"."screening_queue" TO "postgres";

ALTER TABLE "public"."applications"
  ADD COLUMN "applies_together" boolean GENERATED ALWAYS AS (private.applies_together(applying_with)) STORED NOT NULL;

COMMENT ON COLUMN "public"."applications"."applies_together" IS 'To søker sammen om å bli besøkshjem (applying_with = sammen). Regnes ut automatisk; begge vurderes, og begge må legge fram politiattest.';

REVOKE ALL ("applies_together") ON TABLE "public"."applications" FROM "authenticated";

GRANT SELECT ("applies_together") ON TABLE "public"."applications" TO "authenticated";

ALTER TABLE "public"."applications"
  ADD CONSTRAINT "applications_also_available_known"
    CHECK (((also_available IS NULL) OR private.is_choice_list(to_jsonb(also_available), ARRAY['ferier'::text, 'hverdager'::text])));

ALTER TABLE "public"."applications"
  ADD CONSTRAINT "applications_availability_known"
    CHECK (((availability IS NULL) OR private.is_choice_list(to_jsonb(availability), ARRAY['dagtid'::text, 'kveld'::text, 'helg'::text], 1)));

ALTER TABLE "public"."applications"
  ADD CONSTRAINT "applications_certificate_recent" CHECK (((certificate_issued_on IS NULL) OR private.is_certificate_valid(certificate_issued_on, received_on)));

ALTER TABLE "public"."applications"
  ADD CONSTRAINT "applications_children_ages_length" CHECK (((children_ages IS NULL) OR private.is_form_text(to_jsonb(children_ages), 60)));

ALTER TABLE "public"."applications"
  ADD CONSTRAINT "applications_email_format" CHECK (private.is_email_address(to_jsonb(email)));

ALTER TABLE "public"."applications"
  ADD CONSTRAINT "applications_experience_kinds_known"
    CHECK (((experience_kinds IS NULL) OR private.is_choice_list(to_jsonb(experience_kinds), ARRAY['forelder'::text, 'jobb'::text, 'frivillig'::text, 'annet'::text])));

ALTER TABLE "public"."applications"
  ADD CONSTRAINT "applications_full_name_length" CHECK (private.is_form_text(to_jsonb(full_name), 100));

ALTER TABLE "public"."applications"
  ADD CONSTRAINT "applications_languages_length" CHECK (((languages IS NULL) OR private.is_form_text(to_jsonb(languages), 200)));

ALTER TABLE "public"."applications"
  ADD CONSTRAINT "applications_motivation_length" CHECK (private.is_form_text(to_jsonb(motivation), 1000, true));

ALTER TABLE "public"."applications"
  ADD CONSTRAINT "applications_partner_given" CHECK (
CASE
    WHEN applies_together THEN
      (private.is_form_text(to_jsonb(partner_name), 100) AND private.is_phone_number(to_jsonb(partner_phone)) AND private.is_email_address(to_jsonb(partner_email)) AND (adults >=
      2))
    ELSE (num_nonnulls(partner_name, partner_phone, partner_email) = 0)
END);

ALTER TABLE "public"."applications"
  ADD CONSTRAINT "applications_phone_format" CHECK (private.is_phone_number(to_jsonb(phone)));

ALTER TABLE "public"."applications"
  ADD CONSTRAINT "applications_postal_place_length" CHECK (private.is_form_text(to_jsonb(postal_place), 60));

ALTER TABLE "public"."applications"
  ADD CONSTRAINT "applications_street_address_length" CHECK (private.is_form_text(to_jsonb(street_address), 120));

ALTER TABLE "public"."applications"
  ADD CONSTRAINT "applications_suited_ages_known"
    CHECK (((suited_ages IS NULL) OR private.is_choice_list(to_jsonb(suited_ages), ARRAY['0-5'::text, '6-12'::text, '13-18'::text], 1)));

insert into public.checklist_items (item, "position", column_name, input, kinds, only_together, certificate, by_column, at_column, label, undo_label, hint, done_text, not_done_text)
  select item, "position", column_name, input, kinds, only_together, certificate, by_column, at_column, label, undo_label, hint, done_text, not_done_text from jsonb_populate_record(null::public.checklist_items, '{"hint": "Skriv datoen som dd.mm.åååå. La feltet stå tomt og lagre for å fjerne kontrollen.", "item": "certificate", "input": "date", "kinds": ["besokshjem", "tilsynsperson"], "label": "Politiattest kontrollert: utstedelsesdato som står på attesten", "position": 1, "at_column": "certificate_verified_at", "by_column": "certificate_verified_by", "done_text": "Kontrollert av {by} {at}. Gyldig til og med {valid_until}.", "undo_label": null, "certificate": true, "column_name": "certificate_issued_on", "not_done_text": "Ikke kontrollert.", "only_together": false}');

insert into public.checklist_items (item, "position", column_name, input, kinds, only_together, certificate, by_column, at_column, label, undo_label, hint, done_text, not_done_text)
  select item, "position", column_name, input, kinds, only_together, certificate, by_column, at_column, label, undo_label, hint, done_text, not_done_text from jsonb_populate_record(null::public.checklist_items, '{"hint": "Skriv datoen som dd.mm.åååå. La feltet stå tomt og lagre for å fjerne kontrollen.", "item": "partnerCertificate", "input": "date", "kinds": ["besokshjem"], "label": "Politiattesten til medsøkeren, {partner}, kontrollert: utstedelsesdato som står på attesten", "position": 2, "at_column": "partner_certificate_verified_at", "by_column": "partner_certificate_verified_by", "done_text": "Medsøkerens politiattest er kontrollert av {by} {at}. Gyldig til og med {valid_until}.", "undo_label": null, "certificate": true, "column_name": "partner_certificate_issued_on", "not_done_text": "Medsøkerens politiattest er ikke kontrollert.", "only_together": true}');

insert into public.checklist_items (item, "position", column_name, input, kinds, only_together, certificate, by_column, at_column, label, undo_label, hint, done_text, not_done_text)
  select item, "position", column_name, input, kinds, only_together, certificate, by_column, at_column, label, undo_label, hint, done_text, not_done_text from jsonb_populate_record(null::public.checklist_items, '{"hint": "Skriv datoen som dd.mm.åååå.", "item": "conversation", "input": "date", "kinds": ["besokshjem", "tilsynsperson"], "label": "Samtale holdt (dato)", "position": 3, "at_column": null, "by_column": null, "done_text": "Holdt {on}, registrert av {by} {at}.", "undo_label": null, "certificate": false, "column_name": "conversation_held_on", "not_done_text": "Ikke registrert.", "only_together": false}');

insert into public.checklist_items (item, "position", column_name, input, kinds, only_together, certificate, by_column, at_column, label, undo_label, hint, done_text, not_done_text)
  select item, "position", column_name, input, kinds, only_together, certificate, by_column, at_column, label, undo_label, hint, done_text, not_done_text from jsonb_populate_record(null::public.checklist_items, '{"hint": "Skriv datoen som dd.mm.åååå.", "item": "homeVisit", "input": "date", "kinds": ["besokshjem"], "label": "Hjemmebesøk holdt (dato)", "position": 4, "at_column": null, "by_column": null, "done_text": "Holdt {on}, registrert av {by} {at}.", "undo_label": null, "certificate": false, "column_name": "home_visit_held_on", "not_done_text": "Ikke registrert.", "only_together": false}');

insert into public.checklist_items (item, "position", column_name, input, kinds, only_together, certificate, by_column, at_column, label, undo_label, hint, done_text, not_done_text)
  select item, "position", column_name, input, kinds, only_together, certificate, by_column, at_column, label, undo_label, hint, done_text, not_done_text from jsonb_populate_record(null::public.checklist_items, '{"hint": null, "item": "references", "input": "toggle", "kinds": ["besokshjem", "tilsynsperson"], "label": "Referansene er sjekket", "position": 5, "at_column": "references_checked_at", "by_column": "references_checked_by", "done_text": "Referansene er sjekket av {by} {at}.", "undo_label": "Angre: referansene er ikke sjekket", "certificate": false, "column_name": "references_checked", "not_done_text": "Referansene er ikke sjekket.", "only_together": false}');

-- Comments the diff left out (written by db:migration from supabase/schemas/).
comment on column public.screening_queue.assigned_to is 'Koordinatoren som har saken.';
comment on column public.screening_queue.certificate_days_left is 'Dager til attesten går ut (0 = siste gyldige dag i dag, negativt = utløpt).';
comment on column public.screening_queue.certificate_expired is 'Attesten er utløpt: søkeren må levere ny før godkjenning.';
comment on column public.screening_queue.certificate_expiring is 'Attesten går ut innen 14 dager.';
comment on column public.screening_queue.certificate_issued_on is 'Politiattestens utstedelsesdato: den koordinator har kontrollert, ellers den søkeren oppga.';
comment on column public.screening_queue.certificate_missing is 'Ingen politiattest ennå.';
comment on column public.screening_queue.certificate_valid_until is 'Siste dag attesten er gyldig (utstedelsesdato + 3 måneder, private.certificate_valid_until).';
comment on column public.screening_queue.certificate_verified is 'En koordinator har kontrollert attesten.';
comment on column public.screening_queue.contact_due_on is 'Frist for første kontakt: 5 arbeidsdager (man–fre) etter mottak.';
comment on column public.screening_queue.days_since_last_contact is 'Dager siden siste kontakt (tom: ingen kontakt ennå).';
comment on column public.screening_queue.days_since_received is 'Dager siden søknaden kom inn.';
comment on column public.screening_queue.full_name is 'Søkerens navn.';
comment on column public.screening_queue.kind is 'besokshjem eller tilsynsperson.';
comment on column public.screening_queue.last_contact_on is 'Siste kontakt med søkeren: samtale, hjemmebesøk eller notat merket som kontakt.';
comment on column public.screening_queue.no_contact_overdue is 'Ingen kontakt med søkeren innen 5 arbeidsdager etter mottak.';
comment on column public.screening_queue.received_at is 'Når søknaden kom inn.';
comment on column public.screening_queue.reference is 'Søknadens referanse, for eksempel BH-7K3M-Q9XD.';
comment on column public.screening_queue.status is 'Saksstatus (se applications.status).';
comment on column public.screening_queue.urgency is '2 = kontaktfrist passert eller attest utløpt, 1 = attest går ut innen 14 dager, 0 = resten.';
