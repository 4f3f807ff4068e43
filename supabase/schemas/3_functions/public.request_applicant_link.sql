-- "Min søknad" (issue 25): an applicant asks for a sign-in link with their e-mail address. Applies
-- the limits per client address and per e-mail address in private.sign_in_attempts (steps
-- applicant_link / applicant_link_refused, apart from the coordinators' code requests), with the
-- numbers the site passes in `limits` (src/lib/server/auth/sign-in-limits.ts is the one place they
-- are set; this function reads client_window_minutes, client_requests, code_interval_seconds and
-- requests_per_hour). Within the limits, and only when an application has that address (lower-case
-- exact match of applications.email), one outbox message applicant_link is queued for the newest
-- such application (its token is issued when the sender claims it: purpose applicant,
-- private.applicant_link_lifetime(), one use). Answers {"state": "sent"} whether or not an
-- application exists (no enumeration), or {"state": "limited", "retry_after_seconds": n}. Text that
-- is no e-mail address is 22023.
--
-- Who may do what: only service_role (the site's server).
create function public.request_applicant_link(email text, client text, limits jsonb)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  address constant text := pg_catalog.lower(pg_catalog.btrim(email));
  address_hash bytea;
  client_hash constant bytea := extensions.digest(coalesce(client, ''), 'sha256');
  names constant text[] := array['client_window_minutes', 'client_requests', 'code_interval_seconds',
    'requests_per_hour'];
  window_start timestamptz;
  wait_seconds numeric;
  newest uuid;
begin
  if not private.is_email_address(pg_catalog.to_jsonb(pg_catalog.btrim(email))) then
    raise exception 'invalid field: email' using errcode = '22023';
  end if;
  if limits is null or not limits ?& names
      or exists (select 1 from pg_catalog.unnest(names) as n
                 where pg_catalog.jsonb_typeof(limits -> n) <> 'number' or (limits ->> n)::numeric < 0) then
    raise exception 'invalid field: limits' using errcode = '22023';
  end if;
  address_hash := extensions.digest(address, 'sha256');

  -- One caller at a time per client and per address (in this order), so the counts hold.
  perform pg_catalog.pg_advisory_xact_lock(
    pg_catalog.hashtextextended('applicant_link:' || pg_catalog.encode(client_hash, 'hex'), 0));
  perform pg_catalog.pg_advisory_xact_lock(
    pg_catalog.hashtextextended('applicant_link:' || pg_catalog.encode(address_hash, 'hex'), 0));

  delete from private.sign_in_attempts as s where s.at < pg_catalog.now() - interval '1 day';

  -- Per client: every request (refused ones too) in the window; wait until the oldest leaves it.
  window_start := pg_catalog.now() - pg_catalog.make_interval(mins => (limits ->> 'client_window_minutes')::int);
  select extract(epoch from pg_catalog.min(s.at) - window_start) into wait_seconds
    from private.sign_in_attempts as s
    where s.client = client_hash and s.at > window_start
      and s.step in ('applicant_link', 'applicant_link_refused')
    having pg_catalog.count(*) >= (limits ->> 'client_requests')::int;
  -- Per address: one link per interval, and so many an hour.
  if wait_seconds is null then
    select extract(epoch from pg_catalog.max(s.at)
        + pg_catalog.make_interval(secs => (limits ->> 'code_interval_seconds')::int) - pg_catalog.now())
      into wait_seconds
      from private.sign_in_attempts as s
      where s.address = address_hash and s.step = 'applicant_link'
      having pg_catalog.max(s.at) > pg_catalog.now()
        - pg_catalog.make_interval(secs => (limits ->> 'code_interval_seconds')::int);
  end if;
  if wait_seconds is null then
    select extract(epoch from pg_catalog.min(s.at) + interval '1 hour' - pg_catalog.now())
      into wait_seconds
      from private.sign_in_attempts as s
      where s.address = address_hash and s.step = 'applicant_link'
        and s.at > pg_catalog.now() - interval '1 hour'
      having pg_catalog.count(*) >= (limits ->> 'requests_per_hour')::int;
  end if;

  if wait_seconds is not null then
    insert into private.sign_in_attempts (step, address, client) values ('applicant_link_refused', null, client_hash);
    return pg_catalog.jsonb_build_object('state', 'limited',
      'retry_after_seconds', greatest(1, pg_catalog.ceil(wait_seconds))::integer);
  end if;
  insert into private.sign_in_attempts (step, address, client) values ('applicant_link', address_hash, client_hash);

  select a.id into newest from public.applications as a
    where pg_catalog.lower(a.email) = address
    order by a.received_at desc, a.id limit 1;
  if newest is not null then
    insert into public.outbox_messages (application_id, template, recipient, subject_id)
      values (newest, 'applicant_link', 'applicant', newest);
  end if;
  return '{"state": "sent"}'::jsonb;
end;
$$;

revoke all on function public.request_applicant_link(text, text, jsonb) from public, anon, authenticated, service_role;
grant execute on function public.request_applicant_link(text, text, jsonb) to service_role;

comment on function public.request_applicant_link(text, text, jsonb) is
  'For nettstedet (service_role): søkeren ber om en innloggingslenke til Min søknad. Sender bare når en søknad har adressen, men svarer likt uansett; grenser per klient og per adresse.';
