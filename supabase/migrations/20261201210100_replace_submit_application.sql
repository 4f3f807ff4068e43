-- submit_application checks every answer exactly as the form's zod schema does (types, whole
-- numbers, lists without repeats, trimmed text without control or bidi characters, lengths in
-- code points, the e-mail pattern, a published privacy version), before anything is inserted, and
-- answers a refusal with the field's name only: never a value, so neither the caller nor the
-- Postgres log ever sees the applicant's answers ("Failing row contains …"). It also limits how
-- many applications one e-mail address may receive receipts for, so that the function cannot be
-- used to mail an address over and over, however many site processes call it.
--
-- Who may do what: only service_role (the site's server) executes submit_application and
-- application_receipt (granted in the next migration); anon gets nothing. Nobody but the database
-- owner reads private.privacy_versions.

-- The privacy statements the forms have published (content/pages/personvern.mdx `version`). A new
-- version of the statement needs a migration that adds its row before the site asks consent to it.
create table private.privacy_versions (
  version text primary key constraint privacy_versions_version_length check (char_length(version) between 1 and 40),
  published_on date not null
);
alter table private.privacy_versions enable row level security;
revoke all on table private.privacy_versions from public, anon, authenticated, service_role;
insert into private.privacy_versions (version, published_on) values ('1.0', '2026-11-01');
comment on table private.privacy_versions is
  'Publiserte versjoner av personvernerklæringen. En søknad kan bare samtykke til en av disse. Bare databaseeieren har tilgang.';

-- How many applications one e-mail address may receive receipts for in 24 hours.
create function private.applications_per_address_per_day()
returns integer
language sql
immutable
set search_path = ''
as $$ select 3 $$;

-- Address lookups for the limit above.
create index applications_email_received_idx on public.applications (pg_catalog.lower(email), received_at);

-- Text as the form leaves it: trimmed the way JavaScript's String.prototype.trim trims (which
-- zod's trim uses), at most `max` code points, at least one, no control characters (line breaks
-- and tabs only where `multiline`) and no bidirectional formatting characters.
create function private.is_form_text(value jsonb, max integer, multiline boolean default false)
returns boolean
language sql
immutable
set search_path = ''
as $$
  select coalesce(
    pg_catalog.jsonb_typeof(value) = 'string'
    and pg_catalog.char_length(value #>> '{}') between 1 and max
    and (value #>> '{}') !~ '^[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]'
    and (value #>> '{}') !~ '[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]$'
    and (value #>> '{}') !~ '[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\u007f-\u009f]'
    and (value #>> '{}') !~ case when multiline then '[\u0001-\u0008\u000b\u000c\u000e-\u001f]'
      else '[\u0001-\u001f]' end,
    false)
$$;

-- A whole JSON number within [min, max].
create function private.is_whole_number(value jsonb, min integer, max integer)
returns boolean
language sql
immutable
set search_path = ''
as $$
  select coalesce(
    pg_catalog.jsonb_typeof(value) = 'number'
    and (value #>> '{}')::numeric = pg_catalog.trunc((value #>> '{}')::numeric)
    and (value #>> '{}')::numeric between min and max,
    false)
$$;

-- A JSON array of distinct strings from `options`, with at least `min` of them.
create function private.is_choice_list(value jsonb, options text[], min integer default 0)
returns boolean
language sql
immutable
set search_path = ''
as $$
  select coalesce(
    pg_catalog.jsonb_typeof(value) = 'array'
    and pg_catalog.jsonb_array_length(value) >= min
    and (select pg_catalog.bool_and(pg_catalog.jsonb_typeof(e) = 'string' and (e #>> '{}') = any (options))
           and pg_catalog.count(distinct e) = pg_catalog.count(*)
           from pg_catalog.jsonb_array_elements(value) as e) is not false,
    false)
$$;

-- A JSON string from `options`.
create function private.is_choice(value jsonb, options text[])
returns boolean
language sql
immutable
set search_path = ''
as $$
  select coalesce(pg_catalog.jsonb_typeof(value) = 'string' and (value #>> '{}') = any (options), false)
$$;

-- The first field of a submission that the form's schema would refuse, or null when none. `today`
-- is the date in Europe/Oslo the certificate rule is judged on (the day the row is stored).
create function private.submission_problem(application jsonb, today date)
returns text
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  fields constant text[] := array[
    'submission_id', 'kind', 'full_name', 'email', 'phone', 'street_address', 'postcode',
    'postal_place', 'over_18', 'motivation', 'certificate_status', 'certificate_issued_on',
    'commitment_months', 'confirmed_requirements', 'details', 'heard_about', 'privacy_consent',
    'privacy_version'];
  kind text;
  details jsonb;
  issued text;
  issued_on date;
  requirements text[];
begin
  if application is null or pg_catalog.jsonb_typeof(application) <> 'object' then
    return 'application';
  end if;
  if exists (select from pg_catalog.jsonb_object_keys(application) as k where k <> all (fields)) then
    return 'unknown field';
  end if;
  if not (application ?& fields) then
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
  if not coalesce(pg_catalog.jsonb_typeof(application -> 'email') = 'string'
      and pg_catalog.char_length(application ->> 'email') <= 254
      and (application ->> 'email') ~ '^(?:[A-Za-z0-9_''+\-]+\.)*[A-Za-z0-9_''+\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,}$',
      false) then
    return 'email';
  end if;
  if not coalesce(pg_catalog.jsonb_typeof(application -> 'phone') = 'string'
      and (application ->> 'phone') ~ '^[0-9]{8}$', false) then
    return 'phone';
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
    if issued_on > today or today > (issued_on + interval '3 months')::date then
      return 'certificate_issued_on';
    end if;
  end if;
  if not private.is_whole_number(application -> 'commitment_months', 12, 120) then
    return 'commitment_months';
  end if;
  if application -> 'heard_about' <> 'null'::jsonb
    and not private.is_choice(application -> 'heard_about',
      array['nettside', 'sosiale-medier', 'bekjent', 'annonse', 'annet']) then
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

  details := application -> 'details';
  if pg_catalog.jsonb_typeof(details) is distinct from 'object' then
    return 'details';
  end if;
  if kind = 'besokshjem' then
    if exists (select from pg_catalog.jsonb_object_keys(details) as k
        where k <> all (array['adults', 'children', 'children_ages', 'spare_bed', 'weekends_per_month',
          'also_available', 'siblings', 'suited_ages']))
      or not (details ?& array['adults', 'children', 'children_ages', 'spare_bed', 'weekends_per_month',
          'also_available', 'siblings', 'suited_ages']) then
      return 'details';
    end if;
    if not private.is_whole_number(details -> 'adults', 1, 10) then
      return 'adults';
    end if;
    if not private.is_whole_number(details -> 'children', 0, 10) then
      return 'children';
    end if;
    if details -> 'children_ages' <> 'null'::jsonb
      and not (private.is_form_text(details -> 'children_ages', 60)
        and (details ->> 'children_ages') ~ '^[0-9]{1,2}(?: *[,;] *[0-9]{1,2})*$') then
      return 'children_ages';
    end if;
    if details -> 'spare_bed' is distinct from 'true'::jsonb then
      return 'spare_bed';
    end if;
    if not private.is_whole_number(details -> 'weekends_per_month', 1, 3) then
      return 'weekends_per_month';
    end if;
    if not private.is_choice_list(details -> 'also_available', array['ferier', 'hverdager']) then
      return 'also_available';
    end if;
    if not private.is_choice(details -> 'siblings', array['ja', 'nei', 'kanskje']) then
      return 'siblings';
    end if;
    if not private.is_choice_list(details -> 'suited_ages', array['0-5', '6-12', '13-18'], 1) then
      return 'suited_ages';
    end if;
  else
    if exists (select from pg_catalog.jsonb_object_keys(details) as k
        where k <> all (array['experience_kinds', 'experience_years', 'availability',
          'children_capacity', 'languages']))
      or not (details ?& array['experience_kinds', 'experience_years', 'availability',
          'children_capacity', 'languages']) then
      return 'details';
    end if;
    if not private.is_choice_list(details -> 'experience_kinds',
        array['forelder', 'jobb', 'frivillig', 'annet']) then
      return 'experience_kinds';
    end if;
    if not private.is_whole_number(details -> 'experience_years', 0, 60) then
      return 'experience_years';
    end if;
    if not private.is_choice_list(details -> 'availability', array['dagtid', 'kveld', 'helg'], 1) then
      return 'availability';
    end if;
    if not private.is_whole_number(details -> 'children_capacity', 1, 10) then
      return 'children_capacity';
    end if;
    if details -> 'languages' <> 'null'::jsonb
      and not private.is_form_text(details -> 'languages', 200) then
      return 'languages';
    end if;
  end if;
  return null;
end;
$$;

revoke all on function private.applications_per_address_per_day(),
  private.is_form_text(jsonb, integer, boolean), private.is_whole_number(jsonb, integer, integer),
  private.is_choice_list(jsonb, text[], integer), private.is_choice(jsonb, text[]),
  private.submission_problem(jsonb, date)
  from public, anon, authenticated, service_role;

-- The one way in: checks, stores, returns the reference. Idempotent on submission_id: a repeat
-- returns the first reference, also after midnight or with different answers, and stores nothing.
-- Refusals name the field (22023) or the limit (PT429, which PostgREST answers as HTTP 429), never
-- a value; a constraint the checks above missed is re-raised without its "Failing row" detail.
create or replace function public.submit_application(application jsonb)
returns text
language plpgsql
security definer
set search_path = ''
as $$
declare
  alphabet constant text := '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  -- One clock: the date the certificate rule is judged on is the date received_at gets.
  today constant date := (pg_catalog.now() at time zone 'Europe/Oslo')::date;
  problem text;
  new_reference text;
  existing text;
  random_bytes bytea;
  address text;
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
    insert into public.applications (
      reference, submission_id, kind, full_name, email, phone, street_address, postcode,
      postal_place, over_18, motivation, certificate_status, certificate_issued_on,
      commitment_months, confirmed_requirements, details, heard_about, privacy_consent,
      privacy_version)
    values (
      new_reference,
      (application ->> 'submission_id')::uuid,
      application ->> 'kind',
      application ->> 'full_name',
      application ->> 'email',
      application ->> 'phone',
      application ->> 'street_address',
      application ->> 'postcode',
      application ->> 'postal_place',
      true,
      application ->> 'motivation',
      application ->> 'certificate_status',
      (application ->> 'certificate_issued_on')::date,
      (application ->> 'commitment_months')::numeric::integer,
      array(select pg_catalog.jsonb_array_elements_text(application -> 'confirmed_requirements')),
      application -> 'details',
      application ->> 'heard_about',
      true,
      application ->> 'privacy_version')
    on conflict (submission_id) do nothing;
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
$$;

comment on function public.submit_application(jsonb) is
  'Eneste vei inn for nettstedet (service_role): kontrollerer og lagrer en søknad og returnerer referansen. Samme innsendings-ID gir samme referanse og ingen ny rad. Avvisninger nevner feltet, aldri verdien.';

-- The receipt of an already stored submission, for a resend the form itself would now refuse
-- (for example after midnight, when the certificate date has aged by a day).
create function public.application_receipt(submission_id uuid)
returns text
language sql
stable
security definer
set search_path = ''
as $$
  select a.reference from public.applications as a where a.submission_id = application_receipt.submission_id
$$;

comment on function public.application_receipt(uuid) is
  'For nettstedet (service_role): referansen til en søknad som allerede er lagret med denne innsendings-ID-en, ellers tom.';
