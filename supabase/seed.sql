-- Seed data for the local stack. Fictitious only; never real applicants.
--
-- Two active coordinators (a coordinator and a lead), a deactivated one, and eight applications in different states, with
-- dates relative to today so that every constraint holds (a declared certificate is at most three
-- months old at receipt) and the screening queue looks like a real Monday morning: a new case, a
-- case past the contact deadline, an expired and an expiring certificate, cases further on, and a
-- few that have ended; and two visit homes of issue 24 with their own parts: one whose co-applicant
-- has confirmed and whose four referees are in each state (answered online, declined, taken by
-- phone, asked and waiting), and one new case whose co-applicant has not answered yet and whose
-- referees are not asked. The cases are moved on as Kari Koordinator (request.jwt.claims, as
-- PostgREST sets it, in a session of hers), so the workflow, the checklist triggers and the audit log run as in real use.
-- Min søknad (issue 25): liv@eksempel.invalid is the address to try the applicant's page with (the
-- joint visit home with a confirmed co-applicant and referees in each state); the sign-in link
-- arrives in the local mailbox. Moving the cases queues their status e-mails, as in real use.

-- Auth users as Supabase Auth leaves them after an invitation was accepted (confirmed e-mail,
-- provider email), so a fresh `npm start` lets them sign in with the code from the local mailbox.
-- Besides the lead and the coordinator: a confirmed user who is not a coordinator, and a
-- coordinator who has been deactivated; neither may reach the workspace. The token columns are
-- empty strings, not null, as GoTrue writes them (GoTrue cannot read a null there), so the same
-- rows also work under the Supabase CLI's real Auth.
insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
  invited_at, confirmation_sent_at, last_sign_in_at, raw_app_meta_data, raw_user_meta_data,
  created_at, updated_at, is_anonymous, confirmation_token, recovery_token,
  email_change_token_new, email_change)
select '00000000-0000-0000-0000-000000000000', id::uuid, 'authenticated', 'authenticated', email, '',
  now() - interval '30 days', now() - interval '31 days', now() - interval '31 days', null,
  '{"provider": "email", "providers": ["email"]}', '{}', now() - interval '31 days',
  now() - interval '30 days', false, '', '', '', ''
from (values
  ('5eed0000-0000-4000-8000-000000000001', 'kari.koordinator@eksempel.invalid'),
  ('5eed0000-0000-4000-8000-000000000002', 'lars.leder@eksempel.invalid'),
  ('5eed0000-0000-4000-8000-000000000003', 'ikke.koordinator@eksempel.invalid'),
  ('5eed0000-0000-4000-8000-000000000004', 'dag.deaktivert@eksempel.invalid')
) as seeded (id, email);

insert into public.coordinators (user_id, name, active, role)
values
  ('5eed0000-0000-4000-8000-000000000001', 'Kari Koordinator', true, 'coordinator'),
  ('5eed0000-0000-4000-8000-000000000002', 'Lars Leder', true, 'lead'),
  ('5eed0000-0000-4000-8000-000000000004', 'Dag Deaktivert', false, 'coordinator');

do $$
declare
  today constant date := (now() at time zone 'Europe/Oslo')::date;
  kari constant text := '5eed0000-0000-4000-8000-000000000001';
  seed_session constant uuid := '5eed0000-0000-4000-8000-00000000ab01';
  visit_home_requirements constant text[] := array['stabil-livssituasjon', 'overskudd-og-tid',
    'glad-i-barn', 'trygge-rutiner'];
  supervisor_requirements constant text[] := array['kontakt-med-barn', 'stabil-livssituasjon'];
  -- The role's answers, by column (null for the questions of the other kind).
  visit_home_answers constant jsonb := '{"applying_with": "alene", "adults": 2, "others_informed": "ja", "children": 1, "children_ages": "9", "spare_bed": true, "weekends_per_month": 2, "also_available": ["ferier"], "siblings": "kanskje", "suited_ages": ["6-12"]}';
  -- Two who apply together: both are assessed, and both present a police certificate.
  joint_answers constant jsonb := '{"applying_with": "sammen", "partner_name": "Tor Tenkt", "partner_phone": "40000015", "partner_email": "tor@eksempel.invalid", "adults": 2, "others_informed": "ja", "children": 2, "children_ages": "12, 15", "spare_bed": true, "weekends_per_month": 1, "also_available": [], "siblings": "ja", "suited_ages": ["6-12", "13-18"]}';
  supervisor_answers constant jsonb := '{"experience_kinds": ["jobb"], "experience_years": 6, "availability": ["kveld", "helg"], "children_capacity": 2, "languages": "norsk, engelsk"}';
  -- Experience is wanted, not required: the years may be left empty.
  new_supervisor_answers constant jsonb := '{"experience_kinds": [], "availability": ["dagtid"], "children_capacity": 1}';
  -- The oldest issue date still valid ten days from now: a certificate that expires in ten days or
  -- a few more (the last valid day of some issue dates is the same, at the end of a month).
  expiring_issued constant date := (
    select pg_catalog.min(d)::date from pg_catalog.generate_series(today - 120, today, interval '1 day') as d
      where private.is_certificate_valid(d::date, today + 10));
