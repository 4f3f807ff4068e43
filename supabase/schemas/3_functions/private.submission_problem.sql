-- The first field of a submission that the form's zod schema would refuse, or null when none:
-- every answer checked exactly as the forms check it (types, whole numbers, lists without repeats,
-- trimmed text without control or bidi characters, lengths in code points, the e-mail pattern, a
-- published privacy version; the best time to call; for visit homes, whether the applicant applies
-- alone or together with a spouse, cohabitant or registered partner, that person's name, phone and
-- e-mail when together (checked like the applicant's own) and none when alone, at least two adults
-- when together, and whether the other adults in the home know about the application: "ja" needs
-- two or more adults, "ingen-andre" exactly one; for supervisors, the years of experience may be
-- empty; the referees the service wants, private.referees_problem). A property test
-- (tests/db/schema-agreement.test.ts) holds it to the zod schemas.
--
-- The submission is flat: each key is the name of the applications column it is stored in (both
-- forms' common answers, then the kind's own; a key of the other kind is unknown), so
-- public.submit_application stores each answer in the column of its name; only `referees` (a list,
-- stored in public.referees) is not a column.
-- `today` is the date in Europe/Oslo the certificate rule is judged on (the day the row is stored).
create function private.submission_problem(application jsonb, today date)
returns text
language plpgsql
stable
security definer
set search_path = ''
as $$
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
        or (k <> all (keys || optional_keys) and application ->> 'kind' in ('besokshjem', 'tilsynsperson'))) then
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
$$;

-- For the database owner's functions only (public.submit_application).
revoke all on function private.submission_problem(jsonb, date) from public, anon, authenticated, service_role;
