-- Applications to become a visit home (besøkshjem) or a supervisor (tilsynsperson), and the
-- screening of each case.
--
-- Who may do what: the public site submits only through public.submit_application(), which runs
-- with the service-role key and checks every answer before it inserts; anon and the service role
-- read, change or delete nothing here. Active coordinators read every column and change only status
-- and assigned_to (column privileges: the public site's role and other signed-in users must stay
-- without any table privilege here, so a new column needs its own `grant select (column)`), and
-- record the journal reference (journal_reference, see below). Every
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
-- the forms do (private.submission_problem) and refuses with the field's name only. Where a rule is
-- more than a range or a list of choices (text as a form leaves it, e-mail, phone, lists without
-- repeats, the certificate's three months), the constraint calls the same helper as
-- submission_problem does.
--
-- Every answer of the forms has one name from the submission to the column: the payload's key is
-- the column's name (src/lib/forms/submission.ts maps each form field to it), and the workspace
-- reads the columns back with the generated types.

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
    constraint applications_full_name_length check (private.is_form_text(to_jsonb(full_name), 100)),
  email text not null constraint applications_email_format check (private.is_email_address(to_jsonb(email))),
  phone text not null constraint applications_phone_format check (private.is_phone_number(to_jsonb(phone))),
  street_address text not null
    constraint applications_street_address_length
      check (private.is_form_text(to_jsonb(street_address), 120)),
  postcode text not null constraint applications_postcode_format check (postcode ~ '^[0-9]{4}$'),
  postal_place text not null
    constraint applications_postal_place_length check (private.is_form_text(to_jsonb(postal_place), 60)),
  over_18 boolean not null constraint applications_over_18 check (over_18),

  motivation text not null
    constraint applications_motivation_length
      check (private.is_form_text(to_jsonb(motivation), 1000, true)),

  certificate_status text not null
    constraint applications_certificate_status_known check (certificate_status in ('har', 'bestiller')),
  certificate_issued_on date,
  -- With a certificate, its issue date is given; without, none is.
  constraint applications_certificate_date_given
    check ((certificate_status = 'har') = (certificate_issued_on is not null)),
  -- At submission the certificate counts on the day it is received in Europe/Oslo: not issued in
  -- the future, at most three calendar months old (private.is_certificate_valid).
  constraint applications_certificate_recent
    check (certificate_issued_on is null or private.is_certificate_valid(certificate_issued_on, received_on)),

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
  -- Within 5 Norwegian working days (private.add_working_days: weekends and public holidays not
  -- counted): after an ordinary Monday the next Monday, after Palm Sunday the Wednesday after
  -- Easter. Generated from received_on (computed after BEFORE triggers).
  contact_due_on date not null
    generated always as (private.add_working_days(received_on, 5)) stored,
  constraint applications_received_on_in_oslo
    check (received_on = (received_at at time zone 'Europe/Oslo')::date),

  -- Both forms ask when it suits the applicant best to be called (a choice of daytime ranges), since
  -- the first thing a coordinator does is phone them. Empty only for applications sent before the
  -- forms asked; submit_application requires it.
  call_time text
    constraint applications_call_time_known check (call_time in ('formiddag', 'ettermiddag', 'dagtid')),

  -- The role's own answers, one column each, null for the other kind. Visit homes: whether the
  -- applicant applies alone or together with a spouse, cohabitant or registered partner, that
  -- person's name, phone and e-mail (only when together), the adults in the home and whether the
  -- others know about the application, the children and their ages, a spare bed, weekends a month,
  -- holidays or weekdays too, siblings, the ages that suit. Supervisors: kinds and years of
  -- experience (the years may be empty), when they can visit, how many children, languages.
  applying_with text constraint applications_applying_with_known check (applying_with in ('alene', 'sammen')),
  partner_name text,
  partner_phone text,
  partner_email text,
  adults integer constraint applications_adults_range check (adults between 1 and 10),
  others_informed text
    constraint applications_others_informed_known check (others_informed in ('ja', 'ingen-andre')),
  children integer constraint applications_children_range check (children between 0 and 10),
  children_ages text
    constraint applications_children_ages_length check (children_ages is null or private.is_form_text(to_jsonb(children_ages), 60)),
  spare_bed boolean constraint applications_spare_bed check (spare_bed),
  weekends_per_month integer
    constraint applications_weekends_per_month_range check (weekends_per_month between 1 and 3),
  also_available text[]
    constraint applications_also_available_known
      check (also_available is null or private.is_choice_list(to_jsonb(also_available), array['ferier', 'hverdager'])),
  siblings text constraint applications_siblings_known check (siblings in ('ja', 'nei', 'kanskje')),
  suited_ages text[]
    constraint applications_suited_ages_known
      check (suited_ages is null or private.is_choice_list(to_jsonb(suited_ages), array['0-5', '6-12', '13-18'], 1)),
  experience_kinds text[]
    constraint applications_experience_kinds_known
      check (experience_kinds is null or private.is_choice_list(to_jsonb(experience_kinds), array['forelder', 'jobb', 'frivillig', 'annet'])),
  experience_years integer
    constraint applications_experience_years_range check (experience_years between 0 and 60),
  availability text[]
    constraint applications_availability_known
      check (availability is null or private.is_choice_list(to_jsonb(availability), array['dagtid', 'kveld', 'helg'], 1)),
  children_capacity integer
    constraint applications_children_capacity_range check (children_capacity between 1 and 10),
  languages text constraint applications_languages_length check (languages is null or private.is_form_text(to_jsonb(languages), 200)),
  -- Two apply together: derived from applying_with (private.applies_together, the one definition),
  -- for the queue and the workspace to read.
  applies_together boolean not null generated always as (private.applies_together(applying_with)) stored,

  -- Each kind answers its own questions and none of the other's. A visit home sent before the form
  -- asked who applies has neither that answer nor whether the others know; a newer one has both.
  constraint applications_role_answers_given
    check (
      case kind
        when 'besokshjem' then
          num_nulls(adults, children, spare_bed, weekends_per_month, also_available, siblings, suited_ages) = 0
          and num_nonnulls(experience_kinds, experience_years, availability, children_capacity, languages) = 0
          and (applying_with is null) = (others_informed is null)
        when 'tilsynsperson' then
          num_nulls(experience_kinds, availability, children_capacity) = 0
          and num_nonnulls(applying_with, partner_name, partner_phone, partner_email, adults,
            others_informed, children, children_ages, spare_bed, weekends_per_month, also_available,
            siblings, suited_ages) = 0
      end
    ),
  -- Together: the partner's name, phone and e-mail, checked as the applicant's own, and at least two
  -- adults in the home. Alone: nobody else's details.
  constraint applications_partner_given
    check (
      case when applies_together
        then private.is_form_text(to_jsonb(partner_name), 100)
          and private.is_phone_number(to_jsonb(partner_phone))
          and private.is_email_address(to_jsonb(partner_email))
          and adults >= 2
        else num_nonnulls(partner_name, partner_phone, partner_email) = 0
      end
    ),
  -- "The others know" needs other adults; "nobody else" means the applicant is the only adult.
  constraint applications_others_informed_fits
    check ((others_informed = 'ingen-andre') = (adults = 1)),

  -- Journalført: the municipality's journalpost or case number once the case is in its sak/arkiv
  -- system, with who recorded it and when. An active coordinator writes the number; the trigger
  -- private.applications_journal fills in who and when, and refuses clearing it (a wrong number is
  -- corrected, and the audit log keeps the old one). The retention job deletes nothing that is not
  -- journalført (private.delete_ended_applications).
  journal_reference text
    constraint applications_journal_reference_format
      check (journal_reference is null or private.is_journal_reference(journal_reference)),
  journaled_at timestamptz,
  journaled_by uuid references public.coordinators (user_id),
  -- The number, who and when: all three or none.
  constraint applications_journal_recorded
    check (num_nulls(journal_reference, journaled_at, journaled_by) in (0, 3)),

  -- How many referees the form asked for when the application came (public.screening_settings,
  -- copied by submit_application), so that a later change of the setting does not move open cases:
  -- the checklist's references item and the approval guard count against this number. 0 for
  -- applications sent before the form asked, whose references are a coordinator's tick.
  referees_wanted smallint not null default 0
    constraint applications_referees_wanted_range check (referees_wanted between 0 and 5),

  -- Min søknad (issue 25): the applicant withdrew the case themselves (public.applicant_withdraw),
  -- not a coordinator; the lead's numbers split withdrawals by it (private.case_figures). Only with
  -- status withdrawn, set by the workflow trigger's applicant path only.
  withdrawn_by_applicant boolean not null default false,
  constraint applications_withdrawn_by_applicant_withdrawn
    check (not withdrawn_by_applicant or status = 'withdrawn'),
  -- When the applicant asked for erasure on their page (public.applicant_request_erasure); the
  -- lead decides with public.erase_application.
  erasure_requested_at timestamptz
);

