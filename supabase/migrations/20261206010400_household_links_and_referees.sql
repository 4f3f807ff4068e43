-- household_links_and_referees
-- Written by `npm run db:migration` from supabase/schemas/ (the Supabase CLI's pg-delta
-- diff, and the schema's data rows). The live definitions are in supabase/schemas/.

SET local check_function_bodies = off;

DROP TRIGGER "applications_audit" ON "public"."applications";

DROP TRIGGER "screening_settings_audit" ON "public"."screening_settings";

ALTER TABLE "public"."outbox_messages"
  DROP CONSTRAINT "outbox_messages_one_per_template";

ALTER TABLE "public"."outbox_messages"
  DROP CONSTRAINT "outbox_messages_recipient_known";

ALTER TABLE "public"."outbox_messages"
  DROP CONSTRAINT "outbox_messages_recipient_matches_template";

ALTER TABLE "public"."outbox_messages"
  DROP CONSTRAINT "outbox_messages_template_known";

DROP FUNCTION "public"."claim_outbox_messages"(integer, integer, integer);

CREATE TABLE "private"."link_tokens" (
  "token_hash"     bytea                    NOT NULL,
  "application_id" uuid                     NOT NULL,
  "purpose"        text                     NOT NULL,
  "subject_id"     uuid                     NOT NULL,
  "issued_at"      timestamp with time zone NOT NULL DEFAULT now(),
  CONSTRAINT "link_tokens_hash_length" CHECK ((octet_length(token_hash) = 32)),
  CONSTRAINT "link_tokens_pkey" PRIMARY KEY (token_hash),
  CONSTRAINT "link_tokens_purpose_known" CHECK ((purpose = ANY (ARRAY['co_applicant'::text, 'referee'::text])))
);

ALTER TABLE "private"."link_tokens"
  ENABLE ROW LEVEL SECURITY;

CREATE TABLE "public"."co_applicant_parts" (
  "application_id"        uuid                     NOT NULL,
  "status"                text                     NOT NULL DEFAULT 'pending'::text,
  "requested_at"          timestamp with time zone,
  "expires_at"            timestamp with time zone,
  "answered_at"           timestamp with time zone,
  "over_18"               boolean,
  "phone"                 text,
  "call_time"             text,
  "certificate_status"    text,
  "certificate_issued_on" date,
  "privacy_version"       text,
  CONSTRAINT "co_applicant_parts_answered_when_answered" CHECK (((status = 'pending'::text) = (answered_at IS NULL))),
  CONSTRAINT "co_applicant_parts_link_period" CHECK ((((requested_at IS NULL) = (expires_at IS NULL)) AND (expires_at > requested_at))),
  CONSTRAINT "co_applicant_parts_pkey" PRIMARY KEY (application_id),
  CONSTRAINT "co_applicant_parts_status_known" CHECK ((status = ANY (ARRAY['pending'::text, 'confirmed'::text, 'declined'::text]))),
  CONSTRAINT "co_applicant_parts_answers_given" CHECK (
CASE
    WHEN (status = 'confirmed'::text) THEN
      (over_18 AND private.is_phone_number(to_jsonb(phone)) AND (call_time = ANY (ARRAY['formiddag'::text, 'ettermiddag'::text, 'dagtid'::text])) AND (certificate_status = ANY
      (ARRAY['har'::text, 'bestiller'::text])) AND ((certificate_status = 'har'::text) = (certificate_issued_on IS
      NOT NULL)) AND ((certificate_issued_on IS NULL) OR private.is_certificate_valid(certificate_issued_on, ((answered_at AT TIME ZONE 'Europe/Oslo'::text))::date)) AND
      ((char_length(privacy_version) >= 1) AND (char_length(privacy_version) <= 40)))
    ELSE (num_nonnulls(over_18, phone, call_time, certificate_status, certificate_issued_on, privacy_version) = 0)
END)
);

ALTER TABLE "public"."co_applicant_parts"
  ENABLE ROW LEVEL SECURITY;

REVOKE ALL ON TABLE "public"."co_applicant_parts" FROM "anon", "service_role";

CREATE TABLE "public"."referees" (
  "id"             uuid                     NOT NULL DEFAULT gen_random_uuid(),
  "application_id" uuid                     NOT NULL,
  "position"       smallint                 NOT NULL,
  "full_name"      text                     NOT NULL,
  "relation"       text                     NOT NULL,
  "phone"          text                     NOT NULL,
  "email"          text                     NOT NULL,
  "status"         text                     NOT NULL DEFAULT 'not_asked'::text,
  "requested_at"   timestamp with time zone,
  "reminded_at"    timestamp with time zone,
  "expires_at"     timestamp with time zone,
  "answered_at"    timestamp with time zone,
  "answers"        jsonb,
  "phone_note"     text,
  "recorded_by"    uuid,
  CONSTRAINT "referees_answered_when_answered" CHECK (((status = ANY (ARRAY['answered'::text, 'declined'::text, 'by_phone'::text])) = (answered_at IS NOT NULL))),
  CONSTRAINT "referees_asked_has_link" CHECK (((status <> ALL (ARRAY['asked'::text, 'answered'::text, 'declined'::text])) OR (requested_at IS NOT NULL))),
  CONSTRAINT "referees_link_period" CHECK ((((requested_at IS NULL) = (expires_at IS NULL)) AND (expires_at > requested_at))),
  CONSTRAINT "referees_one_per_position" UNIQUE (application_id, "position"),
  CONSTRAINT "referees_pkey" PRIMARY KEY (id),
  CONSTRAINT "referees_position_range" CHECK ((("position" >= 1) AND ("position" <= 5))),
  CONSTRAINT "referees_reminded_after_asked" CHECK (((reminded_at IS NULL) OR (requested_at IS NOT NULL))),
  CONSTRAINT "referees_status_known" CHECK ((status = ANY (ARRAY['not_asked'::text, 'asked'::text, 'answered'::text, 'declined'::text, 'by_phone'::text]))),
  CONSTRAINT "referees_email_format" CHECK (private.is_email_address(to_jsonb(email))),
  CONSTRAINT "referees_full_name_length" CHECK (private.is_form_text(to_jsonb(full_name), 100)),
  CONSTRAINT "referees_phone_format" CHECK (private.is_phone_number(to_jsonb(phone))),
  CONSTRAINT "referees_phone_note_when_by_phone" CHECK ((((status = 'by_phone'::text) = (phone_note IS NOT NULL)) AND ((status = 'by_phone'::text) = (recorded_by IS
    NOT NULL)) AND ((phone_note IS NULL) OR private.is_form_text(to_jsonb(phone_note), 1000, true)))),
  CONSTRAINT "referees_relation_length" CHECK (private.is_form_text(to_jsonb(relation), 100))
);

ALTER TABLE "public"."referees"
  ENABLE ROW LEVEL SECURITY;

REVOKE ALL ON TABLE "public"."referees" FROM "anon", "service_role";

ALTER TABLE "public"."applications"
  ADD COLUMN "referees_wanted" smallint NOT NULL DEFAULT 0;

ALTER TABLE "public"."outbox_messages"
  ADD COLUMN "subject_id" uuid;

ALTER TABLE "public"."screening_settings"
  ADD COLUMN "referees_wanted" smallint NOT NULL DEFAULT 2;

CREATE OR REPLACE FUNCTION private.certificate_problem (
  answers jsonb,
  today   date
)
  RETURNS text
  LANGUAGE plpgsql
  IMMUTABLE
  SET search_path TO ''
  AS $function$
declare
  issued text;
  issued_on date;
begin
  if not private.is_choice(answers -> 'certificate_status', array['har', 'bestiller']) then
    return 'certificate_status';
  end if;
  if answers ->> 'certificate_status' = 'bestiller' then
    if answers -> 'certificate_issued_on' is distinct from 'null'::jsonb then
      return 'certificate_issued_on';
    end if;
    return null;
  end if;
  issued := case when pg_catalog.jsonb_typeof(answers -> 'certificate_issued_on') = 'string'
    then answers ->> 'certificate_issued_on' end;
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
  -- The rule itself: not in the future, at most three calendar months old (as the tables check).
  if not private.is_certificate_valid(issued_on, today) then
    return 'certificate_issued_on';
  end if;
  return null;
end;
$function$;

CREATE OR REPLACE FUNCTION private.co_applicant_parts_create()
  RETURNS TRIGGER
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
begin
  if private.applies_together(new.applying_with) then
    insert into public.co_applicant_parts (application_id, requested_at, expires_at)
      values (new.id, pg_catalog.now(), pg_catalog.now() + private.link_lifetime());
    insert into public.outbox_messages (application_id, template, recipient, subject_id)
      values (new.id, 'co_applicant_request', 'co_applicant', new.id);
  end if;
  return null;
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
  insert into private.link_tokens (token_hash, application_id, purpose, subject_id)
    values (private.link_token_hash(token), issue_link_token.application_id, issue_link_token.purpose,
      issue_link_token.subject_id);
  return token;
end;
$function$;

CREATE OR REPLACE FUNCTION private.link_lifetime()
  RETURNS interval
  LANGUAGE sql
  IMMUTABLE
  SET search_path TO ''
  AS $function$
  select interval '21 days'
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
declare
  subject_status text;
  case_status text;
begin
  select t.purpose, t.application_id, t.subject_id into purpose, application_id, subject_id
    from private.link_tokens as t
    where t.token_hash = private.link_token_hash(token);
  if not found then
    state := 'unknown';
    purpose := null;
    return;
  end if;

  if purpose = 'co_applicant' then
    if lock then
      perform from public.co_applicant_parts as p where p.application_id = link_subject.subject_id for update;
    end if;
    select p.status, p.expires_at, a.status, a.full_name, a.kind
      into subject_status, expires_at, case_status, applicant_name, kind
      from public.co_applicant_parts as p
        join public.applications as a on a.id = p.application_id
      where p.application_id = link_subject.subject_id;
    state := case when subject_status is null then 'unknown'
      when subject_status <> 'pending' then 'used' end;
  else
    if lock then
      perform from public.referees as r where r.id = link_subject.subject_id for update;
    end if;
    select r.status, r.expires_at, a.status, a.full_name, a.kind
      into subject_status, expires_at, case_status, applicant_name, kind
      from public.referees as r
        join public.applications as a on a.id = r.application_id
      where r.id = link_subject.subject_id;
    state := case when subject_status is null then 'unknown'
      when subject_status in ('answered', 'declined', 'by_phone') then 'used'
      when subject_status <> 'asked' then 'expired' end;
  end if;
  if state is null then
    state := case
      when expires_at is null or expires_at <= pg_catalog.now()
        or case_status in ('approved', 'declined', 'withdrawn') then 'expired'
      else 'open' end;
  end if;
  if state <> 'open' then
    purpose := null; application_id := null; subject_id := null; applicant_name := null;
    kind := null; expires_at := null;
  end if;
end;
$function$;

CREATE OR REPLACE FUNCTION private.link_token_hash (
  token text
)
  RETURNS bytea
  LANGUAGE sql
  IMMUTABLE
  SET search_path TO ''
  AS $function$
  select case when token ~ '^[A-Za-z0-9_-]{43}$'
    then extensions.digest(pg_catalog.convert_to(token, 'UTF8'), 'sha256') end
$function$;

CREATE OR REPLACE FUNCTION private.log_link_change (
  table_name     text,
  application_id uuid,
  row_key        uuid,
  changes        jsonb
)
  RETURNS void
  LANGUAGE sql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
  insert into public.audit_log (actor_id, actor_role, table_name, action, application_id, row_key, changes)
  values ((select auth.uid()), coalesce(nullif((select auth.role()), ''), current_user), table_name,
    'update', application_id, row_key::text, changes)
$function$;

CREATE OR REPLACE FUNCTION private.referees_problem (
  referees        jsonb,
  wanted          integer,
  applicant_email text
)
  RETURNS text
  LANGUAGE plpgsql
  IMMUTABLE
  SET search_path TO ''
  AS $function$
declare
  keys constant text[] := array['full_name', 'relation', 'phone', 'email'];
  referee jsonb;
  n integer := 0;
begin
  if referees is null or referees = 'null'::jsonb then
    referees := '[]'::jsonb;
  end if;
  if pg_catalog.jsonb_typeof(referees) <> 'array' or pg_catalog.jsonb_array_length(referees) <> wanted then
    return 'referees';
  end if;
  for referee in select e from pg_catalog.jsonb_array_elements(referees) as e loop
    n := n + 1;
    if pg_catalog.jsonb_typeof(referee) <> 'object'
        or exists (select from pg_catalog.jsonb_object_keys(referee) as k where k <> all (keys)) then
      return 'referees';
    end if;
    if not private.is_form_text(referee -> 'full_name', 100) then
      return 'referee_' || n || '_full_name';
    end if;
    if not private.is_form_text(referee -> 'relation', 100) then
      return 'referee_' || n || '_relation';
    end if;
    if not private.is_phone_number(referee -> 'phone') then
      return 'referee_' || n || '_phone';
    end if;
    if not private.is_email_address(referee -> 'email')
        or private.address_key(referee ->> 'email') = private.address_key(applicant_email) then
      return 'referee_' || n || '_email';
    end if;
  end loop;
  return null;
end;
$function$;

CREATE OR REPLACE FUNCTION private.reference_answers_problem (
  answers jsonb
)
  RETURNS text
  LANGUAGE sql
  IMMUTABLE
  SET search_path TO ''
  AS $function$
  select case
    when answers is null or pg_catalog.jsonb_typeof(answers) <> 'object' then 'answers'
    when (select pg_catalog.count(*) from pg_catalog.jsonb_object_keys(answers)) not between 1 and 10
      then 'answers'
    when exists (select from pg_catalog.jsonb_object_keys(answers) as k where k !~ '^[a-z][a-z0-9-]{0,40}$')
      then 'answers'
    else coalesce(
      (select 'answers.' || e.key
         from pg_catalog.jsonb_each(answers) as e
         where not (e.value = '""'::jsonb or private.is_form_text(e.value, 1000, true))
         order by e.key
         limit 1),
      case when not exists (select from pg_catalog.jsonb_each(answers) as e where e.value <> '""'::jsonb)
        then 'answers' end)
  end
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
  -- Optional: absent means none, which is right only when the service wants no referees.
  optional_keys constant text[] := array['referees'];
  kind text;
  keys text[];
  requirements text[];
  problem text;
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
      where k <> all (keys || visit_home_keys || supervisor_keys || optional_keys)
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
  problem := private.certificate_problem(application, today);
  if problem is not null then
    return problem;
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

  -- The referees, as many as the service wants now (public.screening_settings.referees_wanted).
  problem := private.referees_problem(application -> 'referees',
    coalesce((select s.referees_wanted from public.screening_settings as s where s.id), 0),
    application ->> 'email');
  if problem is not null then
    return problem;
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

CREATE OR REPLACE FUNCTION public.answer_co_applicant (
  token  text,
  answer json
)
  RETURNS jsonb
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
declare
  link record;
  given jsonb;
  problem text;
  today constant date := (pg_catalog.now() at time zone 'Europe/Oslo')::date;
  confirm_keys constant text[] := array['answer', 'over_18', 'phone', 'call_time', 'certificate_status',
    'certificate_issued_on', 'privacy_consent', 'privacy_version'];
  new_status text;
begin
  select * into link from private.link_subject(token, true);
  if link.state <> 'open' or link.purpose <> 'co_applicant' then
    return pg_catalog.jsonb_build_object('state', case when link.state = 'open' then 'unknown' else link.state end);
  end if;

  problem := private.nul_field(answer);
  if problem is not null then
    raise exception 'invalid field: %', problem using errcode = '22023';
  end if;
  given := answer::jsonb;
  if given is null or pg_catalog.jsonb_typeof(given) <> 'object'
      or not private.is_choice(given -> 'answer', array['confirm', 'decline'])
      or (given ->> 'answer' = 'decline' and given <> '{"answer": "decline"}'::jsonb)
      or exists (select from pg_catalog.jsonb_object_keys(given) as k where k <> all (confirm_keys)) then
    raise exception 'invalid field: answer' using errcode = '22023';
  end if;

  if given ->> 'answer' = 'confirm' then
    if given -> 'over_18' is distinct from 'true'::jsonb then
      problem := 'over_18';
    elsif not private.is_phone_number(given -> 'phone') then
      problem := 'phone';
    elsif not private.is_choice(given -> 'call_time', array['formiddag', 'ettermiddag', 'dagtid']) then
      problem := 'call_time';
    else
      problem := private.certificate_problem(given, today);
    end if;
    if problem is null and given -> 'privacy_consent' is distinct from 'true'::jsonb then
      problem := 'privacy_consent';
    end if;
    if problem is null and not coalesce(pg_catalog.jsonb_typeof(given -> 'privacy_version') = 'string'
        and exists (select from private.privacy_versions as v where v.version = given ->> 'privacy_version'),
        false) then
      problem := 'privacy_version';
    end if;
    if problem = 'certificate_issued_on' and (given ->> 'certificate_issued_on') ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' then
      raise exception 'invalid field: %', problem using errcode = '22023',
        hint = case when given ->> 'certificate_issued_on' > today::text then 'future' else 'too_old' end;
    elsif problem is not null then
      raise exception 'invalid field: %', problem using errcode = '22023';
    end if;

    new_status := 'confirmed';
    update public.co_applicant_parts as p
      set status = new_status, answered_at = pg_catalog.now(), over_18 = true,
          phone = given ->> 'phone', call_time = given ->> 'call_time',
          certificate_status = given ->> 'certificate_status',
          certificate_issued_on = (given ->> 'certificate_issued_on')::date,
          privacy_version = given ->> 'privacy_version'
      where p.application_id = link.subject_id;
  else
    new_status := 'declined';
    update public.co_applicant_parts as p
      set status = new_status, answered_at = pg_catalog.now()
      where p.application_id = link.subject_id;
  end if;

  perform private.log_link_change('co_applicant_parts', link.application_id, link.subject_id,
    pg_catalog.jsonb_build_object('status', pg_catalog.jsonb_build_object('old', 'pending', 'new', new_status)));
  return pg_catalog.jsonb_build_object('state', new_status);
end;
$function$;

REVOKE ALL ON FUNCTION "public"."answer_co_applicant"(text, json) FROM PUBLIC, "anon", "authenticated";

CREATE OR REPLACE FUNCTION public.answer_reference (
  token  text,
  answer json
)
  RETURNS jsonb
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
declare
  link record;
  given jsonb;
  problem text;
  new_status text;
begin
  select * into link from private.link_subject(token, true);
  if link.state <> 'open' or link.purpose <> 'referee' then
    return pg_catalog.jsonb_build_object('state', case when link.state = 'open' then 'unknown' else link.state end);
  end if;

  problem := private.nul_field(answer);
  if problem is not null then
    raise exception 'invalid field: %', problem using errcode = '22023';
  end if;
  given := answer::jsonb;
  if given is null or pg_catalog.jsonb_typeof(given) <> 'object'
      or not (given = '{"answer": "decline"}'::jsonb
        or (given ->> 'answer' = 'give' and given ?& array['answer', 'answers']
          and (select pg_catalog.count(*) from pg_catalog.jsonb_object_keys(given)) = 2)) then
    raise exception 'invalid field: answer' using errcode = '22023';
  end if;

  if given ->> 'answer' = 'give' then
    problem := private.reference_answers_problem(given -> 'answers');
    if problem is not null then
      raise exception 'invalid field: %', problem using errcode = '22023';
    end if;
    new_status := 'answered';
    update public.referees as r
      set status = new_status, answered_at = pg_catalog.now(), answers = given -> 'answers'
      where r.id = link.subject_id;
  else
    new_status := 'declined';
    update public.referees as r
      set status = new_status, answered_at = pg_catalog.now()
      where r.id = link.subject_id;
  end if;

  perform private.log_link_change('referees', link.application_id, link.subject_id,
    pg_catalog.jsonb_build_object('status', pg_catalog.jsonb_build_object('old', 'asked', 'new', new_status)));
  return pg_catalog.jsonb_build_object('state', new_status);
end;
$function$;

REVOKE ALL ON FUNCTION "public"."answer_reference"(text, json) FROM PUBLIC, "anon", "authenticated";

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
    recipient_name  text
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
        m.next_attempt_at, m.subject_id
  )
  select c.id, c.template, c.recipient,
         case c.recipient
           when 'applicant' then a.email
           when 'co_applicant' then a.partner_email
           when 'referee' then r.email end,
         a.reference, a.kind, a.received_at, c.attempts, c.idempotency_key,
         case when c.recipient in ('co_applicant', 'referee')
           then private.issue_link_token(c.application_id, c.recipient, c.subject_id) end,
         case when c.recipient in ('co_applicant', 'referee') then a.full_name end,
         case c.recipient when 'co_applicant' then a.partner_name when 'referee' then r.full_name end
    from claimed as c
    join public.applications as a on a.id = c.application_id
    left join public.referees as r on c.recipient = 'referee' and r.id = c.subject_id
    order by c.next_attempt_at, c.id;
