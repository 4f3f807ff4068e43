-- Applications from visit homes (besøkshjem) and supervisors (tilsynspersoner).
--
-- Who may do what: the public site (role anon) may only submit, through
-- public.submit_application(); it may read, change or delete nothing. The table grants anon and
-- authenticated nothing. Coordinators' access (screening) comes in a later migration.

create table public.applications (
  id uuid primary key default gen_random_uuid(),
  reference text not null unique
    constraint applications_reference_format
      check (reference ~ '^(BH|TP)-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$'),
  submission_id uuid not null unique,
  kind text not null constraint applications_kind_known check (kind in ('besokshjem', 'tilsynsperson')),
  status text not null default 'received'
    constraint applications_status_known check (status in ('received')),
  received_at timestamptz not null default now(),

  full_name text not null
    constraint applications_full_name_length
      check (full_name = btrim(full_name) and char_length(full_name) between 1 and 100),
  email text not null
    constraint applications_email_format
      check (char_length(email) <= 254 and email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'),
  phone text not null constraint applications_phone_format check (phone ~ '^[0-9]{8}$'),
  street_address text not null
    constraint applications_street_address_length
      check (street_address = btrim(street_address) and char_length(street_address) between 1 and 120),
  postcode text not null constraint applications_postcode_format check (postcode ~ '^[0-9]{4}$'),
  postal_place text not null
    constraint applications_postal_place_length
      check (postal_place = btrim(postal_place) and char_length(postal_place) between 1 and 60),
  over_18 boolean not null constraint applications_over_18 check (over_18),

  motivation text not null
    constraint applications_motivation_length
      check (motivation = btrim(motivation) and char_length(motivation) between 1 and 1000),

  certificate_status text not null
    constraint applications_certificate_status_known check (certificate_status in ('har', 'bestiller')),
  certificate_issued_on date,
  -- With a certificate, its issue date is given; without, none is.
  constraint applications_certificate_date_given
    check ((certificate_status = 'har') = (certificate_issued_on is not null)),
  -- At submission the certificate is at most three calendar months old in Europe/Oslo and not
  -- issued in the future: valid iff issue date <= received date <= issue date + 3 months
  -- (22 Aug is valid on 22 Nov, not on 23 Nov; 30 Nov is valid until 28/29 Feb).
  constraint applications_certificate_recent
    check (
      certificate_issued_on is null
      or (
        certificate_issued_on <= (received_at at time zone 'Europe/Oslo')::date
        and (received_at at time zone 'Europe/Oslo')::date
          <= (certificate_issued_on + interval '3 months')::date
      )
    ),

  commitment_months integer not null
    constraint applications_commitment_at_least_a_year check (commitment_months between 12 and 120),

  confirmed_requirements text[] not null,
  -- Every approval requirement of the role is confirmed, and nothing else is listed.
  constraint applications_requirements_confirmed
    check (
      (kind = 'besokshjem'
        and confirmed_requirements @> array['stabil-livssituasjon', 'overskudd-og-tid', 'glad-i-barn',
          'ingen-store-belastninger', 'trygge-rutiner']
        and confirmed_requirements <@ array['stabil-livssituasjon', 'overskudd-og-tid', 'glad-i-barn',
          'ingen-store-belastninger', 'trygge-rutiner'])
      or (kind = 'tilsynsperson'
        and confirmed_requirements @> array['kontakt-med-barn', 'stabil-livssituasjon',
          'ingen-store-belastninger']
        and confirmed_requirements <@ array['kontakt-med-barn', 'stabil-livssituasjon',
          'ingen-store-belastninger'])
    ),

  details jsonb not null,
  -- The role's own answers, with exactly the expected keys and sensible values.
  constraint applications_details_shape
    check (
      jsonb_typeof(details) = 'object'
      and (
        (kind = 'besokshjem'
          and details ?& array['adults', 'children', 'children_ages', 'spare_bed', 'weekends_per_month',
            'also_available', 'siblings', 'suited_ages']
          and (details - array['adults', 'children', 'children_ages', 'spare_bed', 'weekends_per_month',
            'also_available', 'siblings', 'suited_ages']) = '{}'::jsonb
          and jsonb_typeof(details -> 'adults') = 'number'
          and (details ->> 'adults')::numeric between 1 and 10
          and jsonb_typeof(details -> 'children') = 'number'
          and (details ->> 'children')::numeric between 0 and 10
          and jsonb_typeof(details -> 'children_ages') in ('string', 'null')
          and char_length(coalesce(details ->> 'children_ages', '')) <= 60
          and details -> 'spare_bed' = 'true'::jsonb
          and (details ->> 'weekends_per_month') in ('1', '2', '3')
          and jsonb_typeof(details -> 'also_available') = 'array'
          and details -> 'also_available' <@ '["ferier", "hverdager"]'::jsonb
          and (details ->> 'siblings') in ('ja', 'nei', 'kanskje')
          and jsonb_typeof(details -> 'suited_ages') = 'array'
          and jsonb_array_length(details -> 'suited_ages') >= 1
          and details -> 'suited_ages' <@ '["0-5", "6-12", "13-18"]'::jsonb)
        or (kind = 'tilsynsperson'
          and details ?& array['experience_kinds', 'experience_years', 'availability',
            'children_capacity', 'languages']
          and (details - array['experience_kinds', 'experience_years', 'availability',
            'children_capacity', 'languages']) = '{}'::jsonb
          and jsonb_typeof(details -> 'experience_kinds') = 'array'
          and details -> 'experience_kinds' <@ '["forelder", "jobb", "frivillig", "annet"]'::jsonb
          and jsonb_typeof(details -> 'experience_years') = 'number'
          and (details ->> 'experience_years')::numeric between 0 and 60
          and jsonb_typeof(details -> 'availability') = 'array'
          and jsonb_array_length(details -> 'availability') >= 1
          and details -> 'availability' <@ '["dagtid", "kveld", "helg"]'::jsonb
          and jsonb_typeof(details -> 'children_capacity') = 'number'
          and (details ->> 'children_capacity')::numeric between 1 and 10
          and jsonb_typeof(details -> 'languages') in ('string', 'null')
          and char_length(coalesce(details ->> 'languages', '')) <= 200)
      )
    ),

  heard_about text
    constraint applications_heard_about_known
      check (heard_about in ('nettside', 'sosiale-medier', 'bekjent', 'annonse', 'annet')),
  privacy_consent boolean not null constraint applications_privacy_consent_given check (privacy_consent),
  privacy_version text not null
    constraint applications_privacy_version_length check (char_length(privacy_version) between 1 and 40)
);

alter table public.applications enable row level security;

-- Supabase grants the API roles everything on new tables by default; the site submits only
-- through public.submit_application(), so anon and authenticated get nothing here.
revoke all on table public.applications from anon, authenticated, public;

comment on table public.applications is
  'Søknader om å bli besøkshjem eller tilsynsperson. Publikum kan bare sende inn via funksjonen submit_application; ingen kan lese, endre eller slette uten koordinatortilgang.';
comment on column public.applications.id is 'Intern nøkkel.';
comment on column public.applications.reference is
  'Referansen søkeren fikk på kvitteringen, for eksempel BH-7K3M-Q9XD (BH = besøkshjem, TP = tilsynsperson).';
comment on column public.applications.submission_id is
  'Innsendings-ID laget i nettleseren; gjør at en søknad som sendes to ganger bare lagres én gang.';
comment on column public.applications.kind is 'Hva det søkes om: besokshjem eller tilsynsperson.';
comment on column public.applications.status is 'Saksstatus. received = mottatt, ikke behandlet ennå.';
comment on column public.applications.received_at is 'Tidspunktet søknaden kom inn.';
comment on column public.applications.full_name is 'Søkerens fulle navn.';
comment on column public.applications.email is 'Søkerens e-postadresse.';
comment on column public.applications.phone is 'Søkerens telefonnummer, 8 siffer uten landkode.';
comment on column public.applications.street_address is 'Søkerens gateadresse.';
comment on column public.applications.postcode is 'Postnummer, 4 siffer.';
comment on column public.applications.postal_place is 'Poststed.';
comment on column public.applications.over_18 is 'Søkeren har bekreftet at hen er over 18 år.';
comment on column public.applications.motivation is
  'Søkerens egen begrunnelse, høyst 1000 tegn. Søkeren ble bedt om ikke å skrive sensitive opplysninger.';
comment on column public.applications.certificate_status is
  'Politiattest: har = søkeren har en, bestiller = søkeren skal bestille en (trenger bekreftelse på formål fra kommunen).';
comment on column public.applications.certificate_issued_on is
  'Utstedelsesdatoen søkeren oppga for politiattesten. Ved innsending høyst tre måneder gammel. Attesten må kontrolleres av koordinator.';
comment on column public.applications.commitment_months is
  'Hvor mange måneder søkeren kan forplikte seg, minst 12.';
comment on column public.applications.confirmed_requirements is
  'Kravene søkeren har bekreftet at hen oppfyller (bare bekreftet, ikke beskrevet).';
comment on column public.applications.details is
  'Svar som gjelder rollen. Besøkshjem: antall voksne og barn, barnas alder, ledig seng, helger i måneden, ferier/hverdager, søsken, aldersgrupper. Tilsynsperson: type erfaring, år med erfaring, når hen kan, antall barn, språk.';
comment on column public.applications.heard_about is 'Hvor søkeren hørte om oss (valgfritt).';
comment on column public.applications.privacy_consent is
  'Søkeren har samtykket til behandling av opplysningene.';
comment on column public.applications.privacy_version is
  'Versjonen av personvernerklæringen søkeren samtykket til.';

-- The one way in for the public site: validates the payload, stores it and returns the
-- reference. Idempotent on submission_id: a repeat returns the first reference and stores nothing.
-- SECURITY DEFINER so the table itself can grant anon nothing; search_path is fixed and empty,
-- so every name below is schema-qualified.
create function public.submit_application(application jsonb)
returns text
language plpgsql
security definer
set search_path = ''
as $$
declare
  allowed constant text[] := array[
    'submission_id', 'kind', 'full_name', 'email', 'phone', 'street_address', 'postcode',
    'postal_place', 'over_18', 'motivation', 'certificate_status', 'certificate_issued_on',
    'commitment_months', 'confirmed_requirements', 'details', 'heard_about', 'privacy_consent',
    'privacy_version'];
  alphabet constant text := '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  unknown_key text;
  new_reference text;
  existing text;
  random_bytes bytea;
begin
  if application is null or pg_catalog.jsonb_typeof(application) <> 'object' then
    raise exception 'application must be a JSON object' using errcode = '22023';
  end if;
  select k into unknown_key
    from pg_catalog.jsonb_object_keys(application) as k
    where k <> all (allowed)
    limit 1;
  if unknown_key is not null then
    raise exception 'unknown field: %', unknown_key using errcode = '22023';
  end if;
  if pg_catalog.jsonb_typeof(application -> 'confirmed_requirements') is distinct from 'array' then
    raise exception 'confirmed_requirements must be an array' using errcode = '22023';
  end if;

  -- A repeated submission returns the first receipt.
  select a.reference into existing
    from public.applications as a
    where a.submission_id = (application ->> 'submission_id')::uuid;
  if existing is not null then
    return existing;
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
    (application ->> 'over_18')::boolean,
    application ->> 'motivation',
    application ->> 'certificate_status',
    (application ->> 'certificate_issued_on')::date,
    (application ->> 'commitment_months')::integer,
    array(select pg_catalog.jsonb_array_elements_text(application -> 'confirmed_requirements')),
    application -> 'details',
    application ->> 'heard_about',
    (application ->> 'privacy_consent')::boolean,
    application ->> 'privacy_version')
  on conflict (submission_id) do nothing;

  -- Lost a race with a concurrent repeat of the same submission: return that one's reference.
  select a.reference into existing
    from public.applications as a
    where a.submission_id = (application ->> 'submission_id')::uuid;
  return existing;
end;
$$;

comment on function public.submit_application(jsonb) is
  'Eneste vei inn for nettstedet: kontrollerer og lagrer en søknad og returnerer referansen. Samme innsendings-ID gir samme referanse og ingen ny rad.';

-- EXECUTE is granted deliberately to anon (the public site) and to no one else.
revoke all on function public.submit_application(jsonb) from public, anon, authenticated;
grant execute on function public.submit_application(jsonb) to anon;