begin
  insert into public.applications (reference, submission_id, kind, received_at, full_name, email,
    phone, call_time, street_address, postcode, postal_place, over_18, motivation, certificate_status,
    certificate_issued_on, commitment_months, confirmed_requirements, heard_about, privacy_consent,
    privacy_version, applying_with, partner_name, partner_phone, partner_email, adults,
    others_informed, children, children_ages, spare_bed, weekends_per_month, also_available,
    siblings, suited_ages, experience_kinds, experience_years, availability, children_capacity,
    languages)
  select s.reference, gen_random_uuid(), s.kind, s.received_at, s.full_name, s.email, s.phone,
    s.call_time, s.street_address, s.postcode, s.postal_place, true, s.motivation,
    s.certificate_status, s.certificate_issued_on, s.commitment_months, s.confirmed_requirements,
    s.heard_about, true, s.privacy_version, r.applying_with, r.partner_name, r.partner_phone,
    r.partner_email, r.adults, r.others_informed, r.children, r.children_ages, r.spare_bed,
    r.weekends_per_month, r.also_available, r.siblings, r.suited_ages, r.experience_kinds,
    r.experience_years, r.availability, r.children_capacity, r.languages
  from (values
    -- New this morning, with a recent certificate.
    ('BH-7K3M-Q9XD', 'besokshjem', now() - interval '2 hours', 'Ingrid Eksempel',
      'ingrid@eksempel.invalid', '40000001', 'formiddag', 'Fiktivveien 1', '7713', 'Steinkjer',
      'Barna våre er store, og vi har et ledig rom og tid i helgene.', 'har', today - 10, 12,
      visit_home_requirements, 'nettside', '1.0', visit_home_answers),
    -- Nine days without contact: past the five-working-day deadline; certificate still to come.
    ('TP-4FWR-82NC', 'tilsynsperson', now() - interval '9 days', 'Ola Prøvesen',
      'ola@eksempel.invalid', '40000002', 'dagtid', 'Testgata 2', '7714', 'Steinkjer',
      'Jeg har jobbet i skolen i mange år og vil gjerne bidra.', 'bestiller', null, 24,
      supervisor_requirements, 'bekjent', '1.0', supervisor_answers),
    -- In review; the certificate was already old at receipt and has now expired.
    ('BH-9HJT-3MPE', 'besokshjem', now() - interval '20 days', 'Siri Fiktiv',
      'siri@eksempel.invalid', '40000003', 'ettermiddag', 'Oppdiktet allé 3', '7724', 'Steinkjer',
      'Vi vil gjerne gi et barn gode helger.', 'har', today - 100, 12,
      visit_home_requirements, 'sosiale-medier', '1.0', visit_home_answers),
    -- Conversation scheduled; the certificate expires in ten days.
    ('TP-6YVB-K2LA', 'tilsynsperson', expiring_issued + 20, 'Per Påfunn',
      'per@eksempel.invalid', '40000004', 'formiddag', 'Lekeveien 4', '7725', 'Steinkjer',
      'Jeg er pensjonert lærer og har god tid.', 'har', expiring_issued, 12,
      supervisor_requirements, 'annonse', '1.0', supervisor_answers),
    -- Home visit stage; two apply together. The applicant's certificate is verified and the
    -- conversation held; the partner's certificate is still to be checked.
    ('BH-R8ZS-5GQU', 'besokshjem', now() - interval '25 days', 'Anne Tenkt',
      'anne@eksempel.invalid', '40000005', 'dagtid', 'Påstandsveien 5', '7716', 'Steinkjer',
      'Vi har plass og ønsker å hjelpe.', 'har', today - 30, 36,
      visit_home_requirements, 'informasjonsmote', '2.1', joint_answers),
    -- Approved supervisor.
    ('TP-W3DN-7HXK', 'tilsynsperson', now() - interval '35 days', 'Mona Modell',
      'mona@eksempel.invalid', '40000006', 'ettermiddag', 'Eksempelveien 6', '7717', 'Steinkjer',
      'Jeg har selv vært fosterbarn og vet hvor viktig dette er.', 'har', today - 40, 12,
      supervisor_requirements, 'bekjent', '1.0', supervisor_answers),
    -- Declined after the conversation.
    ('BH-5CPA-JT4V', 'besokshjem', now() - interval '40 days', 'Knut Konstruert',
      'knut@eksempel.invalid', '40000007', 'formiddag', 'Tenkeveien 7', '7718', 'Steinkjer',
      'Jeg liker barn.', 'bestiller', null, 12,
      visit_home_requirements, null, '1.0', visit_home_answers),
    -- Withdrawn by the applicant.
    ('TP-M2EQ-9RBF', 'tilsynsperson', now() - interval '15 days', 'Eva Utenkt',
      'eva@eksempel.invalid', '40000008', 'dagtid', 'Drømmegata 8', '7719', 'Steinkjer',
      'Jeg ønsker å bidra i nærmiljøet.', 'bestiller', null, 12,
      supervisor_requirements, 'annet', '2.1', new_supervisor_answers)
  ) as s (reference, kind, received_at, full_name, email, phone, call_time, street_address, postcode,
    postal_place, motivation, certificate_status, certificate_issued_on, commitment_months,
    confirmed_requirements, heard_about, privacy_version, answers)
    cross join lateral jsonb_populate_record(null::public.applications, s.answers) as r;

  -- From here on Kari Koordinator works the cases, as she would through the API: signed in, in a
  -- session of hers (the policies require a live one), which ends when she is done.
  insert into auth.sessions (id, user_id, created_at, updated_at, aal)
    values (seed_session, kari::uuid, now(), now(), 'aal1');
  perform set_config('request.jwt.claims',
    json_build_object('sub', kari, 'role', 'authenticated', 'session_id', seed_session)::text, true);

  update public.applications set status = 'in_review' where reference = 'BH-9HJT-3MPE';

  update public.applications set status = 'in_review' where reference = 'TP-6YVB-K2LA';
  insert into public.application_notes (application_id, body, is_contact)
    select id, 'Ringte søkeren og avtalte samtale.', true from public.applications where reference = 'TP-6YVB-K2LA';
  update public.applications set status = 'conversation_scheduled' where reference = 'TP-6YVB-K2LA';

  update public.applications set status = 'in_review' where reference = 'BH-R8ZS-5GQU';
  update public.application_checklists set certificate_issued_on = today - 30, conversation_held_on = today - 12,
      references_checked = true
    where application_id = (select id from public.applications where reference = 'BH-R8ZS-5GQU');
  update public.applications set status = 'conversation_scheduled' where reference = 'BH-R8ZS-5GQU';
  update public.applications set status = 'home_visit' where reference = 'BH-R8ZS-5GQU';
  insert into public.application_notes (application_id, body, is_contact)
    select id, 'Samtale gjennomført. Hjemmebesøk avtales.', true from public.applications where reference = 'BH-R8ZS-5GQU';

  update public.applications set status = 'in_review' where reference = 'TP-W3DN-7HXK';
  update public.application_checklists set certificate_issued_on = today - 40, conversation_held_on = today - 20,
      references_checked = true
    where application_id = (select id from public.applications where reference = 'TP-W3DN-7HXK');
  update public.applications set status = 'conversation_scheduled' where reference = 'TP-W3DN-7HXK';
  update public.applications set status = 'approved' where reference = 'TP-W3DN-7HXK';

  update public.applications set status = 'in_review' where reference = 'BH-5CPA-JT4V';
  update public.application_checklists set conversation_held_on = today - 25
    where application_id = (select id from public.applications where reference = 'BH-5CPA-JT4V');
  update public.applications set status = 'conversation_scheduled' where reference = 'BH-5CPA-JT4V';
  insert into public.application_notes (application_id, body, is_contact)
    select id, 'Avslått etter samtalen; begrunnelse sendt søkeren i brev.', true from public.applications where reference = 'BH-5CPA-JT4V';
  update public.applications set status = 'declined' where reference = 'BH-5CPA-JT4V';

  update public.applications set status = 'withdrawn' where reference = 'TP-M2EQ-9RBF';
  insert into public.application_notes (application_id, body, is_contact)
    select id, 'Søkeren trakk søknaden på telefon.', true from public.applications where reference = 'TP-M2EQ-9RBF';

  -- Issue 24: two visit homes applying together, with referees. Inserted as the form sends them
  -- since the co-applicant's part and its link e-mail exist (the trigger makes both).
  insert into public.applications (reference, submission_id, kind, received_at, full_name, email,
    phone, call_time, street_address, postcode, postal_place, over_18, motivation, certificate_status,
    certificate_issued_on, commitment_months, confirmed_requirements, heard_about, privacy_consent,
    privacy_version, applying_with, partner_name, partner_phone, partner_email, adults,
    others_informed, children, children_ages, spare_bed, weekends_per_month, also_available,
    siblings, suited_ages, referees_wanted)
  values
    -- The co-applicant has confirmed; the four referees the form asked for then are in each state.
    ('BH-L2NK-SVAR', gen_random_uuid(), 'besokshjem', now() - interval '14 days', 'Liv Lenke',
      'liv@eksempel.invalid', '40000020', 'formiddag', 'Svarveien 20', '7720', 'Steinkjer', true,
      'Vi har god plass og ønsker å være et fast helgehjem.', 'har', today - 20, 24,
      visit_home_requirements, 'nettside', true, '2.3', 'sammen', 'Sigurd Sammen', '40000021',
      'sigurd@eksempel.invalid', 2, 'ja', 1, '8', true, 2, array['ferier'], 'ja', array['6-12'], 4),
    -- New: the co-applicant has not answered, and nobody has asked the referees yet.
    ('BH-MED5-VENT', gen_random_uuid(), 'besokshjem', now() - interval '1 day', 'Jon Venter',
      'jon@eksempel.invalid', '40000030', 'dagtid', 'Ventegata 30', '7730', 'Steinkjer', true,
      'Vi vil gjerne ha et barn hos oss noen helger i måneden.', 'bestiller', null, 12,
      visit_home_requirements, 'bekjent', true, '2.3', 'sammen', 'Vera Venter', '40000031',
      'vera@eksempel.invalid', 2, 'ja', 0, null, true, 1, array[]::text[], 'nei', array['0-5'], 2);

  insert into public.referees (application_id, position, full_name, relation, phone, email, status,
    requested_at, reminded_at, expires_at, answered_at, answers, phone_note, recorded_by)
  select a.id, r.position, r.full_name, r.relation, r.phone, r.email, r.status, r.requested_at,
    r.reminded_at, r.requested_at + interval '21 days', r.answered_at, r.answers, r.phone_note,
    r.recorded_by
  from public.applications as a
    cross join (values
      (1, 'Randi Referanse', 'Nabo i åtte år', '40000022', 'randi@eksempel.invalid', 'answered',
        now() - interval '9 days', null::timestamptz, now() - interval '6 days',
        '{"kjennskap": "Vi har vært naboer i åtte år og ses nesten hver uke.", "med-barn": "Rolig og tålmodig; barna våre er glade i Liv.", "annet": ""}'::jsonb,
        null::text, null::uuid),
      (2, 'Bjørn Bekjent', 'Kollega', '40000023', 'bjorn@eksempel.invalid', 'declined',
        now() - interval '9 days', null, now() - interval '8 days', null, null, null),
      (3, 'Tone Telefon', 'Venn siden studietiden', '40000024', 'tone@eksempel.invalid', 'by_phone',
        null, null, now() - interval '3 days', null,
        'Ringte Tone. Kjenner Liv godt og anbefaler henne varmt.', kari::uuid),
      (4, 'Vidar Venter', 'Trener i idrettslaget', '40000025', 'vidar@eksempel.invalid', 'asked',
        now() - interval '9 days', now() - interval '2 days', null, null, null, null)
    ) as r (position, full_name, relation, phone, email, status, requested_at, reminded_at,
      answered_at, answers, phone_note, recorded_by)
  where a.reference = 'BH-L2NK-SVAR';
  insert into public.referees (application_id, position, full_name, relation, phone, email)
  select a.id, r.position, r.full_name, r.relation, r.phone, r.email
  from public.applications as a
    cross join (values
      (1, 'Siv Spurt', 'Nabo', '40000032', 'siv@eksempel.invalid'),
      (2, 'Geir Gammel', 'Kollega i ti år', '40000033', 'geir@eksempel.invalid')
    ) as r (position, full_name, relation, phone, email)
  where a.reference = 'BH-MED5-VENT';

  -- Liv's co-applicant confirmed two days after the application came; the link e-mail was sent.
  update public.co_applicant_parts
    set status = 'confirmed', answered_at = now() - interval '12 days', over_18 = true,
        phone = '40000021', call_time = 'ettermiddag', certificate_status = 'bestiller',
        privacy_version = '2.3'
    where application_id = (select id from public.applications where reference = 'BH-L2NK-SVAR');
  update public.outbox_messages
    set status = 'sent', attempts = 1, sent_at = now() - interval '14 days'
    where template = 'co_applicant_request'
      and application_id = (select id from public.applications where reference = 'BH-L2NK-SVAR');
  update public.applications set status = 'in_review' where reference = 'BH-L2NK-SVAR';
  update public.application_checklists set certificate_issued_on = today - 20, conversation_held_on = today - 10
    where application_id = (select id from public.applications where reference = 'BH-L2NK-SVAR');
  update public.applications set status = 'conversation_scheduled' where reference = 'BH-L2NK-SVAR';

  perform set_config('request.jwt.claims', '', true);
  delete from auth.sessions where id = seed_session;
