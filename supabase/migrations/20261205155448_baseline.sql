-- The baseline: every object of the schema as supabase/schemas/ declares it, one file after the
-- other in the order of `[db.migrations] schema_paths` (written by `npm run db:migration --
-- baseline`). The live definitions are read in supabase/schemas/; later migrations change them.

-- ==================== supabase/schemas/0_setup.sql

-- What every other file in supabase/schemas/ stands on: the `private` schema, and the rights new
-- objects in `public` get by default.
--
-- The files run in the order `[db.migrations] schema_paths` in supabase/config.toml lists: this
-- file, then the folders 1_table_helpers/, 2_tables/, 3_functions/, 4_views/ and 5_view_functions/,
-- each in name order. A file may use only what an earlier file creates (see README.md here).

-- Helpers for policies and triggers live in `private`, a schema PostgREST does not expose, so no
-- client can call them as RPC. Signed-in users need USAGE only because policies run with the
-- caller's privileges.
create schema private;
revoke all on schema private from public;
grant usage on schema private to authenticated;
comment on schema private is
  'Hjelpefunksjoner for skjermingen (tilgangsregler, triggere, sletting). Ikke eksponert i API-et.';

-- Least privilege for the server's keys. Supabase gives the API roles every right on new tables,
-- functions and sequences in public (supabase/local/bootstrap.sql does the same locally). The
-- service-role key's role gets no table, view or sequence here: the site uses it on its server,
-- and it may execute only the functions granted to it by name (the submission, the receipt, the
-- outbox and the database clock). The sequences behind identity columns are usable by no API role
-- (identity columns need no sequence right, and `setval` through them would break every audited
-- write). Anon and authenticated still get every right on a new table by default, so each table's
-- file revokes them and grants back only what its policies are for.
alter default privileges in schema public revoke all on tables from service_role;
alter default privileges in schema public revoke all on sequences from anon, authenticated, service_role;

-- ==================== supabase/schemas/1_table_helpers/private.audit_row.sql

-- The audit trail's writer: a trigger on every audited table (applications, checklists, notes, the
-- coordinator list and the screening settings) that writes one row to public.audit_log per insert,
-- update, status change and delete, with who, when and what changed (old → new).
--
-- Privacy: the log stores old and new values only for the screening fields (status, dates, checks,
-- who did what, who has access). For personal fields (name, contact details, address, motivation,
-- the role's answers, the receipt reference, note text, a coordinator's name) it stores only that
-- the field changed, {"changed": true}: the log must not become a second copy of the applicant's
-- data that outlives the application. The trigger's arguments are the columns whose values may be
-- logged; each audited table lists them where it attaches the trigger, in its own file under
-- 2_tables/, and a column not listed there is treated as personal.
--
-- Rows are keyed by their id, application_id or (for the coordinator list) user_id. Deletes by the
-- retention job and by erasure (which set screening.retention_job for their own transaction) are
-- not logged row by row: those functions write their own summary without personal data.
create function private.audit_row()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
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
    coalesce(nullif((select auth.role()), ''), current_user),
    tg_table_name,
    action,
    application,
    coalesce(source ->> 'id', source ->> 'application_id', source ->> 'user_id'),
    diff);
  return null;
end;
$$;

revoke all on function private.audit_row() from public, anon, authenticated, service_role;

-- ==================== supabase/schemas/1_table_helpers/private.elements_distinct.sql

-- True when no element of the list occurs twice: applications_requirements_confirmed uses it, since
-- a check constraint cannot hold a subquery.
create function private.elements_distinct(list text[])
returns boolean
language sql
immutable
set search_path = ''
as $$
  select pg_catalog.count(distinct e) = pg_catalog.cardinality(list) from pg_catalog.unnest(list) as e
$$;
-- A check constraint runs with the writer's privileges: whoever may write applications (the
-- coordinators, and the owner's functions) must be able to execute it. It reveals nothing.
revoke all on function private.elements_distinct(text[]) from public, anon, service_role;
grant execute on function private.elements_distinct(text[]) to authenticated;

-- ==================== supabase/schemas/1_table_helpers/private.require_active_coordinator.sql

-- For policies: true for an active coordinator; for anyone else it raises 42501 (permission
-- denied), so a non-coordinator, a deactivated coordinator or a stray signed-in user gets the same
-- answer as anon instead of an empty list that looks like "no applications". (On an empty table
-- the policy is never evaluated and the answer is just empty.) Policies call it as
-- `(select private.require_active_coordinator())`, an initplan Postgres evaluates once per
-- statement, not once per row. Who is active: private.active_coordinator_id().
create function private.require_active_coordinator()
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if private.active_coordinator_id() is null then
    raise exception 'Bare aktive koordinatorer har tilgang til søknadene.'
      using errcode = '42501';
  end if;
  return true;
end;
$$;

-- Policies run with the caller's privileges, so signed-in users may execute it (it reveals only
-- whether the caller is an active coordinator).
revoke all on function private.require_active_coordinator() from public, anon, authenticated;
grant execute on function private.require_active_coordinator() to authenticated;

-- ==================== supabase/schemas/1_table_helpers/private.require_active_lead.sql

-- For policies on the coordinator list (and for erase_application): true for an active lead,
-- raises 42501 for anyone else.
create function private.require_active_lead()
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if not exists (
    select from public.coordinators as c
      where c.user_id = (select auth.uid()) and c.active and c.role = 'lead'
  ) then
    raise exception 'Bare aktive ledere kan endre koordinatorlisten.' using errcode = '42501';
  end if;
  return true;
end;
$$;

-- Policies run with the caller's privileges, so signed-in users may execute it (it reveals only
-- whether the caller is an active lead).
revoke all on function private.require_active_lead() from public, anon, authenticated;
grant execute on function private.require_active_lead() to authenticated;

-- ==================== supabase/schemas/2_tables/10_public.coordinators.sql

-- Coordinators: the child welfare service's staff who screen applications.
--
-- Who may do what: active coordinators (and leads) read this table; active leads add coordinators
-- and change name, role and active flag. Anon and other signed-in users get nothing. A coordinator
-- who leaves is deactivated, never deleted: cases, notes and checks keep pointing at them.
-- A refused name or role is answered without the row (private.coordinators_check_name); changes
-- are audited, the name as {"changed": true} only.

create table public.coordinators (
  user_id uuid primary key references auth.users (id),
  name text not null
    constraint coordinators_name_length check (name = btrim(name) and char_length(name) between 1 and 100),
  active boolean not null default true,
  role text not null default 'coordinator'
    constraint coordinators_role_known check (role in ('coordinator', 'lead')),
  created_at timestamptz not null default now()
);

alter table public.coordinators enable row level security;
revoke all on table public.coordinators from anon, authenticated, public;

comment on table public.coordinators is
  'Koordinatorer i barneverntjenesten som behandler søknader. Bare aktive koordinatorer kan lese; aktive ledere (role = lead) kan legge til og endre. Deaktiver en som slutter, ikke slett.';
comment on column public.coordinators.user_id is 'Brukerens ID i Supabase Auth (auth.users.id).';
comment on column public.coordinators.name is 'Koordinatorens navn, slik kollegene kjenner hen.';
comment on column public.coordinators.active is
  'Aktiv = har tilgang til søknadene. Sett til false når noen slutter eller ikke lenger skal behandle søknader.';
comment on column public.coordinators.role is 'coordinator = koordinator, lead = leder (kan også forvalte koordinatorlisten).';
comment on column public.coordinators.created_at is 'Når koordinatoren ble lagt til.';

create policy "Active coordinators read coordinators"
  on public.coordinators for select to authenticated
  using ((select private.require_active_coordinator()));
create policy "Active leads add coordinators"
  on public.coordinators for insert to authenticated
  with check ((select private.require_active_lead()));
create policy "Active leads update coordinators"
  on public.coordinators for update to authenticated
  using ((select private.require_active_lead()))
  with check ((select private.require_active_lead()));

grant select on table public.coordinators to authenticated;
grant insert (user_id, name, active, role), update (name, active, role)
  on table public.coordinators to authenticated;

-- Who has access and who is a lead are logged with their values; the name only as changed.
create trigger coordinators_audit
  after insert or update or delete on public.coordinators
  for each row execute function private.audit_row('user_id', 'active', 'role', 'created_at');

-- ==================== supabase/schemas/2_tables/20_public.applications.sql

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

-- ==================== supabase/schemas/2_tables/30_public.application_checklists.sql

-- The screening checklist: one row per application, made by a trigger when the application arrives
-- (private.application_checklists_create) and deleted with it. Coordinators fill in dates and
-- ticks; the database records who and when (private.application_checklists_before_update) and
-- refuses dates before the application arrived (private.application_checklists_dates_after_receipt).
-- When two apply together to become a visit home, both present a police certificate: the partner's
-- is recorded here as the applicant's is.
--
-- Who may do what: active coordinators read every checklist and change only the fields they fill
-- in (certificate dates, conversation, home visit, references); who and when are set by the
-- trigger only. Nobody inserts or deletes a row by hand. Anon and other signed-in users get nothing.

create table public.application_checklists (
  application_id uuid primary key references public.applications (id) on delete cascade,
  certificate_issued_on date,
  certificate_verified_by uuid references public.coordinators (user_id),
  certificate_verified_at timestamptz,
  conversation_held_on date,
  home_visit_held_on date,
  references_checked boolean not null default false,
  references_checked_by uuid references public.coordinators (user_id),
  references_checked_at timestamptz,
  last_contact_note_at timestamptz,
  updated_at timestamptz not null default now(),
  partner_certificate_issued_on date,
  partner_certificate_verified_by uuid references public.coordinators (user_id),
  partner_certificate_verified_at timestamptz,
  constraint application_checklists_certificate_recorded
    check ((certificate_issued_on is null) = (certificate_verified_by is null)
      and (certificate_issued_on is null) = (certificate_verified_at is null)),
  constraint application_checklists_references_recorded
    check (references_checked = (references_checked_by is not null)
      and references_checked = (references_checked_at is not null)),
  constraint application_checklists_partner_certificate_recorded
    check ((partner_certificate_issued_on is null) = (partner_certificate_verified_by is null)
      and (partner_certificate_issued_on is null) = (partner_certificate_verified_at is null))
);

