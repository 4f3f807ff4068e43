-- sign_in_limits
-- Written by `npm run db:migration` from supabase/schemas/ (the Supabase CLI's pg-delta
-- diff, and the schema's data rows). The live definitions are in supabase/schemas/.

SET local check_function_bodies = off;

DROP INDEX "public"."applications_email_received_idx";

CREATE TABLE "private"."sign_in_attempts" (
  "id"      bigint                   GENERATED ALWAYS AS IDENTITY NOT NULL,
  "at"      timestamp with time zone NOT NULL DEFAULT now(),
  "step"    text                     NOT NULL,
  "address" bytea,
  "client"  bytea                    NOT NULL,
  CONSTRAINT "sign_in_attempts_address_hash" CHECK ((length(address) = 32)),
  CONSTRAINT "sign_in_attempts_client_hash" CHECK ((length(client) = 32)),
  CONSTRAINT "sign_in_attempts_pkey" PRIMARY KEY (id),
  CONSTRAINT "sign_in_attempts_step" CHECK ((step = ANY (ARRAY['request'::text, 'request_refused'::text, 'verify'::text, 'verify_refused'::text, 'signed_in'::text])))
);

ALTER TABLE "private"."sign_in_attempts"
  ENABLE ROW LEVEL SECURITY;

CREATE OR REPLACE FUNCTION private.address_key (
  email text
)
  RETURNS text
  LANGUAGE sql
  IMMUTABLE
  PARALLEL SAFE
  SET search_path TO ''
  AS $function$
  select pg_catalog.regexp_replace(pg_catalog.lower(email), '^([^@+]+)\+[^@]*@', '\1@')
$function$;

CREATE OR REPLACE FUNCTION public.sign_in_attempt (
  step   text,
  email  text,
  client text,
  limits jsonb
)
  RETURNS text
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
declare
  address_hash constant bytea := case when email is null then null
    else extensions.digest(private.address_key(pg_catalog.btrim(email)), 'sha256') end;
  client_hash constant bytea := extensions.digest(coalesce(client, ''), 'sha256');
  names constant text[] := array['client_window_minutes', 'client_requests', 'client_verifications',
    'code_interval_seconds', 'code_valid_minutes', 'requests_per_hour', 'wrong_per_code',
    'wrong_per_hour'];
  last_request timestamptz;
  refusal text;
begin
  if sign_in_attempt.step is null or sign_in_attempt.step not in ('request', 'verify', 'signed_in') then
    raise exception 'invalid field: step' using errcode = '22023';
  end if;
  if sign_in_attempt.step <> 'verify' and address_hash is null then
    raise exception 'invalid field: email' using errcode = '22023';
  end if;
  if limits is null or not limits ?& names
      or exists (select 1 from pg_catalog.unnest(names) as n
                 where pg_catalog.jsonb_typeof(limits -> n) <> 'number' or (limits ->> n)::numeric < 0) then
    raise exception 'invalid field: limits' using errcode = '22023';
  end if;

  -- One caller at a time per client and per address (always in this order), so the counts hold
  -- under concurrency.
  perform pg_catalog.pg_advisory_xact_lock(
    pg_catalog.hashtextextended('sign_in_attempt:' || pg_catalog.encode(client_hash, 'hex'), 0));
  if address_hash is not null then
    perform pg_catalog.pg_advisory_xact_lock(
      pg_catalog.hashtextextended('sign_in_attempt:' || pg_catalog.encode(address_hash, 'hex'), 0));
  end if;

  delete from private.sign_in_attempts as s where s.at < pg_catalog.now() - interval '1 day';

  if sign_in_attempt.step = 'signed_in' then
    update private.sign_in_attempts as s set step = 'signed_in'
      where s.id = (select l.id from private.sign_in_attempts as l
                    where l.address = address_hash and l.step = 'verify'
                    order by l.at desc, l.id desc limit 1);
    return 'ok';
  end if;

  -- Per client address: requests and verifications (refused ones too) in the window.
  if (select pg_catalog.count(*) from private.sign_in_attempts as s
        where s.client = client_hash
          and s.at > pg_catalog.now() - pg_catalog.make_interval(mins => (limits ->> 'client_window_minutes')::int)
          and s.step = any (case sign_in_attempt.step when 'request' then array['request', 'request_refused']
                            else array['verify', 'verify_refused', 'signed_in'] end))
      >= (limits ->> case sign_in_attempt.step when 'request' then 'client_requests' else 'client_verifications' end)::int then
    refusal := 'client';
  elsif address_hash is not null then
    select pg_catalog.max(s.at) into last_request from private.sign_in_attempts as s
      where s.address = address_hash and s.step = 'request';
    if (select pg_catalog.count(*) from private.sign_in_attempts as s
          where s.address = address_hash and s.step = 'verify'
            and s.at > pg_catalog.now() - interval '1 hour')
        >= (limits ->> 'wrong_per_hour')::int then
      refusal := 'locked';
    elsif sign_in_attempt.step = 'request' then
      if last_request > pg_catalog.now() - pg_catalog.make_interval(secs => (limits ->> 'code_interval_seconds')::int) then
        refusal := 'too_soon';
      elsif (select pg_catalog.count(*) from private.sign_in_attempts as s
               where s.address = address_hash and s.step = 'request'
                 and s.at > pg_catalog.now() - interval '1 hour')
          >= (limits ->> 'requests_per_hour')::int then
        refusal := 'hourly';
      end if;
    elsif last_request is null
        or last_request <= pg_catalog.now() - pg_catalog.make_interval(mins => (limits ->> 'code_valid_minutes')::int) then
      refusal := 'no_code';
    elsif (select pg_catalog.count(*) from private.sign_in_attempts as s
             where s.address = address_hash and s.step = 'verify' and s.at >= last_request)
        >= (limits ->> 'wrong_per_code')::int then
      refusal := 'void';
    end if;
  end if;

  if refusal is not null then
    -- A refusal counts against the client, not the address: it sent nothing to Auth.
    insert into private.sign_in_attempts (step, address, client) values (sign_in_attempt.step || '_refused', null, client_hash);
    return refusal;
  end if;
  insert into private.sign_in_attempts (step, address, client) values (sign_in_attempt.step, address_hash, client_hash);
  return 'ok';
end;
$function$;

REVOKE ALL ON FUNCTION "public"."sign_in_attempt"(text, text, text, jsonb) FROM PUBLIC, "anon", "authenticated";

CREATE OR REPLACE FUNCTION public.submit_application (
  application jsonb
)
  RETURNS text
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
declare
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

CREATE INDEX sign_in_attempts_address_idx ON private.sign_in_attempts USING btree (address, at)
  WHERE (address IS NOT NULL);

CREATE INDEX sign_in_attempts_at_idx ON private.sign_in_attempts USING btree (at);

CREATE INDEX sign_in_attempts_client_idx ON private.sign_in_attempts USING btree (client, at);

COMMENT ON COLUMN "private"."sign_in_attempts"."address" IS 'SHA-256 av private.address_key(e-postadressen); tom for forsøk uten adresse (lenken i e-posten, avvisninger).';

COMMENT ON COLUMN "private"."sign_in_attempts"."client" IS 'SHA-256 av klientens IP-adresse.';

COMMENT ON COLUMN "private"."sign_in_attempts"."step" IS 'request: kode bedt om; verify: kode prøvd (feil til det motsatte er vist); signed_in: koden stemte; *_refused: avvist av grensene.';

COMMENT ON FUNCTION "public"."sign_in_attempt"(text, text, text, jsonb) IS 'For nettstedet (service_role): nettstedets egne grenser for innlogging med kode, per klientadresse og per e-postadresse, sjekket og registrert før Auth spørres. Svarer ok eller hvorfor ikke.';

COMMENT ON TABLE "private"."sign_in_attempts" IS 'Innloggingsforsøk for nettstedets egne grenser (koder bedt om, koder prøvd). Bare hash av adressen og klientens IP-adresse. Slettes etter et døgn.';

REVOKE ALL ON FUNCTION "private"."address_key"(text) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."address_key"(text) TO "authenticated";

REVOKE ALL ON FUNCTION "public"."sign_in_attempt"(text, text, text, jsonb) FROM "postgres";

GRANT EXECUTE ON FUNCTION "public"."sign_in_attempt"(text, text, text, jsonb) TO "postgres";

GRANT EXECUTE ON FUNCTION "public"."sign_in_attempt"(text, text, text, jsonb) TO "service_role";

CREATE INDEX applications_email_received_idx ON public.applications USING btree (private.address_key(email), received_at);
