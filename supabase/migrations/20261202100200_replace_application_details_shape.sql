-- The role's answers (details) as the forms now give them. Visit homes: whether the applicant
-- applies alone or together with a spouse, cohabitant or registered partner (applying_with), that
-- person's name, phone and e-mail when together (null when alone), and whether the other adults in
-- the home know about the application (others_informed: ja, or ingen-andre when the applicant is
-- the only adult). Applying together means at least two adults live in the home. Supervisors:
-- the years of experience may be left empty (null); experience is wanted, not required.
--
-- The table's check is the last line behind submit_application (which checks every answer
-- exactly as the form does). Visit-home applications stored before these questions were asked
-- have none of the new keys; a row has all of them or none.
--
-- Who may do what: unchanged.

alter table public.applications drop constraint applications_details_shape;
alter table public.applications add constraint applications_details_shape
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
  );

comment on column public.applications.details is
  'Svar som gjelder rollen. Besøkshjem: søker alene eller sammen med ektefelle, samboer eller registrert partner (applying_with), navn, telefon og e-post til den søkeren søker sammen med (partner_name, partner_phone, partner_email; tomme når søkeren søker alene), antall voksne, om de andre voksne i hjemmet vet om søknaden (others_informed), antall barn og barnas alder, ledig seng, helger i måneden, ferier/hverdager, søsken, aldersgrupper. Tilsynsperson: type erfaring, år med erfaring (kan stå tomt), når hen kan, antall barn, språk.';