create index application_checklists_certificate_verified_by_idx
  on public.application_checklists (certificate_verified_by);
create index application_checklists_references_checked_by_idx
  on public.application_checklists (references_checked_by);
create index application_checklists_partner_certificate_verified_by_idx
  on public.application_checklists (partner_certificate_verified_by);
-- The screening queue looks up each open case's checklist by application_id, one probe per row
-- (1,000 probes for 1,000 open cases). A hash index answers an equality probe on a random uuid
-- with about two buffer reads (bucket page and heap) where the primary key's B-tree takes four
-- (root, inner and leaf pages, heap): at 100,000 checklists the lookups went from 5,000 to 3,000
-- buffer reads and about 1.5 ms less per queue read. The primary key stays: it enforces one
-- checklist per application and serves the foreign key. application_id never changes (the fill-in
-- trigger refuses it), so an update Postgres makes in place on the same page (a HOT update) leaves
-- this index alone; any other update adds an entry here, as in every index of the table.
create index application_checklists_application_id_hash_idx
  on public.application_checklists using hash (application_id);

alter table public.application_checklists enable row level security;
revoke all on table public.application_checklists from anon, authenticated, public;
grant select on table public.application_checklists to authenticated;
grant update (certificate_issued_on, conversation_held_on, home_visit_held_on, references_checked,
    partner_certificate_issued_on)
  on table public.application_checklists to authenticated;

create policy "Active coordinators read checklists"
  on public.application_checklists for select to authenticated
  using ((select private.require_active_coordinator()));
create policy "Active coordinators fill in checklists"
  on public.application_checklists for update to authenticated
  using ((select private.require_active_coordinator()))
  with check ((select private.require_active_coordinator()));

comment on table public.application_checklists is
  'Sjekkliste for hver søknad (lages automatisk). Bare aktive koordinatorer kan lese og fylle ut; hvem og når registreres automatisk.';
comment on column public.application_checklists.application_id is 'Søknaden sjekklisten gjelder.';
comment on column public.application_checklists.certificate_issued_on is
  'Utstedelsesdatoen på politiattesten koordinatoren har sett (ikke bare søkerens egen opplysning). Attesten gjelder til og med samme dato tre måneder senere.';
comment on column public.application_checklists.certificate_verified_by is
  'Koordinatoren som kontrollerte politiattesten (settes automatisk).';
comment on column public.application_checklists.certificate_verified_at is
  'Når politiattesten ble kontrollert (settes automatisk).';
comment on column public.application_checklists.conversation_held_on is 'Datoen samtalen med søkeren ble holdt.';
comment on column public.application_checklists.home_visit_held_on is
  'Datoen hjemmebesøket ble gjennomført (bare besøkshjem).';
comment on column public.application_checklists.references_checked is 'Referansene er sjekket.';
comment on column public.application_checklists.references_checked_by is
  'Koordinatoren som sjekket referansene (settes automatisk).';
comment on column public.application_checklists.references_checked_at is
  'Når referansene ble sjekket (settes automatisk).';
comment on column public.application_checklists.last_contact_note_at is
  'Siste notat merket som kontakt med søkeren (settes automatisk fra notatene).';
comment on column public.application_checklists.updated_at is 'Sist endret (settes automatisk).';
comment on column public.application_checklists.partner_certificate_issued_on is
  'Utstedelsesdatoen på politiattesten til medsøkeren (den som søker sammen med søkeren om å bli besøkshjem), slik koordinatoren har sett den. Gjelder til og med samme dato tre måneder senere.';
comment on column public.application_checklists.partner_certificate_verified_by is
  'Koordinatoren som kontrollerte medsøkerens politiattest (settes automatisk).';
comment on column public.application_checklists.partner_certificate_verified_at is
  'Når medsøkerens politiattest ble kontrollert (settes automatisk).';

-- Every column is a screening field, logged with its value.
create trigger application_checklists_audit
  after insert or update or delete on public.application_checklists
  for each row execute function private.audit_row(
    'application_id', 'certificate_issued_on', 'certificate_verified_by', 'certificate_verified_at',
    'partner_certificate_issued_on', 'partner_certificate_verified_by',
    'partner_certificate_verified_at', 'conversation_held_on', 'home_visit_held_on',
    'references_checked', 'references_checked_by', 'references_checked_at', 'last_contact_note_at',
    'updated_at');

-- ==================== supabase/schemas/2_tables/40_public.application_notes.sql

-- Coordinator notes on an application: append-only, with author and time set by the database
-- (private.application_notes_before_insert). A contact note updates the checklist's last contact
-- (private.application_notes_after_insert), which the screening queue reads.
--
-- Who may do what: active coordinators read all notes and add new ones; nobody edits or deletes a
-- note (a correction is a new note; private.application_notes_append_only). Only the retention job
-- and erasure remove notes, together with their application. A refused note is answered without
-- its text (private.application_notes_check_body). Anon and other signed-in users get nothing.

create table public.application_notes (
  id bigint generated always as identity primary key,
  application_id uuid not null references public.applications (id) on delete cascade,
  author_id uuid not null default auth.uid() references public.coordinators (user_id),
  created_at timestamptz not null default now(),
  body text not null
    constraint application_notes_body_length check (char_length(btrim(body)) between 1 and 4000),
  is_contact boolean not null default false
);

create index application_notes_application_id_idx
  on public.application_notes (application_id, created_at);
create index application_notes_author_id_idx on public.application_notes (author_id);

alter table public.application_notes enable row level security;
revoke all on table public.application_notes from anon, authenticated, public;
grant select on table public.application_notes to authenticated;
grant insert (application_id, body, is_contact) on table public.application_notes to authenticated;

create policy "Active coordinators read notes"
  on public.application_notes for select to authenticated
  using ((select private.require_active_coordinator()));
create policy "Active coordinators add notes"
  on public.application_notes for insert to authenticated
  with check ((select private.require_active_coordinator()));

comment on table public.application_notes is
  'Koordinatorenes notater om en søknad. Bare aktive koordinatorer kan lese og skrive nye; notater kan ikke endres eller slettes (skriv et nytt notat for å rette).';
comment on column public.application_notes.id is 'Intern nøkkel.';
comment on column public.application_notes.application_id is 'Søknaden notatet gjelder.';
comment on column public.application_notes.author_id is 'Koordinatoren som skrev notatet (settes automatisk).';
comment on column public.application_notes.created_at is 'Når notatet ble skrevet (settes automatisk).';
comment on column public.application_notes.body is
  'Notatet, høyst 4000 tegn. Skriv ikke helseopplysninger, personnummer eller andre sensitive opplysninger.';
comment on column public.application_notes.is_contact is
  'Notatet gjelder kontakt med søkeren (telefon, e-post, møte). Teller som siste kontakt i køen.';

-- The note's text is logged only as changed.
create trigger application_notes_audit
  after insert or update or delete on public.application_notes
  for each row execute function private.audit_row(
    'id', 'application_id', 'author_id', 'created_at', 'is_contact');

-- ==================== supabase/schemas/2_tables/50_public.audit_log.sql

-- The audit trail: one row per insert, update, status change and delete on applications,
-- checklists, notes, the coordinator list and the screening settings, written by the trigger
-- private.audit_row (which says what it logs by value and what only as changed), and one summary
-- row without personal data each time the retention job runs or a lead erases an application.
--
-- Who may do what: active coordinators read the log; nobody writes it except those triggers and
-- functions, and nobody updates, deletes or truncates it (private.audit_log_append_only) except the
-- retention job and erasure, which remove the history of the applications they delete.

create table public.audit_log (
  id bigint generated always as identity primary key,
  occurred_at timestamptz not null default now(),
  actor_id uuid,
  actor_role text not null,
  table_name text not null,
  action text not null
    constraint audit_log_action_known
      check (action in ('insert', 'update', 'status_change', 'delete', 'retention', 'erasure')),
  application_id uuid,
  row_key text,
  changes jsonb not null default '{}'::jsonb
);

create index audit_log_application_id_idx on public.audit_log (application_id, occurred_at);

alter table public.audit_log enable row level security;
revoke all on table public.audit_log from anon, authenticated, public;
grant select on table public.audit_log to authenticated;

create policy "Active coordinators read the audit log"
  on public.audit_log for select to authenticated
  using ((select private.require_active_coordinator()));

comment on table public.audit_log is
  'Logg over alle endringer i søknader, sjekklister og notater (hvem, når, hva: gammel → ny verdi). Aktive koordinatorer kan lese. Ingen kan endre eller slette rader, bortsett fra slettejobben.';
comment on column public.audit_log.id is 'Løpenummer.';
comment on column public.audit_log.occurred_at is 'Når endringen skjedde.';
comment on column public.audit_log.actor_id is
  'Brukeren som gjorde endringen (Supabase Auth-ID), tom når det ble gjort i SQL-editoren som postgres eller av en jobb.';
comment on column public.audit_log.actor_role is
  'Databaserollen: authenticated = koordinator via innlogging, anon = nettstedet (innsending), postgres = SQL-editoren eller en jobb.';
comment on column public.audit_log.table_name is 'Tabellen som ble endret.';
comment on column public.audit_log.action is
  'insert = ny rad, update = endring, status_change = statusendring, delete = sletting, retention = slettejobben har kjørt.';
