-- The one way in for the public site: checks, stores, returns the reference. Idempotent on
-- submission_id: a repeat returns the first reference, also after midnight or with different
-- answers, and stores nothing. Every answer is checked exactly as the form's zod schema does
-- (private.submission_problem) before anything is inserted, and a refusal names the field (22023)
-- or the limit (PT429, which PostgREST answers as HTTP 429), never a value, so neither the caller
-- nor the Postgres log ever sees the applicant's answers ("Failing row contains …"); a constraint
-- the checks missed is re-raised without its "Failing row" detail. It also limits how many
-- applications one e-mail address may receive receipts for (private.applications_per_address_per_day,
-- counted per private.address_key).
--
-- Besides the answers, the submission carries `referees`: as many as the service wants
-- (public.screening_settings.referees_wanted, copied to applications.referees_wanted), stored in
-- public.referees as not asked yet. When two apply together, the co-applicant's part and its first
-- link e-mail are made by a trigger on the insert (private.co_applicant_parts_create), in this
-- same transaction.
-- SECURITY DEFINER so that the table grants the site's role nothing; search_path is fixed and
-- empty, so every name is schema-qualified.
--
-- Its one parameter is unnamed json, so PostgREST passes the request body, the submission itself,
-- as it came: a named or jsonb parameter would have Postgres decode the JSON first, and a NUL
-- (\u0000, which text cannot hold) would fail there, with the answers before it quoted in the
-- Postgres log. Here a NUL is refused first, naming the field (private.nul_field), and only then
-- is the submission made jsonb.
--
-- Who may do what: only service_role (the site's server) executes it. The anon key is public, so
-- anything it may call is an open mailer: anon gets nothing.
create function public.submit_application(json)
returns text
language plpgsql
security definer
set search_path = ''
as $$
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
  new_id uuid;
  -- How many referees the form asks for now; the application keeps the number it came with.
  wanted constant smallint := coalesce(
    (select s.referees_wanted from public.screening_settings as s where s.id), 0);
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
      from pg_catalog.jsonb_object_keys(application - 'referees') as k;
    execute pg_catalog.format(
      'insert into public.applications (reference, referees_wanted, %1$s)
         select $1, $3, %1$s from pg_catalog.jsonb_populate_record(null::public.applications, $2)
         on conflict (submission_id) do nothing
         returning id',
      columns)
      into new_id
      using new_reference, application - 'referees', wanted;
    -- The referees, in the order given (not asked until a coordinator asks them).
    if new_id is not null then
      insert into public.referees (application_id, position, full_name, relation, phone, email)
        select new_id, r.n, r.referee ->> 'full_name', r.referee ->> 'relation', r.referee ->> 'phone',
          r.referee ->> 'email'
          from pg_catalog.jsonb_array_elements(case
              when pg_catalog.jsonb_typeof(application -> 'referees') = 'array' then application -> 'referees'
              else '[]'::jsonb end)
            with ordinality as r (referee, n);
    end if;
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

revoke all on function public.submit_application(json) from public, anon, authenticated, service_role;
grant execute on function public.submit_application(json) to service_role;

comment on function public.submit_application(json) is
  'Eneste vei inn for nettstedet (service_role): kontrollerer og lagrer en søknad og returnerer referansen. Samme innsendings-ID gir samme referanse og ingen ny rad. Avvisninger nevner feltet, aldri verdien.';
