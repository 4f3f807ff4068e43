-- sign_in_limits_with_visible_text
-- Written by `npm run db:migration` from supabase/schemas/ (the Supabase CLI's pg-delta
-- diff, and the schema's data rows). The live definitions are in supabase/schemas/.

SET local check_function_bodies = off;

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