comment on column public.audit_log.application_id is 'Søknaden endringen gjelder (ID-en, ikke referansen).';
comment on column public.audit_log.row_key is 'Nøkkelen til raden som ble endret.';
comment on column public.audit_log.changes is
  'Hva som ble endret: {"kolonne": {"old": …, "new": …}}. For personopplysninger bare {"changed": true}, aldri verdien.';

-- ==================== supabase/schemas/2_tables/60_public.outbox_messages.sql

-- The e-mail outbox: every stored application gets a receipt to the applicant and a notice to the
-- coordinators' inbox, recorded by a trigger in the same transaction as the application
-- (private.enqueue_application_messages), so an application is never stored without its messages,
-- nor the reverse. A sender in server code claims pending messages, sends them through Resend with
-- the row's idempotency key, and records the outcome (public.claim_outbox_messages,
-- complete_outbox_message, fail_outbox_message). The rows hold no personal data: the applicant's
-- address is looked up when a receipt is sent, the coordinators' address comes from the
-- municipality profile. A message is deleted with its application (retention, erasure).
--
-- Who may do what: active coordinators read the outbox (to see what failed); nobody writes it
-- through the API. The sender uses only the three functions above, which only service_role may
-- execute. Anon and other signed-in users get nothing.

create table public.outbox_messages (
  id uuid primary key default gen_random_uuid(),
  application_id uuid not null references public.applications (id) on delete cascade,
  template text not null
    constraint outbox_messages_template_known check (template in ('receipt', 'coordinator_notice')),
  recipient text not null
    constraint outbox_messages_recipient_known check (recipient in ('applicant', 'coordinators')),
  -- A receipt goes to the applicant, a notice to the coordinators.
  constraint outbox_messages_recipient_matches_template
    check ((template = 'receipt') = (recipient = 'applicant')),
  status text not null default 'pending'
    constraint outbox_messages_status_known check (status in ('pending', 'sending', 'sent', 'failed')),
  attempts integer not null default 0 constraint outbox_messages_attempts_positive check (attempts >= 0),
  next_attempt_at timestamptz not null default now(),
  locked_until timestamptz,
  -- A sending message holds a lease; no other state does.
  constraint outbox_messages_lease_when_sending check ((status = 'sending') = (locked_until is not null)),
  last_error text constraint outbox_messages_last_error_length check (char_length(last_error) <= 200),
  idempotency_key text not null generated always as ('fosterportal/' || template || '/' || id::text) stored,
  provider_id text constraint outbox_messages_provider_id_length check (char_length(provider_id) <= 200),
  sent_at timestamptz,
  constraint outbox_messages_sent_when_sent check ((status = 'sent') = (sent_at is not null)),
  created_at timestamptz not null default now(),
  -- One receipt and one notice per application.
  constraint outbox_messages_one_per_template unique (application_id, template)
);

-- The sender looks for due messages only; sent and failed ones are never scanned.
create index outbox_messages_due_idx on public.outbox_messages (next_attempt_at)
  where status in ('pending', 'sending');

alter table public.outbox_messages enable row level security;

-- Nobody writes the outbox through the API (the trigger and the three functions do); coordinators
-- may read it.
revoke all on table public.outbox_messages from anon, authenticated, service_role, public;
grant select on table public.outbox_messages to authenticated;

create policy "Active coordinators read the outbox"
  on public.outbox_messages for select to authenticated
  using ((select private.require_active_coordinator()));

comment on table public.outbox_messages is
  'Utboks for e-post: kvittering til søkeren og varsel til koordinatorenes innboks for hver søknad. Bare aktive koordinatorer kan lese; bare avsenderen (service_role, gjennom funksjonene claim_outbox_messages, complete_outbox_message og fail_outbox_message) endrer. Radene inneholder ingen personopplysninger.';
comment on column public.outbox_messages.id is 'Intern nøkkel.';
comment on column public.outbox_messages.application_id is
  'Søknaden meldingen gjelder. Slettes sammen med søknaden.';
comment on column public.outbox_messages.template is
  'Hvilken e-post: receipt = kvittering til søkeren, coordinator_notice = varsel til koordinatorene.';
comment on column public.outbox_messages.recipient is
  'Hvem den går til: applicant = søkeren (adressen hentes fra søknaden når den sendes), coordinators = koordinatorenes innboks (fra kommuneprofilen).';
comment on column public.outbox_messages.status is
  'pending = venter, sending = sendes nå, sent = sendt, failed = ga opp etter flere forsøk (bør følges opp av en koordinator).';
comment on column public.outbox_messages.attempts is 'Hvor mange ganger avsenderen har forsøkt å sende.';
comment on column public.outbox_messages.next_attempt_at is
  'Tidligste tidspunkt for neste forsøk (utsettes stadig lenger etter hver feil).';
comment on column public.outbox_messages.locked_until is
  'Mens meldingen sendes: når avsenderens reservasjon går ut. Stopper en avsender underveis, prøver en annen igjen etter dette.';
comment on column public.outbox_messages.last_error is
  'Siste feil fra e-posttjenesten (statuskode og type, ingen personopplysninger).';
comment on column public.outbox_messages.idempotency_key is
  'Nøkkelen som sendes til Resend (Idempotency-Key), slik at samme melding aldri sendes to ganger.';
comment on column public.outbox_messages.provider_id is 'E-posttjenestens ID for den sendte meldingen.';
comment on column public.outbox_messages.sent_at is 'Når meldingen ble sendt.';
comment on column public.outbox_messages.created_at is 'Når meldingen ble lagt i utboksen.';

-- ==================== supabase/schemas/2_tables/70_public.screening_settings.sql

-- Settings of the screening (one row): how long an ended application is kept. The retention job
-- (private.delete_ended_applications) reads it.
--
-- Who may do what: active coordinators read the setting; it is changed in the SQL editor (as
-- postgres), and the change is audited with its value.

create table public.screening_settings (
  id boolean primary key default true constraint screening_settings_single_row check (id),
  retention_months integer not null default 6
    constraint screening_settings_retention_months_range check (retention_months between 1 and 120)
);
insert into public.screening_settings (id) values (true);

alter table public.screening_settings enable row level security;
revoke all on table public.screening_settings from anon, authenticated, public;
grant select on table public.screening_settings to authenticated;

create policy "Active coordinators read screening settings"
  on public.screening_settings for select to authenticated
  using ((select private.require_active_coordinator()));

comment on table public.screening_settings is
  'Innstillinger for skjermingen (én rad). Aktive koordinatorer kan lese; endres i SQL-editoren.';
comment on column public.screening_settings.retention_months is
  'Hvor mange måneder en avslått eller trukket søknad beholdes før den slettes. Må være lik retentionMonths i content/profile/kommune.yaml (det personvernerklæringen lover søkerne).';

-- Both columns are logged with their values. Created after the row above is inserted, so that the
-- row is part of the schema, not an audited change.
create trigger screening_settings_audit
  after insert or update or delete on public.screening_settings
  for each row execute function private.audit_row('id', 'retention_months');

-- ==================== supabase/schemas/2_tables/80_private.screening_clock.sql

-- The screening clock: a pinned "today" for tests (and for a lead who must re-run a rule "as of" a
-- day by hand as the superuser). Empty in normal operation; private.today() reads it.
--
-- Who may do what: nobody but the database owner reads or writes it. It lives in the unexposed
-- `private` schema with no grants to any API role, so a coordinator cannot move the clock:
-- PostgREST exposes only `public`, sets no GUC a client chooses except request.* (which this clock
-- does not read), and no function a client can execute writes here. A table, not a GUC, so that
-- requests through PostgREST see it too.

create table private.screening_clock (
  id boolean primary key default true constraint screening_clock_single_row check (id),
  pinned_today date
);
alter table private.screening_clock enable row level security;
revoke all on table private.screening_clock from public, anon, authenticated, service_role;
insert into private.screening_clock (id, pinned_today) values (true, null);
comment on table private.screening_clock is
  'Fast dato for tester. Skal være tom (pinned_today = null) i drift. Bare databaseeieren har tilgang.';
comment on column private.screening_clock.pinned_today is
  'Når satt: datoen alle skjermingsregler regner fra i stedet for dagens dato. Bare for tester.';

-- ==================== supabase/schemas/2_tables/90_private.privacy_versions.sql

-- The privacy statements the forms have published (content/pages/personvern.mdx `version`). An
-- application may name only one of these (private.submission_problem); older versions stay valid
-- for a resend of an application made under them.
--
-- Publishing a new version of the statement: add its row below, then write the migration
-- (`npm run db:migration -- publish_privacy_version_X`), before the site asks consent to it.
--   1.0  the first statement.
--   2.0  the legal basis is the municipality's public task (GDPR art. 6(1)(e)), not consent; the
--        form's box confirms that the applicant has read the statement.
--   2.1  lists the best time to call and, for visit homes applying together, the partner's name,
--        phone and e-mail, and tells the applicant that the partner must know about the
--        application, agree to being named, and has the same rights.
--
-- Who may do what: nobody but the database owner reads it.

create table private.privacy_versions (
  version text primary key constraint privacy_versions_version_length check (char_length(version) between 1 and 40),
  published_on date not null
);
alter table private.privacy_versions enable row level security;
revoke all on table private.privacy_versions from public, anon, authenticated, service_role;
insert into private.privacy_versions (version, published_on) values
  ('1.0', '2026-11-01'),
  ('2.0', '2026-12-01'),
  ('2.1', '2026-12-02');
comment on table private.privacy_versions is
  'Publiserte versjoner av personvernerklæringen. En søknad kan bare samtykke til en av disse. Bare databaseeieren har tilgang.';