create index applications_assigned_to_idx on public.applications (assigned_to);
create index applications_status_changed_by_idx on public.applications (status_changed_by);
-- The screening queue reads only open applications, through this partial index in receipt order,
-- and joins each one's checklist by primary key.
create index applications_open_queue_idx on public.applications (received_at)
  where status in ('received', 'in_review', 'conversation_scheduled', 'home_visit');
create index applications_journaled_by_idx on public.applications (journaled_by);
-- The retention job finds ended applications by status and the time they ended.
create index applications_ended_idx on public.applications (status_changed_at)
  where status in ('approved', 'declined', 'withdrawn');
-- The queue's "ended, not yet journalført" (public.journal_queue), oldest first.
create index applications_unjournaled_idx on public.applications (status_changed_at)
  where status in ('approved', 'declined', 'withdrawn') and journal_reference is null;
-- submit_application counts the applications per e-mail address (private.address_key: case and
-- `+tag` ignored) in the last 24 hours.
create index applications_email_received_idx on public.applications (private.address_key(email), received_at);
-- Min søknad finds an applicant's applications (sign-in link, every read of the page) by the
-- lower-case address.
create index applications_email_lower_idx on public.applications (pg_catalog.lower(email));

alter table public.applications enable row level security;

-- Supabase grants the API roles everything on new tables by default; nobody but active
-- coordinators gets anything here, and they get column privileges only.
revoke all on table public.applications from anon, authenticated, public;
grant select (id, reference, submission_id, kind, status, received_at, full_name, email, phone,
    street_address, postcode, postal_place, over_18, motivation, certificate_status,
    certificate_issued_on, commitment_months, confirmed_requirements, heard_about,
    privacy_consent, privacy_version, assigned_to, status_changed_at, status_changed_by,
    received_on, contact_due_on, call_time, applying_with, partner_name, partner_phone,
    partner_email, adults, others_informed, children, children_ages, spare_bed, weekends_per_month,
    also_available, siblings, suited_ages, experience_kinds, experience_years, availability,
    children_capacity, languages, applies_together, journal_reference, journaled_at, journaled_by,
    referees_wanted, withdrawn_by_applicant, erasure_requested_at)
  on table public.applications to authenticated;
