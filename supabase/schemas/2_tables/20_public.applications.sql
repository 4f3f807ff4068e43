-- Applications to become a visit home (besøkshjem) or a supervisor (tilsynsperson), and the
-- screening of each case.
--
-- Who may do what: the public site submits only through public.submit_application(), which runs
-- with the service-role key and checks every answer before it inserts; anon and the service role
-- read, change or delete nothing here. Active coordinators read every column and change only status
-- and assigned_to (column privileges: the public site's role and other signed-in users must stay
-- without any table privilege here, so a new column needs its own `grant select (column)`). Every
-- status change goes through the workflow trigger (private.applications_before_update), whoever
-- makes it:
--
--   received ──▶ in_review ──▶ conversation_scheduled ──▶ home_visit ──▶ approved | declined
--                                        │  (visit homes only)
--                                        └──▶ approved (supervisors)
--   declined from in_review, conversation_scheduled or home_visit;
--   withdrawn from any open state (received, in_review, conversation_scheduled, home_visit).
--   approved, declined and withdrawn are final.
--
-- The constraints are the last line behind submit_application, which checks the same answers as
-- the forms do (private.submission_problem) and refuses with the field's name only.

create table public.applications (
  id uuid primary key default gen_random_uuid(),
  reference text not null unique
    constraint applications_reference_format
      check (reference ~ '^(BH|TP)-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$'),
  submission_id uuid not null unique,
  kind text not null constraint applications_kind_known check (kind in ('besokshjem', 'tilsynsperson')),
  status text not null default 'received'
    constraint applications_status_known
      check (status in ('received', 'in_review', 'conversation_scheduled', 'home_visit', 'approved',
        'declined', 'withdrawn')),
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
  -- Every approval requirement of the role is confirmed once, and nothing else is listed. (Health
  -- is not among them: even a ticked "no health problems" is health data, GDPR art. 9; it is
  -- talked about in the conversation instead.)
  constraint applications_requirements_confirmed
    check (
      private.elements_distinct(confirmed_requirements)
      and (
        (kind = 'besokshjem'
          and confirmed_requirements @> array['stabil-livssituasjon', 'overskudd-og-tid', 'glad-i-barn',
            'trygge-rutiner']
          and confirmed_requirements <@ array['stabil-livssituasjon', 'overskudd-og-tid', 'glad-i-barn',
            'trygge-rutiner'])
        or (kind = 'tilsynsperson'
          and confirmed_requirements @> array['kontakt-med-barn', 'stabil-livssituasjon']
          and confirmed_requirements <@ array['kontakt-med-barn', 'stabil-livssituasjon'])
      )
    ),

  details jsonb not null,
  -- The role's own answers, with exactly the expected keys and sensible values. Visit homes: whether
  -- the applicant applies alone or together with a spouse, cohabitant or registered partner
  -- (applying_with), that person's name, phone and e-mail when together (null when alone), and
  -- whether the other adults in the home know about the application (others_informed: ja, or
  -- ingen-andre when the applicant is the only adult); applying together means at least two adults
  -- live in the home. A visit-home row has all of these keys or none of them (applications sent
  -- before the forms asked have none). Supervisors: the years of experience may be empty (null).
  constraint applications_details_shape
    check (
      jsonb_typeof(details) = 'object'
      and (
        (kind = 'besokshjem'
          and details ?& array['adults', 'children', 'children_ages', 'spare_bed', 'weekends_per_month',
            'also_available', 'siblings', 'suited_ages']
          and (details - array['adults', 'children', 'children_ages', 'spare_bed', 'weekends_per_month',
            'also_available', 'siblings', 'suited_ages', 'applying_with', 'partner_name',
            'partner_phone', 'partner_email', 'others_informed']) = '{}'::jsonb
          and (details ?& array['applying_with', 'partner_name', 'partner_phone', 'partner_email',
              'others_informed']
            or not details ?| array['applying_with', 'partner_name', 'partner_phone', 'partner_email',
              'others_informed'])
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
          and details -> 'suited_ages' <@ '["0-5", "6-12", "13-18"]'::jsonb
          and (not details ? 'applying_with'
            or ((details ->> 'others_informed') in ('ja', 'ingen-andre')
              -- "The others know" needs other adults; "nobody else" means the applicant alone.
              and ((details ->> 'others_informed') = 'ingen-andre') = ((details ->> 'adults')::numeric = 1)
              and case details ->> 'applying_with'
                -- Together: the partner's name, phone and e-mail, and at least two adults.
                when 'sammen' then
                  jsonb_typeof(details -> 'partner_name') = 'string'
                  and char_length(details ->> 'partner_name') between 1 and 100
                  and (details ->> 'partner_name') = btrim(details ->> 'partner_name')
                  and jsonb_typeof(details -> 'partner_phone') = 'string'
                  and (details ->> 'partner_phone') ~ '^[0-9]{8}$'
                  and jsonb_typeof(details -> 'partner_email') = 'string'
                  and char_length(details ->> 'partner_email') <= 254
                  and (details ->> 'partner_email') ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'
                  and (details ->> 'adults')::numeric >= 2
                -- Alone: nobody else's details.
                when 'alene' then
                  details -> 'partner_name' = 'null'::jsonb
                  and details -> 'partner_phone' = 'null'::jsonb
                  and details -> 'partner_email' = 'null'::jsonb
                else false
              end)))
        or (kind = 'tilsynsperson'
          and details ?& array['experience_kinds', 'experience_years', 'availability',
            'children_capacity', 'languages']
          and (details - array['experience_kinds', 'experience_years', 'availability',
            'children_capacity', 'languages']) = '{}'::jsonb
          and jsonb_typeof(details -> 'experience_kinds') = 'array'
          and details -> 'experience_kinds' <@ '["forelder", "jobb", "frivillig", "annet"]'::jsonb
          and (details -> 'experience_years' = 'null'::jsonb
            or (jsonb_typeof(details -> 'experience_years') = 'number'
              and (details ->> 'experience_years')::numeric between 0 and 60))
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
      check (heard_about in ('nettside', 'sosiale-medier', 'bekjent', 'annonse', 'informasjonsmote', 'annet')),
  privacy_consent boolean not null constraint applications_privacy_consent_given check (privacy_consent),
  privacy_version text not null
    constraint applications_privacy_version_length check (char_length(privacy_version) between 1 and 40),

  assigned_to uuid references public.coordinators (user_id),
  status_changed_at timestamptz,
  status_changed_by uuid references public.coordinators (user_id),

  -- The receipt date in Europe/Oslo and the contact deadline are stored, not computed by every read
  -- of the screening queue (the Oslo conversion, repeated by the view for each column and flag that
  -- used it, was over a third of the queue's time in Postgres). received_on cannot be a generated
  -- column: AT TIME ZONE with a zone name is not immutable (the zone's rules live outside the
  -- database). The trigger private.applications_set_received_on sets it from received_at on every
  -- insert and update, so it cannot drift from received_at, whoever writes; the check makes a stale
  -- value impossible even with the trigger disabled. The default mirrors received_at's, so the
  -- column is optional on insert.
  received_on date not null default (pg_catalog.now() at time zone 'Europe/Oslo')::date,
  -- Within 5 working days (Monday–Friday; public holidays are not counted out): after a weekday the
  -- same weekday a week later, after a Saturday the Friday six days later, after a Sunday the Friday
  -- five days later. Generated from received_on (computed after BEFORE triggers).
  contact_due_on date not null
    generated always as (
      received_on + case extract(isodow from received_on)::integer when 6 then 6 when 7 then 5 else 7 end
    ) stored,
  constraint applications_received_on_in_oslo
    check (received_on = (received_at at time zone 'Europe/Oslo')::date),

  -- Both forms ask when it suits the applicant best to be called (a choice of daytime ranges), since
  -- the first thing a coordinator does is phone them. Empty only for applications sent before the
  -- forms asked; submit_application requires it.
  call_time text
    constraint applications_call_time_known check (call_time in ('formiddag', 'ettermiddag', 'dagtid'))
);

create index applications_assigned_to_idx on public.applications (assigned_to);
create index applications_status_changed_by_idx on public.applications (status_changed_by);
-- The screening queue reads only open applications, through this partial index in receipt order,
-- and joins each one's checklist by primary key.
create index applications_open_queue_idx on public.applications (received_at)
  where status in ('received', 'in_review', 'conversation_scheduled', 'home_visit');
-- The retention job finds ended applications by status and the time they ended.
create index applications_ended_idx on public.applications (status_changed_at)
  where status in ('declined', 'withdrawn');
-- submit_application counts the applications per e-mail address in the last 24 hours.
create index applications_email_received_idx on public.applications (pg_catalog.lower(email), received_at);

alter table public.applications enable row level security;

-- Supabase grants the API roles everything on new tables by default; nobody but active
-- coordinators gets anything here, and they get column privileges only.
revoke all on table public.applications from anon, authenticated, public;
grant select (id, reference, submission_id, kind, status, received_at, full_name, email, phone,
    street_address, postcode, postal_place, over_18, motivation, certificate_status,
    certificate_issued_on, commitment_months, confirmed_requirements, details, heard_about,
    privacy_consent, privacy_version, assigned_to, status_changed_at, status_changed_by,
    received_on, contact_due_on, call_time)
  on table public.applications to authenticated;
grant update (status, assigned_to) on table public.applications to authenticated;

create policy "Active coordinators read applications"
  on public.applications for select to authenticated
  using ((select private.require_active_coordinator()));
create policy "Active coordinators update applications"
  on public.applications for update to authenticated
  using ((select private.require_active_coordinator()))
  with check ((select private.require_active_coordinator()));

comment on table public.applications is
  'Søknader om å bli besøkshjem eller tilsynsperson. Publikum kan bare sende inn via funksjonen submit_application. Aktive koordinatorer leser alle og endrer bare status og assigned_to; ingen andre kan lese, endre eller slette.';
comment on column public.applications.id is 'Intern nøkkel.';
comment on column public.applications.reference is
  'Referansen søkeren fikk på kvitteringen, for eksempel BH-7K3M-Q9XD (BH = besøkshjem, TP = tilsynsperson).';
comment on column public.applications.submission_id is
  'Innsendings-ID laget i nettleseren; gjør at en søknad som sendes to ganger bare lagres én gang.';
comment on column public.applications.kind is 'Hva det søkes om: besokshjem eller tilsynsperson.';
comment on column public.applications.status is
  'Saksstatus: received = mottatt, in_review = under behandling, conversation_scheduled = samtale avtalt, home_visit = hjemmebesøk (bare besøkshjem), approved = godkjent, declined = avslått, withdrawn = trukket. Endres bare i tillatt rekkefølge; databasen avviser andre endringer.';
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
  'Svar som gjelder rollen. Besøkshjem: søker alene eller sammen med ektefelle, samboer eller registrert partner (applying_with), navn, telefon og e-post til den søkeren søker sammen med (partner_name, partner_phone, partner_email; tomme når søkeren søker alene), antall voksne, om de andre voksne i hjemmet vet om søknaden (others_informed), antall barn og barnas alder, ledig seng, helger i måneden, ferier/hverdager, søsken, aldersgrupper. Tilsynsperson: type erfaring, år med erfaring (kan stå tomt), når hen kan, antall barn, språk.';
comment on column public.applications.heard_about is 'Hvor søkeren hørte om oss (valgfritt).';
comment on column public.applications.privacy_consent is
  'Søkeren har bekreftet at hen har lest personvernerklæringen (versjon i privacy_version). Fra versjon 2.0 er dette ikke et samtykke: behandlingsgrunnlaget er kommunens offentlige oppgave.';
comment on column public.applications.privacy_version is
  'Versjonen av personvernerklæringen søkeren samtykket til.';
comment on column public.applications.assigned_to is
  'Koordinatoren som har saken. Settes automatisk til den som først flytter saken videre, hvis ingen er satt.';
comment on column public.applications.status_changed_at is 'Når statusen sist ble endret.';
comment on column public.applications.status_changed_by is 'Koordinatoren som sist endret statusen.';
comment on column public.applications.received_on is
  'Datoen søknaden kom inn, i norsk tid (Europe/Oslo). Settes automatisk fra received_at.';
comment on column public.applications.contact_due_on is
  'Frist for første kontakt: 5 arbeidsdager (man–fre) etter mottak. Regnes ut automatisk fra received_on.';
comment on column public.applications.call_time is
  'Når det passer best å ringe søkeren: formiddag (kl. 8–12), ettermiddag (kl. 12–16) eller dagtid (når som helst kl. 8–16). Tom for søknader sendt før skjemaet spurte.';

-- The screening fields are logged with their values; the applicant's answers only as changed.
create trigger applications_audit
  after insert or update or delete on public.applications
  for each row execute function private.audit_row(
    'id', 'kind', 'status', 'received_at', 'certificate_status', 'certificate_issued_on',
    'commitment_months', 'privacy_version', 'assigned_to', 'status_changed_at', 'status_changed_by');
