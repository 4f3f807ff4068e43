-- visible_storable_text
-- Written by `npm run db:migration` from supabase/schemas/ (the Supabase CLI's pg-delta
-- diff, and the schema's data rows). The live definitions are in supabase/schemas/.

SET local check_function_bodies = off;

DROP FUNCTION "public"."submit_application"(jsonb);

CREATE OR REPLACE FUNCTION private.application_notes_check_body()
  RETURNS TRIGGER
  LANGUAGE plpgsql
  SET search_path TO ''
  AS $function$
begin
  if new.body is null or pg_catalog.char_length(pg_catalog.btrim(new.body)) not between 1 and 4000 then
    raise exception 'Notatet må ha mellom 1 og 4000 tegn.' using errcode = '23514';
  end if;
  if not private.has_visible_character(new.body) then
    raise exception 'Notatet må ha synlig tekst, ikke bare usynlige tegn.' using errcode = '23514';
  end if;
  return new;
end;
$function$;

CREATE OR REPLACE FUNCTION private.coordinators_check_name()
  RETURNS TRIGGER
  LANGUAGE plpgsql
  SET search_path TO ''
  AS $function$
begin
  if new.name is null or new.name <> pg_catalog.btrim(new.name)
    or pg_catalog.char_length(new.name) not between 1 and 100 then
    raise exception 'Navnet må ha mellom 1 og 100 tegn, uten mellomrom først eller sist.'
      using errcode = '23514';
  end if;
  if not private.has_visible_character(new.name) then
    raise exception 'Navnet må ha synlige tegn, ikke bare usynlige tegn.' using errcode = '23514';
  end if;
  if new.role is null or new.role not in ('coordinator', 'lead') then
    raise exception 'Velg koordinator eller leder.' using errcode = '23514';
  end if;
  return new;
end;
$function$;

CREATE OR REPLACE FUNCTION private.has_visible_character (
  value text
)
  RETURNS boolean
  LANGUAGE sql
  IMMUTABLE
  SET search_path TO ''
  AS $function$
  select coalesce(value ~ '[^\u0009-\u000d\u0020\u00a0\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u2064\u2066-\u206f\u3000\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]', false)
$function$;

CREATE OR REPLACE FUNCTION private.is_form_text (
  value     jsonb,
  max       integer,
  multiline boolean DEFAULT false
)
  RETURNS boolean
  LANGUAGE sql
  IMMUTABLE
  SET search_path TO ''
  AS $function$
  select coalesce(
    pg_catalog.jsonb_typeof(value) = 'string'
    and pg_catalog.char_length(value #>> '{}') between 1 and max
    and private.has_visible_character(value #>> '{}')
    and (value #>> '{}') !~ '^[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]'
    and (value #>> '{}') !~ '[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]$'
    and (value #>> '{}') !~ '[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\u007f-\u009f]'
    and (value #>> '{}') !~ case when multiline then '[\u0001-\u0008\u000b\u000c\u000e-\u001f]'
      else '[\u0001-\u001f]' end,
    false)
$function$;

CREATE OR REPLACE FUNCTION private.nul_field (
  application json
)
  RETURNS text
  LANGUAGE plpgsql
  IMMUTABLE
  SET search_path TO ''
  AS $function$
declare
  escaped_nul constant text := '((?:^|[^\\])(?:\\\\)*)\\u0000';
  marked text;
  field text;
begin
  if application is null or (application::text) !~ escaped_nul then
    return null;
  end if;
  marked := application::text;
  while marked ~ escaped_nul loop
    marked := pg_catalog.regexp_replace(marked, escaped_nul, '\1\\u0001');
  end loop;
  begin
    -- jsonb writes U+0001 as the escape \u0001.
    select e.key into field
      from pg_catalog.jsonb_each(marked::jsonb) as e
      where pg_catalog.strpos(e.value::text, '\u0001') > 0
      limit 1;
  exception when others then
    return 'application';
  end;
  -- Only a field's name is ever put in an error message.
  return case when field ~ '^[a-z0-9_]{1,40}$' then field else 'application' end;
end;
$function$;

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

REVOKE ALL ON FUNCTION "public"."submit_application"(json) FROM PUBLIC, "anon", "authenticated";

COMMENT ON FUNCTION "public"."submit_application"(json) IS 'Eneste vei inn for nettstedet (service_role): kontrollerer og lagrer en søknad og returnerer referansen. Samme innsendings-ID gir samme referanse og ingen ny rad. Avvisninger nevner feltet, aldri verdien.';

REVOKE ALL ON FUNCTION "private"."has_visible_character"(text) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."has_visible_character"(text) TO "authenticated";

REVOKE ALL ON FUNCTION "private"."nul_field"(json) FROM PUBLIC;

REVOKE ALL ON FUNCTION "public"."submit_application"(json) FROM "postgres";

GRANT EXECUTE ON FUNCTION "public"."submit_application"(json) TO "postgres";

GRANT EXECUTE ON FUNCTION "public"."submit_application"(json) TO "service_role";