grant update (status, assigned_to, journal_reference) on table public.applications to authenticated;

create policy "Active coordinators read applications"
  on public.applications for select to authenticated
  using ((select private.require_active_coordinator()));
create policy "Active coordinators update applications"
  on public.applications for update to authenticated
  using ((select private.require_active_coordinator()))
  with check ((select private.require_active_coordinator()));

comment on table public.applications is
  'Søknader om å bli besøkshjem eller tilsynsperson. Publikum kan bare sende inn via funksjonen submit_application. Aktive koordinatorer leser alle og endrer bare status, assigned_to og journal_reference; ingen andre kan lese, endre eller slette.';
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
  'Frist for første kontakt: 5 arbeidsdager etter mottak (helger og helligdager telles ikke). Regnes ut automatisk fra received_on.';
comment on column public.applications.call_time is
  'Når det passer best å ringe søkeren: formiddag (kl. 8–12), ettermiddag (kl. 12–16) eller dagtid (når som helst kl. 8–16). Tom for søknader sendt før skjemaet spurte.';

comment on column public.applications.applying_with is
  'Besøkshjem: søker alene (alene) eller sammen med ektefelle, samboer eller registrert partner (sammen). Tom for tilsynspersoner og for søknader sendt før skjemaet spurte.';
comment on column public.applications.partner_name is
  'Besøkshjem: fullt navn til den søkeren søker sammen med. Tom når søkeren søker alene.';