end;
$function$;

REVOKE ALL ON FUNCTION "public"."claim_outbox_messages"(integer, integer, integer) FROM PUBLIC, "anon", "authenticated";

CREATE OR REPLACE FUNCTION public.open_link (
  token text
)
  RETURNS jsonb
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
declare
  link record;
begin
  select * into link from private.link_subject(token, false);
  if link.state <> 'open' then
    return pg_catalog.jsonb_build_object('state', link.state);
  end if;
  return pg_catalog.jsonb_build_object('state', 'open', 'purpose', link.purpose,
    'applicant_name', link.applicant_name, 'kind', link.kind, 'expires_at', link.expires_at);
end;
$function$;

REVOKE ALL ON FUNCTION "public"."open_link"(text) FROM PUBLIC, "anon", "authenticated";

CREATE OR REPLACE FUNCTION public.submit_application (
  json
)
  RETURNS text
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
declare
  application jsonb;
  alphabet constant text := '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  -- One clock: the date the certificate rule is judged on is the date received_at gets.
  today constant date := (pg_catalog.now() at time zone 'Europe/Oslo')::date;
  problem text;
  new_reference text;
  existing text;
  random_bytes bytea;
  address text;
  columns text;
  new_id uuid;
  -- How many referees the form asks for now; the application keeps the number it came with.
  wanted constant smallint := coalesce(
    (select s.referees_wanted from public.screening_settings as s where s.id), 0);
