-- The site's sign-in limits, checked before the site calls Auth, shared by every site process.
-- `step` is what the site is about to do or has done:
--   'request'   about to ask Auth for a code for `email`;
--   'verify'    about to ask Auth to verify a code for `email` (or, with `email` null, a link);
--   'signed_in' Auth accepted the code: the last 'verify' for `email` is not a wrong code.
-- Answers 'ok' (recorded; go ahead) or why not, and then the site does not call Auth:
--   'client'   too many requests or verifications from this client address in the window;
--   'locked'   too many wrong codes for this address in the last hour;
--   'too_soon' a code was asked for this address less than a code interval ago;
--   'hourly'   too many codes asked for this address in the last hour;
--   'no_code'  verification for an address no code was asked for in the code's lifetime;
--   'void'     too many wrong codes since the last code was asked for: a new one is needed.
-- Each address counts on its own (its failures never block another address), under
-- private.address_key, and is stored only as a hash (private.sign_in_attempts). A verification is
-- counted as a wrong code before Auth is asked, so concurrent guesses cannot slip past the count;
-- 'signed_in' takes the right one back out. `limits` carries the numbers (the site's
-- src/lib/server/auth/sign-in-limits.ts is the one place they are set).
--
-- Who may do what: only service_role (the site's server). Anyone else could record failures for
-- any address or client and so lock them out: anon and authenticated get nothing.
create function public.sign_in_attempt(step text, email text, client text, limits jsonb)
returns text
language plpgsql
security definer
set search_path = ''
as $$
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
$$;

revoke all on function public.sign_in_attempt(text, text, text, jsonb) from public, anon, authenticated, service_role;
grant execute on function public.sign_in_attempt(text, text, text, jsonb) to service_role;

comment on function public.sign_in_attempt(text, text, text, jsonb) is
  'For nettstedet (service_role): nettstedets egne grenser for innlogging med kode, per klientadresse og per e-postadresse, sjekket og registrert før Auth spørres. Svarer ok eller hvorfor ikke.';