comment on column public.applications.partner_phone is
  'Besøkshjem: telefonnummeret til den søkeren søker sammen med, 8 siffer. Tom når søkeren søker alene.';
comment on column public.applications.partner_email is
  'Besøkshjem: e-postadressen til den søkeren søker sammen med. Tom når søkeren søker alene.';
comment on column public.applications.adults is 'Besøkshjem: hvor mange voksne som bor i hjemmet (1–10).';
comment on column public.applications.others_informed is
  'Besøkshjem: om de andre voksne i hjemmet vet om søknaden (ja), eller at det ikke bor andre voksne der (ingen-andre).';
comment on column public.applications.children is 'Besøkshjem: hvor mange barn som bor i hjemmet (0–10).';
comment on column public.applications.children_ages is 'Besøkshjem: barnas alder, skilt med komma (valgfritt).';
comment on column public.applications.spare_bed is 'Besøkshjem: har en ledig seng til barnet.';
comment on column public.applications.weekends_per_month is
  'Besøkshjem: hvor mange helger i måneden søkeren kan ta imot et barn (3 = tre eller flere).';
comment on column public.applications.also_available is 'Besøkshjem: kan også ta imot barnet i ferier og/eller på hverdager.';
comment on column public.applications.siblings is 'Besøkshjem: kan ta imot søsken (ja, nei, kanskje).';
comment on column public.applications.suited_ages is 'Besøkshjem: aldersgruppene som passer best (0-5, 6-12, 13-18).';
comment on column public.applications.experience_kinds is
  'Tilsynsperson: erfaring med barn og unge (forelder, jobb, frivillig, annet); kan være tom.';
comment on column public.applications.experience_years is 'Tilsynsperson: år med erfaring (kan stå tomt).';
comment on column public.applications.availability is
  'Tilsynsperson: når hen vanligvis kan ha besøk (dagtid, kveld, helg).';
comment on column public.applications.children_capacity is 'Tilsynsperson: hvor mange barn hen kan følge opp (1–10).';
comment on column public.applications.languages is 'Tilsynsperson: språk hen snakker (valgfritt).';
comment on column public.applications.journal_reference is
  'Journalpost- eller saksnummeret i kommunens sak/arkivsystem, for eksempel 2026/1234-1, 26/1234-1 eller 2026/1234. Føres av en aktiv koordinator når saken er journalført; kan rettes, ikke fjernes. Søknaden slettes ikke fra portalen før den er journalført.';
comment on column public.applications.journaled_at is 'Når journalføringen ble ført (eller sist rettet). Settes automatisk.';
comment on column public.applications.journaled_by is 'Koordinatoren som førte (eller sist rettet) journalføringen. Settes automatisk.';
comment on column public.applications.referees_wanted is
  'Hvor mange referanser skjemaet ba om da søknaden kom (0 = ingen; da krysser koordinatoren av for referansene selv).';
comment on column public.applications.withdrawn_by_applicant is
  'Søkeren trakk selv søknaden på Min søknad (ikke en koordinator). Bare når status er withdrawn.';
comment on column public.applications.erasure_requested_at is
  'Når søkeren ba om sletting på Min søknad. Lederen avgjør og sletter som før.';
comment on column public.applications.applies_together is
  'To søker sammen om å bli besøkshjem (applying_with = sammen). Regnes ut automatisk; begge vurderes, og begge må legge fram politiattest.';

-- The screening fields (the journal reference among them, so a correction keeps the old number)
-- are logged with their values; the applicant's answers only as changed.
create trigger applications_audit
  after insert or update or delete on public.applications
  for each row execute function private.audit_row(
    'id', 'kind', 'status', 'received_at', 'certificate_status', 'certificate_issued_on',
    'commitment_months', 'privacy_version', 'assigned_to', 'status_changed_at', 'status_changed_by',
    'journal_reference', 'journaled_at', 'journaled_by', 'referees_wanted', 'withdrawn_by_applicant',
    'erasure_requested_at');