end
$$;

-- ---------------------------------------------------------------------------------------------
-- The lead's numbers (/koordinator/tall/): six months of history, so that the page shows
-- something on a fresh `npm start`. For each of the last six months and each role, seven to
-- eleven fictitious cases received in the first weeks of the month, worked by Kari Koordinator in
-- a session of hers through the workflow, as the block above: the conversation (the first contact)
-- after 0–10 days, then approved, declined or withdrawn, or still open in the last two months.
-- The screening clock is pinned to each decision's day while it is made, so the checklist's dates
-- and the approval guard hold as they did then; the decision's time is then set to that day (as
-- the superuser, which the counting triggers follow). The counts per month come from the same
-- triggers as in real use: nothing here writes them.
do $$
declare
  kari constant text := '5eed0000-0000-4000-8000-000000000001';
  seed_session constant uuid := '5eed0000-0000-4000-8000-00000000ab02';
  today constant date := (now() at time zone 'Europe/Oslo')::date;
  alphabet constant text := '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  sources constant text[] := array['nettside', 'sosiale-medier', 'bekjent', 'annonse',
    'informasjonsmote', 'annet', null, 'nettside', 'sosiale-medier'];
  n integer := 0;
  months_ago integer;
  kind text;
  i integer;
  app uuid;
  received date;
  conversation date;
  decided date;
  outcome text;