begin
  problem := private.nul_field($1);
  if problem is not null then
    raise exception 'invalid field: %', problem using errcode = '22023';
  end if;
  application := $1::jsonb;
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

  -- At most a few receipts per address and day, `mor+1@…` and `MOR+2@…` counted as `mor@…`
  -- (private.address_key). The lock makes concurrent submissions for one address count one after
  -- the other.
  address := private.address_key(application ->> 'email');
  perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended('submit_application:' || address, 0));
  if (select pg_catalog.count(*) from public.applications as a
        where private.address_key(a.email) = address
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
      from pg_catalog.jsonb_object_keys(application - 'referees') as k;
    execute pg_catalog.format(
      'insert into public.applications (reference, referees_wanted, %1$s)
         select $1, $3, %1$s from pg_catalog.jsonb_populate_record(null::public.applications, $2)
         on conflict (submission_id) do nothing
         returning id',
      columns)
      into new_id
      using new_reference, application - 'referees', wanted;
    -- The referees, in the order given (not asked until a coordinator asks them).
    if new_id is not null then
      insert into public.referees (application_id, position, full_name, relation, phone, email)
        select new_id, r.n, r.referee ->> 'full_name', r.referee ->> 'relation', r.referee ->> 'phone',
          r.referee ->> 'email'
          from pg_catalog.jsonb_array_elements(case
              when pg_catalog.jsonb_typeof(application -> 'referees') = 'array' then application -> 'referees'
              else '[]'::jsonb end)
            with ordinality as r (referee, n);
    end if;
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

ALTER TABLE "private"."link_tokens"
  ADD CONSTRAINT "link_tokens_application_id_fkey" FOREIGN KEY (application_id) REFERENCES public.applications(id) ON DELETE CASCADE;

ALTER TABLE "public"."applications"
  ADD CONSTRAINT "applications_referees_wanted_range" CHECK (((referees_wanted >= 0) AND (referees_wanted <= 5)));

ALTER TABLE "public"."co_applicant_parts"
  ADD CONSTRAINT "co_applicant_parts_application_id_fkey" FOREIGN KEY (application_id) REFERENCES public.applications(id) ON DELETE CASCADE;

ALTER TABLE "public"."outbox_messages"
  ADD CONSTRAINT "outbox_messages_recipient_known" CHECK ((recipient = ANY (ARRAY['applicant'::text, 'coordinators'::text, 'co_applicant'::text, 'referee'::text])));

ALTER TABLE "public"."outbox_messages"
  ADD CONSTRAINT "outbox_messages_recipient_matches_template" CHECK ((recipient =
CASE template
    WHEN 'receipt'::text THEN 'applicant'::text
    WHEN 'coordinator_notice'::text THEN 'coordinators'::text
    WHEN 'co_applicant_request'::text THEN 'co_applicant'::text
    ELSE 'referee'::text
END));

ALTER TABLE "public"."outbox_messages"
  ADD CONSTRAINT "outbox_messages_subject_for_links" CHECK (((template = ANY (ARRAY['receipt'::text, 'coordinator_notice'::text])) = (subject_id IS NULL)));

ALTER TABLE "public"."outbox_messages"
  ADD CONSTRAINT "outbox_messages_template_known"
    CHECK ((template = ANY (ARRAY['receipt'::text, 'coordinator_notice'::text, 'co_applicant_request'::text, 'referee_request'::text, 'referee_reminder'::text])));

ALTER TABLE "public"."referees"
  ADD CONSTRAINT "referees_application_id_fkey" FOREIGN KEY (application_id) REFERENCES public.applications(id) ON DELETE CASCADE;

ALTER TABLE "public"."referees"
  ADD CONSTRAINT "referees_recorded_by_fkey" FOREIGN KEY (recorded_by) REFERENCES public.coordinators(user_id);

ALTER TABLE "public"."screening_settings"
  ADD CONSTRAINT "screening_settings_referees_wanted_range" CHECK (((referees_wanted >= 0) AND (referees_wanted <= 5)));

CREATE INDEX link_tokens_application_id_idx ON private.link_tokens USING btree (application_id);

CREATE UNIQUE INDEX outbox_messages_one_per_template ON public.outbox_messages USING btree (application_id, template)
  WHERE (template = ANY (ARRAY['receipt'::text, 'coordinator_notice'::text]));

CREATE INDEX referees_asked_idx ON public.referees USING btree (requested_at)
  WHERE (status = 'asked'::text);

CREATE INDEX referees_recorded_by_idx ON public.referees USING btree (recorded_by);

CREATE TRIGGER applications_audit
  AFTER INSERT OR DELETE OR UPDATE ON public.applications
  FOR EACH ROW
  EXECUTE FUNCTION
    private.audit_row('id', 'kind', 'status', 'received_at', 'certificate_status', 'certificate_issued_on', 'commitment_months', 'privacy_version', 'assigned_to',
    'status_changed_at', 'status_changed_by', 'journal_reference', 'journaled_at', 'journaled_by', 'referees_wanted');

CREATE TRIGGER applications_co_applicant_part
  AFTER INSERT ON public.applications
  FOR EACH ROW
  EXECUTE FUNCTION private.co_applicant_parts_create();

CREATE TRIGGER screening_settings_audit
  AFTER INSERT OR DELETE OR UPDATE ON public.screening_settings
  FOR EACH ROW
  EXECUTE FUNCTION private.audit_row('id', 'retention_months', 'approved_retention_months', 'referees_wanted');

CREATE POLICY "Active coordinators read co-applicant parts" ON "public"."co_applicant_parts"
  FOR SELECT
  TO "authenticated"
  USING (( SELECT private.require_active_coordinator() AS require_active_coordinator));

CREATE POLICY "Active coordinators read referees" ON "public"."referees"
  FOR SELECT
  TO "authenticated"
  USING (( SELECT private.require_active_coordinator() AS require_active_coordinator));

COMMENT ON COLUMN "private"."link_tokens"."issued_at" IS 'Når lenken ble laget (da e-posten ble hentet for sending).';

COMMENT ON COLUMN "private"."link_tokens"."purpose" IS 'co_applicant = medsøkerens side, referee = en referanses side.';

COMMENT ON COLUMN "private"."link_tokens"."subject_id" IS 'Hvem lenken gjelder: søknadens ID for medsøkeren, referees.id for en referanse.';

COMMENT ON COLUMN "private"."link_tokens"."token_hash" IS 'SHA-256 av koden i lenken. Selve koden lagres aldri.';

COMMENT ON COLUMN "public"."applications"."referees_wanted" IS 'Hvor mange referanser skjemaet ba om da søknaden kom (0 = ingen; da krysser koordinatoren av for referansene selv).';

COMMENT ON COLUMN "public"."co_applicant_parts"."answered_at" IS 'Når medsøkeren svarte.';

COMMENT ON COLUMN "public"."co_applicant_parts"."application_id" IS 'Søknaden medsøkeren hører til.';

COMMENT ON COLUMN "public"."co_applicant_parts"."call_time" IS 'Når det passer best å ringe medsøkeren: formiddag, ettermiddag eller dagtid.';

COMMENT ON COLUMN "public"."co_applicant_parts"."certificate_issued_on" IS 'Utstedelsesdatoen medsøkeren oppga for politiattesten, høyst tre måneder gammel da hen svarte.';

COMMENT ON COLUMN "public"."co_applicant_parts"."certificate_status" IS 'Medsøkerens politiattest: har = har en, bestiller = skal bestille en.';

COMMENT ON COLUMN "public"."co_applicant_parts"."expires_at" IS 'Når lenken slutter å virke (21 dager etter siste utsending).';

COMMENT ON COLUMN "public"."co_applicant_parts"."over_18" IS 'Medsøkeren har bekreftet at hen er 18 år eller eldre.';

COMMENT ON COLUMN "public"."co_applicant_parts"."phone" IS 'Medsøkerens telefonnummer, 8 siffer.';

COMMENT ON COLUMN "public"."co_applicant_parts"."privacy_version" IS 'Versjonen av personvernerklæringen medsøkeren har lest.';

COMMENT ON COLUMN "public"."co_applicant_parts"."requested_at" IS 'Når den siste e-posten med lenken ble lagt i utboksen.';

COMMENT ON COLUMN "public"."co_applicant_parts"."status" IS 'pending = venter på svar, confirmed = medsøkeren har bekreftet at de søker sammen, declined = medsøkeren har svart at de ikke søker sammen.';

COMMENT ON COLUMN "public"."outbox_messages"."recipient" IS 'Hvem den går til: applicant = søkeren (adressen hentes fra søknaden når den sendes), coordinators = koordinatorenes innboks (fra kommuneprofilen), co_applicant = medsøkeren, referee = en referanse (adressene hentes når den sendes).';

COMMENT ON COLUMN "public"."outbox_messages"."subject_id" IS 'Hvem en lenke-e-post gjelder: søknadens ID for medsøkeren, referees.id for en referanse. Tom for kvittering og varsel.';

COMMENT ON COLUMN "public"."outbox_messages"."template" IS 'Hvilken e-post: receipt = kvittering til søkeren, coordinator_notice = varsel til koordinatorene, co_applicant_request = lenke til medsøkeren, referee_request = forespørsel til en referanse, referee_reminder = påminnelse til en referanse.';

COMMENT ON COLUMN "public"."referees"."answered_at" IS 'Når referansen svarte, eller når koordinatoren registrerte telefonsamtalen.';

COMMENT ON COLUMN "public"."referees"."answers" IS 'Svarene på referansespørsmålene, etter spørsmålets ID (definert av nettstedet). Bare når status er answered.';

COMMENT ON COLUMN "public"."referees"."application_id" IS 'Søknaden referansen hører til.';

COMMENT ON COLUMN "public"."referees"."email" IS 'Referansens e-postadresse.';

COMMENT ON COLUMN "public"."referees"."expires_at" IS 'Når lenken slutter å virke (21 dager etter siste forespørsel).';

COMMENT ON COLUMN "public"."referees"."full_name" IS 'Referansens fulle navn.';

COMMENT ON COLUMN "public"."referees"."id" IS 'Intern nøkkel.';

COMMENT ON COLUMN "public"."referees"."phone" IS 'Referansens telefonnummer, 8 siffer.';

COMMENT ON COLUMN "public"."referees"."phone_note" IS 'Koordinatorens notat fra telefonsamtalen. Bare når status er by_phone.';

COMMENT ON COLUMN "public"."referees"."position" IS 'Rekkefølgen i søknaden (1, 2, …).';

COMMENT ON COLUMN "public"."referees"."recorded_by" IS 'Koordinatoren som registrerte referansen tatt på telefon.';

COMMENT ON COLUMN "public"."referees"."relation" IS 'Hvordan referansen kjenner søkeren (ikke nær familie).';

COMMENT ON COLUMN "public"."referees"."reminded_at" IS 'Når påminnelsen ble lagt i utboksen (én per forespørsel).';

COMMENT ON COLUMN "public"."referees"."requested_at" IS 'Når den siste forespørselen ble lagt i utboksen.';

COMMENT ON COLUMN "public"."referees"."status" IS 'not_asked = ikke spurt ennå, asked = forespørsel sendt, answered = har svart, declined = ønsket ikke å gi referanse, by_phone = tatt på telefon av en koordinator.';

COMMENT ON COLUMN "public"."screening_settings"."referees_wanted" IS 'Hvor mange referanser søknadsskjemaene ber om (0–5; 0 = ingen, da krysser koordinatoren av for referansene selv). Må være lik refereesWanted i content/profile/kommune.yaml.';

COMMENT ON FUNCTION "public"."answer_co_applicant"(text, json) IS 'For nettstedet (service_role): medsøkerens svar via den personlige lenken (bekrefter med egne opplysninger, eller svarer nei). Én gang per medsøker; en ukjent, brukt eller utløpt lenke lagrer ingenting.';

COMMENT ON FUNCTION "public"."answer_reference"(text, json) IS 'For nettstedet (service_role): en referanses svar via den personlige lenken (svarer på spørsmålene, eller ønsker ikke å gi referanse). Én gang per referanse; en ukjent, brukt eller utløpt lenke lagrer ingenting.';

COMMENT ON FUNCTION "public"."claim_outbox_messages"(integer, integer, integer) IS 'For avsenderen (service_role): reserverer inntil batch meldinger som skal sendes nå, og returnerer det malene trenger. To avsendere får aldri samme melding.';

COMMENT ON FUNCTION "public"."open_link"(text) IS 'For nettstedet (service_role): hva en personlig lenke gjelder (medsøker eller referanse, søkerens navn, når den går ut), eller bare at den er ukjent, brukt eller utløpt. Bruker ikke opp lenken.';

COMMENT ON TABLE "private"."link_tokens" IS 'Personlige lenker til medsøkerens og referansenes sider: bare SHA-256 av lenkens kode lagres. Bare databaseeieren har tilgang; slettes med søknaden.';

COMMENT ON TABLE "public"."co_applicant_parts" IS 'Medsøkerens egen del: når to søker sammen om å bli besøkshjem, bekrefter medsøkeren via en personlig lenke på e-post (eller svarer nei). Bare aktive koordinatorer kan lese; slettes med søknaden.';

COMMENT ON TABLE "public"."outbox_messages" IS 'Utboks for e-post: kvittering til søkeren og varsel til koordinatorenes innboks for hver søknad, og lenker til medsøkeren og referansene. Bare aktive koordinatorer kan lese; bare avsenderen (service_role, gjennom funksjonene claim_outbox_messages, complete_outbox_message og fail_outbox_message) endrer. Radene inneholder ingen personopplysninger.';

COMMENT ON TABLE "public"."referees" IS 'Referansene søkeren har oppgitt, og svarene deres (via personlig lenke på e-post) eller koordinatorens notat fra en telefonsamtale. Bare aktive koordinatorer kan lese; slettes med søknaden.';

REVOKE ALL ON FUNCTION "private"."certificate_problem"(jsonb, date) FROM PUBLIC;

REVOKE ALL ON FUNCTION "private"."co_applicant_parts_create"() FROM PUBLIC;

REVOKE ALL ON FUNCTION "private"."issue_link_token"(uuid, text, uuid) FROM PUBLIC;

REVOKE ALL ON FUNCTION "private"."link_lifetime"() FROM PUBLIC;

REVOKE ALL ON FUNCTION "private"."link_subject"(text, boolean) FROM PUBLIC;

REVOKE ALL ON FUNCTION "private"."link_token_hash"(text) FROM PUBLIC;

REVOKE ALL ON FUNCTION "private"."log_link_change"(text, uuid, uuid, jsonb) FROM PUBLIC;

REVOKE ALL ON FUNCTION "private"."referees_problem"(jsonb, integer, text) FROM PUBLIC;

REVOKE ALL ON FUNCTION "private"."reference_answers_problem"(jsonb) FROM PUBLIC;

REVOKE ALL ON FUNCTION "public"."answer_co_applicant"(text, json) FROM "postgres";

GRANT EXECUTE ON FUNCTION "public"."answer_co_applicant"(text, json) TO "postgres";

GRANT EXECUTE ON FUNCTION "public"."answer_co_applicant"(text, json) TO "service_role";

REVOKE ALL ON FUNCTION "public"."answer_reference"(text, json) FROM "postgres";

GRANT EXECUTE ON FUNCTION "public"."answer_reference"(text, json) TO "postgres";

GRANT EXECUTE ON FUNCTION "public"."answer_reference"(text, json) TO "service_role";

REVOKE ALL ON FUNCTION "public"."claim_outbox_messages"(integer, integer, integer) FROM "postgres";

GRANT EXECUTE ON FUNCTION "public"."claim_outbox_messages"(integer, integer, integer) TO "postgres";

GRANT EXECUTE ON FUNCTION "public"."claim_outbox_messages"(integer, integer, integer) TO "service_role";

REVOKE ALL ON FUNCTION "public"."open_link"(text) FROM "postgres";

GRANT EXECUTE ON FUNCTION "public"."open_link"(text) TO "postgres";

GRANT EXECUTE ON FUNCTION "public"."open_link"(text) TO "service_role";

REVOKE ALL ("referees_wanted") ON TABLE "public"."applications" FROM "authenticated";

GRANT SELECT ("referees_wanted") ON TABLE "public"."applications" TO "authenticated";

REVOKE ALL ON TABLE "public"."co_applicant_parts" FROM "authenticated";

GRANT SELECT ON TABLE "public"."co_applicant_parts" TO "authenticated";

REVOKE ALL ON TABLE "public"."co_applicant_parts" FROM "postgres";

GRANT DELETE, INSERT, MAINTAIN, REFERENCES, SELECT, TRIGGER, TRUNCATE, UPDATE ON TABLE "public"."co_applicant_parts" TO "postgres";

REVOKE ALL ON TABLE "public"."referees" FROM "authenticated";

GRANT SELECT ON TABLE "public"."referees" TO "authenticated";

REVOKE ALL ON TABLE "public"."referees" FROM "postgres";

GRANT DELETE, INSERT, MAINTAIN, REFERENCES, SELECT, TRIGGER, TRUNCATE, UPDATE ON TABLE "public"."referees" TO "postgres";

ALTER TABLE "public"."referees"
  ADD CONSTRAINT "referees_answers_when_answered" CHECK ((((status = 'answered'::text) = (answers IS
    NOT NULL)) AND ((answers IS NULL) OR (private.reference_answers_problem(answers) IS NULL))));

insert into private.privacy_versions (version, published_on)
  select version, published_on from jsonb_populate_record(null::private.privacy_versions, '{"version": "2.3", "published_on": "2026-12-06"}');

update public.screening_settings set (id, retention_months, approved_retention_months, referees_wanted) =
  (select id, retention_months, approved_retention_months, referees_wanted from jsonb_populate_record(null::public.screening_settings, '{"id": true, "referees_wanted": 2, "retention_months": 6, "approved_retention_months": 12}'))
  where (id) = (select id from jsonb_populate_record(null::public.screening_settings, '{"id": true, "referees_wanted": 2, "retention_months": 6, "approved_retention_months": 12}'));