-- ==================== supabase/schemas/3_functions/private.acting_coordinator.sql

-- Who is acting, for the "who did it" columns the triggers fill in: the signed-in user, who must
-- then be an active coordinator (raises 42501 otherwise). Without a signed-in user, the given
-- fallback (usually the case's assigned coordinator), but only for a database administrator working
-- in the SQL editor (no API role, no signed-in user): a request through the API without a
-- signed-in coordinator (anon, service_role, a stray token) gets no actor, so every trigger that
-- needs one refuses. The audit row of an administrator's change records the database role
-- (actor_role = postgres) and no user, so it shows as the administrator's, not the coordinator's.
create function private.acting_coordinator(fallback uuid)
returns uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  uid uuid := (select auth.uid());
  api_role text := nullif((select auth.role()), '');
begin
  if uid is null then
    -- An API request (PostgREST always sets the role claim) may not act for anyone.
    if api_role is not null or pg_catalog.current_setting('request.method', true) <> '' then
      return null;
    end if;
    return fallback;
  end if;
  if private.active_coordinator_id() is distinct from uid then
    raise exception 'Bare aktive koordinatorer kan behandle søknader.' using errcode = '42501';
  end if;
  return uid;
end;
$$;

-- Called from triggers only, which run as the owner.
revoke all on function private.acting_coordinator(uuid) from public, anon, authenticated, service_role;

-- ==================== supabase/schemas/3_functions/private.active_coordinator_id.sql

-- The signed-in user, if they are an active coordinator: their id, else null. SECURITY DEFINER so
-- that it can read coordinators whatever the caller's own rights (no policy recursion).
create function private.active_coordinator_id()
returns uuid
language sql
stable
security definer
set search_path = ''
as $$
  select c.user_id
    from public.coordinators as c
    where c.user_id = (select auth.uid()) and c.active
$$;

revoke all on function private.active_coordinator_id() from public, anon, authenticated;

-- ==================== supabase/schemas/3_functions/private.application_checklists_before_update.sql

-- Filling in the checklist: dates not in the future, a home visit only for visit homes, the
-- partner's certificate only when two apply together to become a visit home, no changes once the
-- case has ended, and who/when recorded for the certificates and references (a value given for
-- those by the caller is replaced).
create function private.application_checklists_before_update()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
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
      and not (application.kind = 'besokshjem' and application.details ->> 'applying_with' = 'sammen') then
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
    if new.home_visit_held_on is not null and application.kind <> 'besokshjem' then
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
$$;

create trigger application_checklists_fill_in
  before update on public.application_checklists
  for each row execute function private.application_checklists_before_update();

revoke all on function private.application_checklists_before_update() from public, anon, authenticated;

-- ==================== supabase/schemas/3_functions/private.application_checklists_create.sql

-- Every application gets its checklist when it arrives (also through submit_application).
create function private.application_checklists_create()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into public.application_checklists (application_id) values (new.id);
  return null;
end;
$$;

create trigger applications_create_checklist
  after insert on public.applications
  for each row execute function private.application_checklists_create();

revoke all on function private.application_checklists_create() from public, anon, authenticated;

-- ==================== supabase/schemas/3_functions/private.application_checklists_dates_after_receipt.sql

-- The checklist refuses a conversation or home visit dated before the application arrived (the
-- approval guard, private.check_approval, holds the same rule for what is already recorded).
create function private.application_checklists_dates_after_receipt()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  received date;
begin
  select a.received_on into received from public.applications as a where a.id = new.application_id;
  if new.conversation_held_on is distinct from old.conversation_held_on
    and new.conversation_held_on < received then
    raise exception 'Samtalen kan ikke være før søknaden kom inn (%).',
      pg_catalog.to_char(received, 'DD.MM.YYYY')
      using errcode = '23514';
  end if;
  if new.home_visit_held_on is distinct from old.home_visit_held_on
    and new.home_visit_held_on < received then
    raise exception 'Hjemmebesøket kan ikke være før søknaden kom inn (%).',
      pg_catalog.to_char(received, 'DD.MM.YYYY')
      using errcode = '23514';
  end if;
  return new;
end;
$$;

create trigger application_checklists_dates_after_receipt
  before update on public.application_checklists
  for each row execute function private.application_checklists_dates_after_receipt();

revoke all on function private.application_checklists_dates_after_receipt()
  from public, anon, authenticated, service_role;

-- ==================== supabase/schemas/3_functions/private.application_notes_after_insert.sql

-- A contact note updates its open case's last contact on the checklist, which the screening queue
-- reads.
create function private.application_notes_after_insert()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.is_contact then
    update public.application_checklists as c
      set last_contact_note_at = new.created_at
      from public.applications as a
      where c.application_id = new.application_id
        and a.id = c.application_id
        and a.status not in ('approved', 'declined', 'withdrawn')
        and (c.last_contact_note_at is null or c.last_contact_note_at < new.created_at);
  end if;
  return null;
end;
$$;

create trigger application_notes_last_contact
  after insert on public.application_notes
  for each row execute function private.application_notes_after_insert();

revoke all on function private.application_notes_after_insert() from public, anon, authenticated;

-- ==================== supabase/schemas/3_functions/private.application_notes_append_only.sql

-- Notes are append-only. Only the retention job and erasure (private.delete_ended_applications and
-- public.erase_application, which set screening.retention_job for their own transaction) remove
-- them with their application.
create function private.application_notes_append_only()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if tg_op = 'DELETE' and pg_catalog.current_setting('screening.retention_job', true) = 'on' then
    return old;
  end if;
  raise exception 'Notater kan ikke endres eller slettes. Skriv et nytt notat for å rette.'
    using errcode = '42501';
end;
$$;

create trigger application_notes_append_only
  before update or delete on public.application_notes
  for each row execute function private.application_notes_append_only();

revoke all on function private.application_notes_append_only() from public, anon, authenticated;

-- ==================== supabase/schemas/3_functions/private.application_notes_before_insert.sql

-- A note's author and time come from the database: the signed-in coordinator (or, in the SQL
-- editor, the given author or the case's assigned coordinator) and now.
create function private.application_notes_before_insert()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  application public.applications;
begin
  select * into application from public.applications as a where a.id = new.application_id;
  new.author_id := coalesce(private.acting_coordinator(coalesce(new.author_id, application.assigned_to)),
    new.author_id);
  if new.author_id is null then
    raise exception 'Hvem skriver notatet? Kjør som deg selv (rolle authenticated), eller oppgi author_id.'
      using errcode = '23514';
  end if;
  new.created_at := pg_catalog.now();
  return new;
end;
$$;

create trigger application_notes_author
  before insert on public.application_notes
  for each row execute function private.application_notes_before_insert();

revoke all on function private.application_notes_before_insert() from public, anon, authenticated;

-- ==================== supabase/schemas/3_functions/private.application_notes_check_body.sql

-- A refused note is answered without its text. The check constraint
-- application_notes_body_length would report "Failing row contains (…)" in its detail, to the
-- caller and into Postgres' log; this trigger checks the same rule first and refuses with the
-- rule only (23514). The constraint stays as the last line.
create function private.application_notes_check_body()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.body is null or pg_catalog.char_length(pg_catalog.btrim(new.body)) not between 1 and 4000 then
    raise exception 'Notatet må ha mellom 1 og 4000 tegn.' using errcode = '23514';
  end if;
  return new;
end;
$$;

-- Named so that it runs before the table's other BEFORE INSERT trigger (triggers fire by name).
create trigger application_notes_00_check_body
  before insert on public.application_notes
  for each row execute function private.application_notes_check_body();

revoke all on function private.application_notes_check_body() from public, anon, authenticated, service_role;

-- ==================== supabase/schemas/3_functions/private.applications_before_insert.sql

-- New applications always start as received, whoever inserts them, with the status changed at
-- their receipt and by nobody.
create function private.applications_before_insert()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.status is distinct from 'received' then
    raise exception 'En ny søknad får alltid status received (mottatt), ikke %.', new.status
      using errcode = '23514';
  end if;
  new.status_changed_at := new.received_at;
  new.status_changed_by := null;
  return new;
end;
$$;

create trigger applications_start_received
  before insert on public.applications
  for each row execute function private.applications_before_insert();

revoke all on function private.applications_before_insert() from public, anon, authenticated;

-- ==================== supabase/schemas/3_functions/private.applications_before_update.sql

-- The screening workflow (drawn in 2_tables/20_public.applications.sql): status changes only along
-- the allowed transitions (private.next_statuses), by an active coordinator (or, in the SQL editor
-- as postgres, on behalf of the assigned coordinator; private.acting_coordinator), recorded with who
-- and when; the case gets an assigned coordinator, who must be active; approval passes the
-- approval guard (private.check_approval).
create function private.applications_before_update()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  allowed text[];
  actor uuid;
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
      perform private.check_approval(new);
    end if;
  end if;
  return new;
end;
$$;

create trigger applications_workflow
  before update on public.applications
  for each row execute function private.applications_before_update();

revoke all on function private.applications_before_update() from public, anon, authenticated;

-- ==================== supabase/schemas/3_functions/private.applications_per_address_per_day.sql

-- How many applications one e-mail address may receive receipts for in 24 hours
-- (public.submit_application), so that the submission cannot be used to mail an address over and
-- over, however many site processes call it.
create function private.applications_per_address_per_day()
returns integer
language sql
immutable
set search_path = ''
as $$ select 3 $$;

revoke all on function private.applications_per_address_per_day()
  from public, anon, authenticated, service_role;

-- ==================== supabase/schemas/3_functions/private.applications_set_received_on.sql

-- Sets applications.received_on, the receipt date in Europe/Oslo, from received_at on every insert
-- and update, whoever writes (a value given by the caller is replaced).
create function private.applications_set_received_on()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.received_on := (new.received_at at time zone 'Europe/Oslo')::date;
  return new;
end;
$$;

create trigger applications_set_received_on
  before insert or update on public.applications
  for each row execute function private.applications_set_received_on();
-- ALWAYS: bulk loads with session_replication_role = replica (as the benchmark and the tests seed
-- 100,000 rows, or backdate received_at) must fill it too; the check would refuse them otherwise.
alter table public.applications enable always trigger applications_set_received_on;

revoke all on function private.applications_set_received_on() from public, anon, authenticated;

-- ==================== supabase/schemas/3_functions/private.audit_log_append_only.sql

-- The audit log is append-only: no update, delete or truncate, except deletes by the retention job
-- and erasure (which set screening.retention_job for their own transaction). A superuser can still
-- disable triggers; that is outside what any API role or a coordinator working in the SQL editor
-- does by accident.
create function private.audit_log_append_only()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if tg_op = 'DELETE' and pg_catalog.current_setting('screening.retention_job', true) = 'on' then
    return old;
  end if;
  raise exception 'Loggen kan ikke endres eller slettes.' using errcode = '42501';
end;
$$;

create trigger audit_log_append_only
  before update or delete on public.audit_log
  for each row execute function private.audit_log_append_only();
create trigger audit_log_no_truncate
  before truncate on public.audit_log
  for each statement execute function private.audit_log_append_only();

revoke all on function private.audit_log_append_only() from public, anon, authenticated;

-- ==================== supabase/schemas/3_functions/private.check_approval.sql

-- The approval guard: raises (23514) with every unmet requirement, as of private.today():
--
-- * a police certificate verified by a coordinator, not dated in the future, and issued at most
--   three calendar months before today (issued D is valid through (D + 3 months)::date:
--   22 Aug → 22 Nov, 31 May → 31 Aug, 30 Nov → 28/29 Feb);
-- * when two apply together to become a visit home (details ->> 'applying_with' = 'sammen'): the
--   partner's police certificate, verified and dated exactly as the applicant's (both are assessed);
-- * a conversation on record, dated on or after the day the application was received;
-- * for visit homes, a home visit on record, likewise dated on or after the receipt.
--
-- (The commitment of at least 12 months needs no check here: the table's constraint
-- applications_commitment_at_least_a_year makes any other value impossible.)
--
-- The workflow trigger (private.applications_before_update) runs it on every approval, and
-- public.application_next_steps runs it to tell the workspace what approval would need today.
--
-- It reads the checklist with a row lock (FOR SHARE), so an approval and a concurrent change to the
-- checklist (clearing the verified certificate, say) happen one after the other: either the
-- approval waits and sees the cleared certificate, or the change waits and finds the case approved
-- (and closed). No write skew. Volatile, not stable: a stable function may not lock rows, and would
-- read the checklist as of the statement's start instead of the latest committed version.
create function private.check_approval(application public.applications)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  today constant date := private.today();
  checklist record;
  problems text[] := array[]::text[];
begin
  select * into checklist
    from public.application_checklists as c
    where c.application_id = application.id
    for share;

  if checklist.certificate_verified_by is null then
    problems := problems || 'ingen koordinator har kontrollert politiattesten'::text;
  elsif checklist.certificate_issued_on > today then
    problems := problems || format('politiattesten er datert fram i tid (%s)',
      pg_catalog.to_char(checklist.certificate_issued_on, 'DD.MM.YYYY'));
  elsif today > (checklist.certificate_issued_on + interval '3 months')::date then
    problems := problems || format('politiattesten (utstedt %s) var bare gyldig til og med %s',
      pg_catalog.to_char(checklist.certificate_issued_on, 'DD.MM.YYYY'),
      pg_catalog.to_char((checklist.certificate_issued_on + interval '3 months')::date, 'DD.MM.YYYY'));
  end if;
  -- Two who apply together are both assessed: the partner's certificate is checked the same way.
  if application.kind = 'besokshjem' and application.details ->> 'applying_with' = 'sammen' then
    if checklist.partner_certificate_verified_by is null then
      problems := problems || 'ingen koordinator har kontrollert politiattesten til medsøkeren'::text;
    elsif checklist.partner_certificate_issued_on > today then
      problems := problems || format('medsøkerens politiattest er datert fram i tid (%s)',
        pg_catalog.to_char(checklist.partner_certificate_issued_on, 'DD.MM.YYYY'));
    elsif today > (checklist.partner_certificate_issued_on + interval '3 months')::date then
      problems := problems || format('medsøkerens politiattest (utstedt %s) var bare gyldig til og med %s',
        pg_catalog.to_char(checklist.partner_certificate_issued_on, 'DD.MM.YYYY'),
        pg_catalog.to_char((checklist.partner_certificate_issued_on + interval '3 months')::date, 'DD.MM.YYYY'));
    end if;
  end if;
  if checklist.conversation_held_on is null then
    problems := problems || 'samtalen er ikke registrert som gjennomført'::text;
  elsif checklist.conversation_held_on < application.received_on then
    problems := problems || 'samtalen er datert før søknaden kom inn'::text;
  end if;
  if application.kind = 'besokshjem' then
    if checklist.home_visit_held_on is null then
      problems := problems || 'hjemmebesøket er ikke registrert som gjennomført'::text;
    elsif checklist.home_visit_held_on < application.received_on then
      problems := problems || 'hjemmebesøket er datert før søknaden kom inn'::text;
    end if;
  end if;

  if pg_catalog.cardinality(problems) > 0 then
    raise exception 'Kan ikke godkjenne søknad %: %.', application.reference,
      pg_catalog.array_to_string(problems, '; ')
      using errcode = '23514';
  end if;
end;
$$;

revoke all on function private.check_approval(public.applications) from public, anon, authenticated, service_role;

-- ==================== supabase/schemas/3_functions/private.coordinators_check_name.sql

-- A refused write to the coordinator list is answered without the row. The check constraints
-- coordinators_name_length and coordinators_role_known would report "Failing row contains (…)",
-- a person's name, to the caller and into Postgres' log; this trigger checks the same rules first
-- and refuses with the rule only (23514). The constraints stay as the last line.
create function private.coordinators_check_name()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.name is null or new.name <> pg_catalog.btrim(new.name)
    or pg_catalog.char_length(new.name) not between 1 and 100 then
    raise exception 'Navnet må ha mellom 1 og 100 tegn, uten mellomrom først eller sist.'
      using errcode = '23514';
  end if;
  if new.role is null or new.role not in ('coordinator', 'lead') then
    raise exception 'Velg koordinator eller leder.' using errcode = '23514';
  end if;
  return new;
end;
$$;

create trigger coordinators_00_check_name
  before insert or update on public.coordinators
  for each row execute function private.coordinators_check_name();

revoke all on function private.coordinators_check_name() from public, anon, authenticated, service_role;

-- ==================== supabase/schemas/3_functions/private.delete_ended_applications.sql

-- Retention: deletes every application declined or withdrawn more than retention_months
-- (public.screening_settings) before `as_of`, and every open application nobody has touched for 12
-- months more than that: the privacy statement says an application left open for 12 months with
-- nothing happening counts as ended, and is then deleted by the same rule as a declined one.
-- "Touched" is the latest of its receipt, a status change, a note and a checklist change.
--
-- With each application go its checklist, notes and e-mail outbox rows (foreign keys with on delete
-- cascade) and its audit history; one audit row without personal data (counts only) records that
-- the job ran. Returns the same counts.
--
-- Who may do what: no API role may execute it. It runs daily as postgres (pg_cron on hosted
-- Supabase, see docs/screening.md).
create function private.delete_ended_applications(as_of timestamptz default now())
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  months integer;
  cutoff timestamptz;
  untouched_cutoff timestamptz;
  ids uuid[];
  untouched integer;
  note_count integer;
  checklist_count integer;
  audit_count integer;
  summary jsonb;
begin
  select s.retention_months into months from public.screening_settings as s where s.id;
  months := coalesce(months, 6);
  cutoff := as_of - pg_catalog.make_interval(months => months);
  untouched_cutoff := cutoff - pg_catalog.make_interval(months => 12);

  select coalesce(pg_catalog.array_agg(a.id), array[]::uuid[]) into ids
    from public.applications as a
    where a.status in ('declined', 'withdrawn') and a.status_changed_at < cutoff;

  with stale as (
    select a.id
      from public.applications as a
        left join public.application_checklists as c on c.application_id = a.id
      where a.status in ('received', 'in_review', 'conversation_scheduled', 'home_visit')
        and greatest(a.received_at, a.status_changed_at, c.updated_at,
          (select pg_catalog.max(n.created_at) from public.application_notes as n
            where n.application_id = a.id)) < untouched_cutoff
  )
  select pg_catalog.count(*), ids || coalesce(pg_catalog.array_agg(stale.id), array[]::uuid[])
    into untouched, ids
    from stale;

  select pg_catalog.count(*) into note_count
    from public.application_notes as n where n.application_id = any (ids);
  select pg_catalog.count(*) into checklist_count
    from public.application_checklists as c where c.application_id = any (ids);

  -- Lets the append-only triggers of notes and the audit log accept these deletes, for this
  -- transaction only; cleared again below. No API role can set it: set_config is not reachable
  -- through PostgREST, and this function is not executable by any API role.
  perform pg_catalog.set_config('screening.retention_job', 'on', true);
  delete from public.audit_log as l where l.application_id = any (ids);
  get diagnostics audit_count = row_count;
  delete from public.applications as a where a.id = any (ids);
  perform pg_catalog.set_config('screening.retention_job', '', true);

  summary := pg_catalog.jsonb_build_object(
    'retention_months', months,
    'cutoff', cutoff,
    'untouched_cutoff', untouched_cutoff,
    'deleted_applications', pg_catalog.cardinality(ids),
    'deleted_untouched_open', untouched,
    'deleted_checklists', checklist_count,
    'deleted_notes', note_count,
    'deleted_audit_rows', audit_count);
  insert into public.audit_log (actor_id, actor_role, table_name, action, application_id, row_key, changes)
    values (null, current_user, 'applications', 'retention', null, null, summary);
  return summary;
end;
$$;

revoke all on function private.delete_ended_applications(timestamptz) from public, anon, authenticated;

comment on function private.delete_ended_applications(timestamptz) is
  'Sletter søknader som ble avslått eller trukket for mer enn retention_months siden, og åpne søknader der ingenting har skjedd på 12 måneder pluss retention_months, med sjekkliste, notater og logghistorikk. Skriver én loggrad med antall, uten personopplysninger. Kjøres daglig med pg_cron.';

-- ==================== supabase/schemas/3_functions/private.enqueue_application_messages.sql

-- Records the two messages of a new application in the e-mail outbox (public.outbox_messages), in
-- the inserting transaction. SECURITY DEFINER because applications are inserted by a role (the
-- site's, through submit_application) that may not write the outbox itself.
create function private.enqueue_application_messages()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into public.outbox_messages (application_id, template, recipient)
    values (new.id, 'receipt', 'applicant'), (new.id, 'coordinator_notice', 'coordinators');
  return null;
end;
$$;

create trigger applications_enqueue_messages
  after insert on public.applications
  for each row execute function private.enqueue_application_messages();

revoke all on function private.enqueue_application_messages() from public, anon, authenticated;

-- ==================== supabase/schemas/3_functions/private.is_choice.sql

-- A JSON string from `options` (private.submission_problem's check of a single choice).
create function private.is_choice(value jsonb, options text[])
returns boolean
language sql
immutable
set search_path = ''
as $$
  select coalesce(pg_catalog.jsonb_typeof(value) = 'string' and (value #>> '{}') = any (options), false)
$$;

revoke all on function private.is_choice(jsonb, text[]) from public, anon, authenticated, service_role;

-- ==================== supabase/schemas/3_functions/private.is_choice_list.sql

-- A JSON array of distinct strings from `options`, with at least `min` of them
-- (private.submission_problem's check of a multiple choice).
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

revoke all on function private.is_choice_list(jsonb, text[], integer)
  from public, anon, authenticated, service_role;

-- ==================== supabase/schemas/3_functions/private.is_email_address.sql

-- An e-mail address as the form's zod schema accepts it (zod's e-mail pattern, at most 254
-- characters): the applicant's and the partner's are the same check.
create function private.is_email_address(value jsonb)
returns boolean
language sql
immutable
set search_path = ''
as $$
  select coalesce(pg_catalog.jsonb_typeof(value) = 'string'
    and pg_catalog.char_length(value #>> '{}') <= 254
    and (value #>> '{}') ~ '^(?:[A-Za-z0-9_''+\-]+\.)*[A-Za-z0-9_''+\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,}$',
    false)
$$;

revoke all on function private.is_email_address(jsonb) from public, anon, authenticated, service_role;

-- ==================== supabase/schemas/3_functions/private.is_form_text.sql

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

revoke all on function private.is_form_text(jsonb, integer, boolean)
  from public, anon, authenticated, service_role;

-- ==================== supabase/schemas/3_functions/private.is_phone_number.sql

-- A Norwegian phone number as the form stores it: eight digits. The applicant's and the partner's
-- are the same check.
create function private.is_phone_number(value jsonb)
returns boolean
language sql
immutable
set search_path = ''
as $$
  select coalesce(pg_catalog.jsonb_typeof(value) = 'string' and (value #>> '{}') ~ '^[0-9]{8}$', false)
$$;

revoke all on function private.is_phone_number(jsonb) from public, anon, authenticated, service_role;

-- ==================== supabase/schemas/3_functions/private.is_whole_number.sql

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

revoke all on function private.is_whole_number(jsonb, integer, integer)
  from public, anon, authenticated, service_role;

-- ==================== supabase/schemas/3_functions/private.next_statuses.sql

-- The statuses a case of this kind may move to from `status` (empty for a final status): the
-- screening workflow drawn in 2_tables/20_public.applications.sql. The workflow trigger enforces
-- it, and public.application_next_steps lists it for the workspace.
create function private.next_statuses(kind text, status text)
returns text[]
language sql
immutable
set search_path = ''
as $$
  select case status
    when 'received' then array['in_review', 'withdrawn']
    when 'in_review' then array['conversation_scheduled', 'declined', 'withdrawn']
    when 'conversation_scheduled' then
      case kind
        when 'besokshjem' then array['home_visit', 'declined', 'withdrawn']
        else array['approved', 'declined', 'withdrawn']
      end
    when 'home_visit' then
      case kind when 'besokshjem' then array['approved', 'declined', 'withdrawn'] else array[]::text[] end
    else array[]::text[]
  end
$$;

revoke all on function private.next_statuses(text, text) from public, anon, authenticated;

-- ==================== supabase/schemas/3_functions/private.status_label.sql

-- Norwegian names of the statuses, for messages and buttons coordinators read.
create function private.status_label(status text)
returns text
language sql
immutable
set search_path = ''
as $$
  select case status
    when 'received' then 'mottatt'
    when 'in_review' then 'under behandling'
    when 'conversation_scheduled' then 'samtale avtalt'
    when 'home_visit' then 'hjemmebesøk'
    when 'approved' then 'godkjent'
    when 'declined' then 'avslått'
    when 'withdrawn' then 'trukket'
    else status
  end
$$;

revoke all on function private.status_label(text) from public, anon, authenticated;

-- ==================== supabase/schemas/3_functions/private.submission_problem.sql

-- The first field of a submission that the form's zod schema would refuse, or null when none:
-- every answer checked exactly as the forms check it (types, whole numbers, lists without repeats,
-- trimmed text without control or bidi characters, lengths in code points, the e-mail pattern, a
-- published privacy version; the best time to call; for visit homes, whether the applicant applies
-- alone or together with a spouse, cohabitant or registered partner, that person's name, phone and
-- e-mail when together (checked like the applicant's own) and none when alone, at least two adults
-- when together, and whether the other adults in the home know about the application: "ja" needs
-- two or more adults, "ingen-andre" exactly one; for supervisors, the years of experience may be
-- empty). A property test (tests/db/schema-agreement.test.ts) holds it to the zod schemas.
-- `today` is the date in Europe/Oslo the certificate rule is judged on (the day the row is stored).
create function private.submission_problem(application jsonb, today date)
returns text
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  fields constant text[] := array[
    'submission_id', 'kind', 'full_name', 'email', 'phone', 'call_time', 'street_address', 'postcode',
    'postal_place', 'over_18', 'motivation', 'certificate_status', 'certificate_issued_on',
    'commitment_months', 'confirmed_requirements', 'details', 'heard_about', 'privacy_consent',
    'privacy_version'];
  kind text;
  visit_home_keys constant text[] := array[
    'applying_with', 'partner_name', 'partner_phone', 'partner_email', 'adults', 'others_informed',
    'children', 'children_ages', 'spare_bed', 'weekends_per_month', 'also_available', 'siblings',
    'suited_ages'];
  supervisor_keys constant text[] := array[
    'experience_kinds', 'experience_years', 'availability', 'children_capacity', 'languages'];
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
    if issued_on > today or today > (issued_on + interval '3 months')::date then
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

  details := application -> 'details';
  if pg_catalog.jsonb_typeof(details) is distinct from 'object' then
    return 'details';
  end if;
  if kind = 'besokshjem' then
    if exists (select from pg_catalog.jsonb_object_keys(details) as k where k <> all (visit_home_keys))
      or not (details ?& visit_home_keys) then
      return 'details';
    end if;
    if not private.is_choice(details -> 'applying_with', array['alene', 'sammen']) then
      return 'applying_with';
    end if;
    -- Together: the partner's name, phone and e-mail, checked as the applicant's own; alone: none.
    if details ->> 'applying_with' = 'sammen' then
      if not private.is_form_text(details -> 'partner_name', 100) then
        return 'partner_name';
      end if;
      if not private.is_phone_number(details -> 'partner_phone') then
        return 'partner_phone';
      end if;
      if not private.is_email_address(details -> 'partner_email') then
        return 'partner_email';
      end if;
    else
      if details -> 'partner_name' <> 'null'::jsonb then
        return 'partner_name';
      end if;
      if details -> 'partner_phone' <> 'null'::jsonb then
        return 'partner_phone';
      end if;
      if details -> 'partner_email' <> 'null'::jsonb then
        return 'partner_email';
      end if;
    end if;
    if not private.is_whole_number(details -> 'adults', 1, 10) then
      return 'adults';
    end if;
    -- Applying together means at least two adults live in the home.
    if details ->> 'applying_with' = 'sammen' and (details ->> 'adults')::numeric < 2 then
      return 'adults';
    end if;
    if not private.is_choice(details -> 'others_informed', array['ja', 'ingen-andre']) then
      return 'others_informed';
    end if;
    -- "The other adults know" needs other adults; "no other adults" means exactly one.
    if (details ->> 'others_informed' = 'ingen-andre') <> ((details ->> 'adults')::numeric = 1) then
      return 'others_informed';
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
    if exists (select from pg_catalog.jsonb_object_keys(details) as k where k <> all (supervisor_keys))
      or not (details ?& supervisor_keys) then
      return 'details';
    end if;
    if not private.is_choice_list(details -> 'experience_kinds',
        array['forelder', 'jobb', 'frivillig', 'annet']) then
      return 'experience_kinds';
    end if;
    -- Experience is wanted, not required: the years may be left empty.
    if details -> 'experience_years' <> 'null'::jsonb
      and not private.is_whole_number(details -> 'experience_years', 0, 60) then
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

-- For the database owner's functions only (public.submit_application).
revoke all on function private.submission_problem(jsonb, date) from public, anon, authenticated, service_role;

-- ==================== supabase/schemas/3_functions/private.today.sql

-- The screening clock: today's date in Europe/Oslo, the date every screening rule counts from
-- (approval guard, checklist dates, the queue's flags), or the date pinned in
-- private.screening_clock for tests. SECURITY DEFINER only to read the clock row.
create function private.today()
returns date
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(
    (select c.pinned_today from private.screening_clock as c where c.id),
    (pg_catalog.now() at time zone 'Europe/Oslo')::date)
$$;

-- Signed-in users may read the date: the queue view runs with their privileges.
revoke all on function private.today() from public, anon, authenticated;
grant execute on function private.today() to authenticated;

comment on function private.today() is
  'Dagens dato i Europe/Oslo (eller den faste datoen i private.screening_clock under tester).';

-- ==================== supabase/schemas/3_functions/public.application_next_steps.sql

-- The next steps of a case, for the workspace's status buttons: the statuses the workflow allows
-- from the case's current status (private.next_statuses), in Norwegian, and for approval what the
-- approval guard would refuse today. The workspace shows exactly this list, so the workflow and the
-- guard stay the one source of truth (no copy of them in TypeScript): the guard's requirements are
-- not repeated here, the function runs private.check_approval on the case as it stands and returns
-- its message.
--
-- Who may do what: only active coordinators may call it (anyone else gets 42501, as the tables'
-- policies answer); anon gets nothing. It reads and changes nothing else.
create function public.application_next_steps(application_reference text)
returns table (status text, label text, approval_refusal text)
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  application public.applications;
  next_status text;
  refusal text;
begin
  -- SECURITY DEFINER (to run the guard, which API roles may not call directly), so access is
  -- checked here, with the same helper and answer as the policies.
  perform private.require_active_coordinator();
  select * into application from public.applications as a where a.reference = application_reference;
  if not found then
    return;
  end if;
  foreach next_status in array private.next_statuses(application.kind, application.status) loop
    refusal := null;
    if next_status = 'approved' then
      begin
        perform private.check_approval(application);
      exception when check_violation then
        get stacked diagnostics refusal = message_text;
      end;
    end if;
    status := next_status;
    label := private.status_label(next_status);
    approval_refusal := refusal;
    return next;
  end loop;
end;
$$;

revoke all on function public.application_next_steps(text) from public, anon, authenticated;
grant execute on function public.application_next_steps(text) to authenticated;

comment on function public.application_next_steps(text) is
  'Neste tillatte statuser for søknaden med denne referansen (fra arbeidsflyten), med norsk navn, og for godkjenning hva godkjenningskontrollen ville avvist i dag (tom når den ville godkjent). Bare for aktive koordinatorer.';

-- ==================== supabase/schemas/3_functions/public.application_receipt.sql

-- The receipt of an already stored submission, for a resend the form itself would now refuse
-- (for example after midnight, when the certificate date has aged by a day).
--
-- Who may do what: only service_role (the site's server).
create function public.application_receipt(submission_id uuid)
returns text
language sql
stable
security definer
set search_path = ''
as $$
  select a.reference from public.applications as a where a.submission_id = application_receipt.submission_id
$$;

revoke all on function public.application_receipt(uuid) from public, anon, authenticated, service_role;
grant execute on function public.application_receipt(uuid) to service_role;

comment on function public.application_receipt(uuid) is
  'For nettstedet (service_role): referansen til en søknad som allerede er lagret med denne innsendings-ID-en, ellers tom.';

-- ==================== supabase/schemas/3_functions/public.claim_outbox_messages.sql

-- Claims up to `batch` due messages of the e-mail outbox for one sender: pending messages whose
-- time has come, and messages whose sender stopped before its lease ran out. FOR UPDATE SKIP LOCKED
-- means two senders running at once never claim the same message. A claimed message is 'sending'
-- with a lease of `lease_seconds`; a message whose lease ran out after `max_attempts` tries is
-- failed instead. Returns what the templates need: the applicant's address for receipts only.
--
-- Who may do what: only service_role (the sender in server code).
create function public.claim_outbox_messages(
  batch integer default 10,
  lease_seconds integer default 300,
  max_attempts integer default 10
)
returns table (
  id uuid,
  template text,
  recipient text,
  to_address text,
  reference text,
  kind text,
  received_at timestamptz,
  attempts integer,
  idempotency_key text
)
language plpgsql
security definer
set search_path = ''
as $$
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
        m.next_attempt_at
  )
  select c.id, c.template, c.recipient,
         case when c.recipient = 'applicant' then a.email end,
         a.reference, a.kind, a.received_at, c.attempts, c.idempotency_key
    from claimed as c
    join public.applications as a on a.id = c.application_id
    order by c.next_attempt_at, c.id;
end;
$$;

revoke all on function public.claim_outbox_messages(integer, integer, integer)
  from public, anon, authenticated;
grant execute on function public.claim_outbox_messages(integer, integer, integer) to service_role;

comment on function public.claim_outbox_messages(integer, integer, integer) is
  'For avsenderen (service_role): reserverer inntil batch meldinger som skal sendes nå, og returnerer det malene trenger. To avsendere får aldri samme melding.';

-- ==================== supabase/schemas/3_functions/public.complete_outbox_message.sql

-- Records that a claimed message was sent. Only a message still claimed ('sending') changes.
--
-- Who may do what: only service_role (the sender in server code).
create function public.complete_outbox_message(message_id uuid, provider_id text)
returns boolean
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.outbox_messages as m
    set status = 'sent', sent_at = pg_catalog.now(), locked_until = null, last_error = null,
        provider_id = pg_catalog.left(complete_outbox_message.provider_id, 200)
    where m.id = message_id and m.status = 'sending';
  return found;
end;
$$;

revoke all on function public.complete_outbox_message(uuid, text) from public, anon, authenticated;
grant execute on function public.complete_outbox_message(uuid, text) to service_role;

comment on function public.complete_outbox_message(uuid, text) is
  'For avsenderen (service_role): markerer en reservert melding som sendt.';

-- ==================== supabase/schemas/3_functions/public.database_now.sql

-- The database's clock for the site's server: the submit Action judges the certificate date by the
-- same day as submit_application does (now() in Europe/Oslo), so near midnight, or with a server
-- clock that has drifted, the two layers never disagree about "today".
--
-- Who may do what: only service_role (the site's server) may call it; it reads no table.
create function public.database_now()
returns timestamptz
language sql
stable
set search_path = ''
as $$
  select pg_catalog.now()
$$;

revoke all on function public.database_now() from public, anon, authenticated;
grant execute on function public.database_now() to service_role;

comment on function public.database_now() is
  'Databasens klokke (now()), slik at nettstedets server vurderer datoer etter samme dag som submit_application.';

-- ==================== supabase/schemas/3_functions/public.erase_application.sql

-- Erasure on request (GDPR art. 17): an active lead deletes one application with its checklist,
-- notes, e-mail outbox rows and audit history, whatever its status. The append-only notes and log
-- accept these deletes for this transaction only, as they do for the retention job. One audit row
-- without personal data records that it happened, by whom and when (no reference, no id).
--
-- Who may do what: only an active lead (checked inside) may execute it; anon and service_role may
-- not.
create function public.erase_application(application_id uuid)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  lead uuid := (select auth.uid());
  note_count integer;
  audit_count integer;
  summary jsonb;
begin
  perform private.require_active_lead();
  if not exists (select from public.applications as a where a.id = erase_application.application_id) then
    raise exception 'Fant ingen søknad å slette.' using errcode = 'P0002';
  end if;
  select pg_catalog.count(*) into note_count
    from public.application_notes as n where n.application_id = erase_application.application_id;

  perform pg_catalog.set_config('screening.retention_job', 'on', true);
  delete from public.audit_log as l where l.application_id = erase_application.application_id;
  get diagnostics audit_count = row_count;
  delete from public.applications as a where a.id = erase_application.application_id;
  perform pg_catalog.set_config('screening.retention_job', '', true);

  summary := pg_catalog.jsonb_build_object(
    'deleted_applications', 1, 'deleted_notes', note_count, 'deleted_audit_rows', audit_count);
  insert into public.audit_log (actor_id, actor_role, table_name, action, application_id, row_key, changes)
    values (lead, coalesce(nullif((select auth.role()), ''), current_user), 'applications', 'erasure',
      null, null, summary);
  return summary;
end;
$$;

revoke all on function public.erase_application(uuid) from public, anon, authenticated, service_role;
grant execute on function public.erase_application(uuid) to authenticated;

comment on function public.erase_application(uuid) is
  'For aktive ledere: sletter en søknad etter krav fra søkeren, med sjekkliste, notater, e-poster og logghistorikk. Skriver én loggrad uten personopplysninger.';

-- ==================== supabase/schemas/3_functions/public.fail_outbox_message.sql

-- Records a failed try of a claimed message: back to 'pending' at `retry_at`, or 'failed' (given
-- up, for a coordinator to see) when `retry_at` is null. `error` must hold no personal data.
--
-- Who may do what: only service_role (the sender in server code).
create function public.fail_outbox_message(message_id uuid, error text, retry_at timestamptz default null)
returns boolean
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.outbox_messages as m
    set status = case when retry_at is null then 'failed' else 'pending' end,
        next_attempt_at = coalesce(retry_at, m.next_attempt_at),
        locked_until = null,
        last_error = pg_catalog.left(coalesce(error, 'ukjent feil'), 200)
    where m.id = message_id and m.status = 'sending';
  return found;
end;
$$;

revoke all on function public.fail_outbox_message(uuid, text, timestamptz)
  from public, anon, authenticated;
grant execute on function public.fail_outbox_message(uuid, text, timestamptz) to service_role;

comment on function public.fail_outbox_message(uuid, text, timestamptz) is
  'For avsenderen (service_role): registrerer et mislykket forsøk, med nytt forsøk ved retry_at eller status failed når retry_at er tom.';

-- ==================== supabase/schemas/3_functions/public.submit_application.sql

-- The one way in for the public site: checks, stores, returns the reference. Idempotent on
-- submission_id: a repeat returns the first reference, also after midnight or with different
-- answers, and stores nothing. Every answer is checked exactly as the form's zod schema does
-- (private.submission_problem) before anything is inserted, and a refusal names the field (22023)
-- or the limit (PT429, which PostgREST answers as HTTP 429), never a value, so neither the caller
-- nor the Postgres log ever sees the applicant's answers ("Failing row contains …"); a constraint
-- the checks missed is re-raised without its "Failing row" detail. It also limits how many
-- applications one e-mail address may receive receipts for (private.applications_per_address_per_day).
-- SECURITY DEFINER so that the table grants the site's role nothing; search_path is fixed and
-- empty, so every name is schema-qualified.
--
-- Who may do what: only service_role (the site's server) executes it. The anon key is public, so
-- anything it may call is an open mailer: anon gets nothing.
create function public.submit_application(application jsonb)
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
      reference, submission_id, kind, full_name, email, phone, call_time, street_address, postcode,
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
      application ->> 'call_time',
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

revoke all on function public.submit_application(jsonb) from public, anon, authenticated, service_role;
grant execute on function public.submit_application(jsonb) to service_role;

comment on function public.submit_application(jsonb) is
  'Eneste vei inn for nettstedet (service_role): kontrollerer og lagrer en søknad og returnerer referansen. Samme innsendings-ID gir samme referanse og ingen ny rad. Avvisninger nevner feltet, aldri verdien.';

-- ==================== supabase/schemas/4_views/public.screening_queue.sql

-- The screening queue: one row per open application (received, in review, conversation
-- scheduled, home visit), most urgent first.
--
-- Who may do what: active coordinators read it (security_invoker, so the policies of
-- applications and checklists apply to whoever queries it); anon and other signed-in users get
-- nothing.
--
-- Urgency: 2 = contact deadline passed or certificate expired; 1 = certificate expires within 14
-- days; 0 = the rest. Within the same urgency the oldest application comes first. Dates count in
-- Europe/Oslo from private.today(). The contact deadline (within 5 working days of receipt) and the
-- receipt date are stored on each application (applications.contact_due_on and received_on), not
-- computed per row: the view inlines its CTEs, so a conversion here would be repeated for every
-- column and flag that uses it.
create view public.screening_queue
with (security_invoker = true)
as
with open_application as (
  select
    a.id,
    a.reference,
    a.kind,
    a.status,
    a.full_name,
    a.assigned_to,
    a.received_at,
    a.received_on,
    a.contact_due_on,
    c.certificate_verified_by is not null as certificate_verified,
    coalesce(c.certificate_issued_on, a.certificate_issued_on) as certificate_issued_on,
    greatest(c.conversation_held_on, c.home_visit_held_on,
      (c.last_contact_note_at at time zone 'Europe/Oslo')::date) as last_contact_on,
    t.today
  from public.applications as a
    -- Each open case's checklist, looked up by key: a lateral subquery with limit 1 cannot be
    -- hash-joined, so the plan never scans every checklist (with Postgres' default
    -- random_page_cost the planner chose that full scan: 45 ms instead of 17 at 100,000 rows).
    -- Its columns are named, not `*` (which Postgres would expand when the view is created), so a
    -- column added to the checklist leaves the view as it is.
    cross join lateral (
      select cl.application_id, cl.certificate_issued_on, cl.certificate_verified_by,
        cl.certificate_verified_at, cl.conversation_held_on, cl.home_visit_held_on,
        cl.references_checked, cl.references_checked_by, cl.references_checked_at,
        cl.last_contact_note_at, cl.updated_at
      from public.application_checklists as cl where cl.application_id = a.id limit 1
    ) as c
    -- offset 0 keeps this a one-row subquery: today is computed once, not once per row.
    cross join (select private.today() as today offset 0) as t
  where a.status in ('received', 'in_review', 'conversation_scheduled', 'home_visit')
),
computed as (
  select
    o.*,
    (o.certificate_issued_on + interval '3 months')::date as certificate_valid_until
  from open_application as o
),
flagged as (
  select
    c.*,
    c.last_contact_on is null and c.today > c.contact_due_on as no_contact_overdue,
    c.certificate_issued_on is null as certificate_missing,
    c.certificate_valid_until - c.today as certificate_days_left,
    c.certificate_valid_until < c.today as certificate_expired,
    c.certificate_valid_until >= c.today and c.certificate_valid_until - c.today <= 14
      as certificate_expiring
  from computed as c
)
select
  f.id,
  f.reference,
  f.kind,
  f.status,
  f.full_name,
  f.assigned_to,
  f.received_at,
  f.today - f.received_on as days_since_received,
  f.last_contact_on,
  f.today - f.last_contact_on as days_since_last_contact,
  f.contact_due_on,
  f.certificate_issued_on,
  f.certificate_verified,
  f.certificate_valid_until,
  f.certificate_days_left,
  f.certificate_missing,
  coalesce(f.certificate_expiring, false) as certificate_expiring,
  coalesce(f.certificate_expired, false) as certificate_expired,
  f.no_contact_overdue,
  case
    when f.no_contact_overdue or coalesce(f.certificate_expired, false) then 2
    when coalesce(f.certificate_expiring, false) then 1
    else 0
  end as urgency
from flagged as f
order by urgency desc, f.received_at;

revoke all on table public.screening_queue from anon, authenticated, public;
grant select on table public.screening_queue to authenticated;

comment on view public.screening_queue is
  'Arbeidskøen: én rad per åpen søknad, mest hastende først. Bare aktive koordinatorer kan lese (tilgangsreglene for søknader gjelder).';
comment on column public.screening_queue.reference is 'Søknadens referanse, for eksempel BH-7K3M-Q9XD.';
comment on column public.screening_queue.kind is 'besokshjem eller tilsynsperson.';
comment on column public.screening_queue.status is 'Saksstatus (se applications.status).';
comment on column public.screening_queue.full_name is 'Søkerens navn.';
comment on column public.screening_queue.assigned_to is 'Koordinatoren som har saken.';
comment on column public.screening_queue.received_at is 'Når søknaden kom inn.';
comment on column public.screening_queue.days_since_received is 'Dager siden søknaden kom inn.';
comment on column public.screening_queue.last_contact_on is
  'Siste kontakt med søkeren: samtale, hjemmebesøk eller notat merket som kontakt.';
comment on column public.screening_queue.days_since_last_contact is 'Dager siden siste kontakt (tom: ingen kontakt ennå).';
comment on column public.screening_queue.contact_due_on is
  'Frist for første kontakt: 5 arbeidsdager (man–fre) etter mottak.';
comment on column public.screening_queue.certificate_issued_on is
  'Politiattestens utstedelsesdato: den koordinator har kontrollert, ellers den søkeren oppga.';
comment on column public.screening_queue.certificate_verified is 'En koordinator har kontrollert attesten.';
comment on column public.screening_queue.certificate_valid_until is
  'Siste dag attesten er gyldig (utstedelsesdato + 3 måneder).';
comment on column public.screening_queue.certificate_days_left is
  'Dager til attesten går ut (0 = siste gyldige dag i dag, negativt = utløpt).';
comment on column public.screening_queue.certificate_missing is 'Ingen politiattest ennå.';
comment on column public.screening_queue.certificate_expiring is 'Attesten går ut innen 14 dager.';
comment on column public.screening_queue.certificate_expired is 'Attesten er utløpt: søkeren må levere ny før godkjenning.';
comment on column public.screening_queue.no_contact_overdue is
  'Ingen kontakt med søkeren innen 5 arbeidsdager etter mottak.';
comment on column public.screening_queue.urgency is
  '2 = kontaktfrist passert eller attest utløpt, 1 = attest går ut innen 14 dager, 0 = resten.';

-- ==================== supabase/schemas/5_view_functions/public.screening_queue_counts.sql

-- The screening queue's four view counts (new, mine, all open, urgent) in one query, for the
-- workspace's queue page: one pass over the queue instead of four separate counts, each of which
-- computes the view's flags for every open case again.
--
-- Who may do what: signed-in users may call it; it runs with the caller's privileges
-- (SECURITY INVOKER), so the queue's policies decide: an active coordinator gets the counts,
-- anyone else the same 42501 the queue answers. Anon may not call it.
create function public.screening_queue_counts()
returns table (new_count bigint, mine_count bigint, open_count bigint, urgent_count bigint)
language sql
stable
security invoker
set search_path = ''
as $$
  select
    count(*) filter (where q.status = 'received'),
    count(*) filter (where q.assigned_to = (select auth.uid())),
    count(*),
    count(*) filter (where q.urgency in (1, 2))
  from public.screening_queue as q
$$;

revoke all on function public.screening_queue_counts() from public, anon, authenticated;
grant execute on function public.screening_queue_counts() to authenticated;

comment on function public.screening_queue_counts() is
  'Antall saker i køens fire visninger: nye (mottatt), mine (tildelt den innloggede), alle åpne og haster (urgency 1 og 2). Gjelder bare for aktive koordinatorer.';