begin
  insert into auth.sessions (id, user_id, created_at, updated_at, aal)
    values (seed_session, kari::uuid, now(), now(), 'aal1');
  perform set_config('request.jwt.claims',
    json_build_object('sub', kari, 'role', 'authenticated', 'session_id', seed_session)::text, true);

  for months_ago in 1..6 loop
    foreach kind in array array['besokshjem', 'tilsynsperson'] loop
      for i in 1..(7 + (months_ago * 3 + length(kind)) % 5) loop
        n := n + 1;
        received := (date_trunc('month', today) - make_interval(months => months_ago))::date
          + (i * 5 + months_ago) % 18;
        insert into public.applications (reference, submission_id, kind, received_at, full_name,
          email, phone, call_time, street_address, postcode, postal_place, over_18, motivation,
          certificate_status, commitment_months, confirmed_requirements, heard_about,
          privacy_consent, privacy_version, applying_with, adults, others_informed, children,
          spare_bed, weekends_per_month, also_available, siblings, suited_ages, experience_kinds,
          availability, children_capacity)
        values (
          case kind when 'besokshjem' then 'BH' else 'TP' end || '-SEED-'
            || substr(alphabet, 1 + (n / 32) % 32, 1) || substr(alphabet, 1 + n % 32, 1) || 'HK',
          gen_random_uuid(), kind, (received + time '10:00') at time zone 'Europe/Oslo',
          'Historisk Søker ' || n, 'historisk' || n || '@eksempel.invalid', (40001000 + n)::text,
          'dagtid', 'Tidligere vei ' || n, '7713', 'Steinkjer', true, 'Jeg vil gjerne bidra.',
          'bestiller', 12,
          case kind when 'besokshjem'
            then array['stabil-livssituasjon', 'overskudd-og-tid', 'glad-i-barn', 'trygge-rutiner']
            else array['kontakt-med-barn', 'stabil-livssituasjon'] end,
          sources[1 + n % 9], true, '2.1',
          case when kind = 'besokshjem' then 'alene' end,
          case when kind = 'besokshjem' then 1 end,
          case when kind = 'besokshjem' then 'ingen-andre' end,
          case when kind = 'besokshjem' then 0 end,
          case when kind = 'besokshjem' then true end,
          case when kind = 'besokshjem' then 2 end,
          case when kind = 'besokshjem' then array[]::text[] end,
          case when kind = 'besokshjem' then 'nei' end,
          case when kind = 'besokshjem' then array['6-12'] end,
          case when kind = 'tilsynsperson' then array['jobb'] end,
          case when kind = 'tilsynsperson' then array['kveld'] end,
          case when kind = 'tilsynsperson' then 1 end)
        returning id into app;

        outcome := case
          when n % 10 in (0, 1, 2, 3) then 'approved'
          when n % 10 in (4, 5) then 'declined'
          when n % 10 = 6 then 'withdrawn'
          when months_ago <= 2 then 'open'
          when n % 10 in (7, 8) then 'approved'
          else 'withdrawn'
        end;
        conversation := received + (n * 7) % 11;
        decided := least(received + 12 + (n * 5) % 30, today - 1);
        update private.screening_clock set pinned_today = decided;

        update public.applications set status = 'in_review' where id = app;
        if outcome = 'withdrawn' then
          update public.applications set status = 'withdrawn' where id = app;
        else
          update public.application_checklists
            set conversation_held_on = conversation,
              certificate_issued_on = case when outcome = 'approved' then received + 1 end,
              home_visit_held_on = case when outcome = 'approved' and kind = 'besokshjem'
                then conversation + 2 end,
              references_checked = outcome = 'approved'
            where application_id = app;
          if outcome = 'declined' then
            update public.applications set status = 'declined' where id = app;
          elsif outcome = 'approved' then
            update public.applications set status = 'conversation_scheduled' where id = app;
            if kind = 'besokshjem' then
              update public.applications set status = 'home_visit' where id = app;
            end if;
            update public.applications set status = 'approved' where id = app;
          end if;
        end if;
        if outcome <> 'open' then
          -- Ended and journalført in the municipality's sak/arkiv system, as old cases are: the
          -- queue's "ended, not yet journalført" stays the block above's, and the retention job
          -- may delete these once their time has passed (their counts stay).
          update public.applications
            set status_changed_at = (decided + time '14:00') at time zone 'Europe/Oslo',
              journal_reference = extract(year from decided)::text || '/' || (1000 + n)::text || '-1'
            where id = app;
        end if;
      end loop;
    end loop;
  end loop;

  update private.screening_clock set pinned_today = null;
  perform set_config('request.jwt.claims', '', true);
  delete from auth.sessions where id = seed_session;
end
$$;
