-- link_lifetimes_defined_once
-- Written by `npm run db:migration` from supabase/schemas/ (the Supabase CLI's pg-delta
-- diff, and the schema's data rows). The live definitions are in supabase/schemas/.

SET local check_function_bodies = off;

CREATE OR REPLACE FUNCTION private.applicant_link_lifetime()
  RETURNS interval
  LANGUAGE sql
  IMMUTABLE
  SET search_path TO ''
  AS $function$
  select interval '15 minutes'
$function$;

CREATE OR REPLACE FUNCTION private.applicant_session (
  session text
)
  RETURNS text
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
declare
  address text;
begin
  update private.applicant_sessions as s set last_seen_at = pg_catalog.now()
    from public.applications as a
    where s.token_hash = private.link_token_hash(session)
      and a.id = s.application_id
      and s.ended_at is null
      and s.last_seen_at > pg_catalog.now() - private.applicant_session_idle_limit()
      and s.created_at > pg_catalog.now() - private.applicant_session_lifetime()
    returning pg_catalog.lower(a.email) into address;
  return address;
end;
$function$;

CREATE OR REPLACE FUNCTION private.applicant_session_idle_limit()
  RETURNS interval
  LANGUAGE sql
  IMMUTABLE
  SET search_path TO ''
  AS $function$
  select interval '30 minutes'
$function$;

CREATE OR REPLACE FUNCTION private.applicant_session_lifetime()
  RETURNS interval
  LANGUAGE sql
  IMMUTABLE
  SET search_path TO ''
  AS $function$
  select interval '2 hours'
$function$;

CREATE OR REPLACE FUNCTION private.daily_overview_counts (
  day date
)
  RETURNS TABLE (
    coordinator_id        uuid,
    is_lead               boolean,
    new_unassigned        bigint,
    contact_due_today     bigint,
    contact_overdue       bigint,
    certificates_expiring bigint,
    referees_waiting      bigint,
    co_applicants_pending bigint,
    ended_not_journaled   bigint
  )
  LANGUAGE sql
  STABLE
  SET search_path TO ''
  AS $function$
  with waiting_referees as (
    select r.application_id, count(*) as n
      from public.referees as r
      where r.status = 'asked'
        and (r.requested_at at time zone 'Europe/Oslo')::date
          <= (day - private.link_reminder_after())::date
      group by r.application_id
  ),
  open_case as (
    select
      a.assigned_to,
      a.status = 'received' and a.assigned_to is null as unassigned_new,
      (cl.conversation_held_on is null and cl.home_visit_held_on is null
        and cl.last_contact_note_at is null) as no_contact,
      a.contact_due_on,
      coalesce((private.certificate_valid_until(cl.certificate_issued_on)
          between day and day + 14)::integer, 0)
        + coalesce((private.certificate_valid_until(cl.partner_certificate_issued_on)
          between day and day + 14)::integer, 0) as certificates,
      coalesce(w.n, 0) as referees,
      (p.status = 'pending') as co_applicant_pending
    from public.applications as a
      join public.application_checklists as cl on cl.application_id = a.id
      left join waiting_referees as w on w.application_id = a.id
      left join public.co_applicant_parts as p on p.application_id = a.id
    where a.status in ('received', 'in_review', 'conversation_scheduled', 'home_visit')
  ),
  per_owner as (
    select
      o.assigned_to,
      o.unassigned_new,
      count(*) filter (where o.unassigned_new) as new_unassigned,
      count(*) filter (where o.no_contact and o.contact_due_on = day) as contact_due_today,
      count(*) filter (where o.no_contact and o.contact_due_on < day) as contact_overdue,
      coalesce(sum(o.certificates), 0) as certificates_expiring,
      sum(o.referees) as referees_waiting,
      count(*) filter (where o.co_applicant_pending) as co_applicants_pending,
      0::bigint as ended_not_journaled
    from open_case as o
    group by o.assigned_to, o.unassigned_new
    union all
    select e.assigned_to, false, 0, 0, 0, 0, 0, 0, count(*)
    from public.applications as e
    where e.status in ('approved', 'declined', 'withdrawn') and e.journal_reference is null
    group by e.assigned_to
  )
  select
    co.user_id,
    co.role = 'lead',
    coalesce(sum(g.new_unassigned), 0)::bigint,
    coalesce(sum(g.contact_due_today), 0)::bigint,
    coalesce(sum(g.contact_overdue), 0)::bigint,
    coalesce(sum(g.certificates_expiring), 0)::bigint,
    coalesce(sum(g.referees_waiting), 0)::bigint,
    coalesce(sum(g.co_applicants_pending), 0)::bigint,
    coalesce(sum(g.ended_not_journaled), 0)::bigint
  from public.coordinators as co
    left join per_owner as g
      on co.role = 'lead' or g.assigned_to = co.user_id or g.unassigned_new
  where co.active
  group by co.user_id, co.role
$function$;

CREATE OR REPLACE FUNCTION private.email_change_link_lifetime()
  RETURNS interval
  LANGUAGE sql
  IMMUTABLE
  SET search_path TO ''
  AS $function$
  select interval '24 hours'
$function$;

CREATE OR REPLACE FUNCTION private.issue_link_token (
  application_id uuid,
  purpose        text,
  subject_id     uuid
)
  RETURNS text
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
declare
  token text := pg_catalog.rtrim(
    pg_catalog.translate(pg_catalog.encode(extensions.gen_random_bytes(32), 'base64'), '+/', '-_'), '=');
begin
  insert into private.link_tokens (token_hash, application_id, purpose, subject_id, expires_at)
    values (private.link_token_hash(token), issue_link_token.application_id, issue_link_token.purpose,
      issue_link_token.subject_id,
      pg_catalog.now() + case issue_link_token.purpose
        when 'applicant' then private.applicant_link_lifetime()
        when 'email_change' then private.email_change_link_lifetime() end);
  return token;
end;
$function$;

CREATE OR REPLACE FUNCTION private.link_reminder_after()
  RETURNS interval
  LANGUAGE sql
  IMMUTABLE
  SET search_path TO ''
  AS $function$
  select interval '7 days'
$function$;

CREATE OR REPLACE FUNCTION private.send_link_reminders (
  as_of timestamp with time zone DEFAULT now()
)
  RETURNS integer
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
declare
  queued integer;
begin
  with due as (
    select r.id, r.application_id from public.referees as r
      join public.applications as a on a.id = r.application_id
      where r.status = 'asked' and r.reminded_at is null
        and r.requested_at <= as_of - private.link_reminder_after()
        and r.expires_at > as_of
        and a.status not in ('approved', 'declined', 'withdrawn')
      for update of r skip locked
  ), reminded as (
    update public.referees as r set reminded_at = pg_catalog.now()
      from due where r.id = due.id
      returning r.id, r.application_id
  )
  insert into public.outbox_messages (application_id, template, recipient, subject_id)
    select reminded.application_id, 'referee_reminder', 'referee', reminded.id from reminded;
  get diagnostics queued = row_count;
  return queued;
end;
$function$;

CREATE OR REPLACE FUNCTION public.applicant_page (
  session text
)
  RETURNS jsonb
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
declare
  address constant text := private.applicant_session(session);
begin
  if address is null then
    return '{"state": "signed_out"}'::jsonb;
  end if;
  return pg_catalog.jsonb_build_object('state', 'open', 'applications', coalesce((
    select pg_catalog.jsonb_agg(x.page order by x.received_at desc, x.reference)
    from (
      select a.received_at, a.reference, pg_catalog.jsonb_build_object(
        'reference', a.reference, 'kind', a.kind, 'status', a.status, 'received_at', a.received_at,
        'contact_due_on', a.contact_due_on,
        'steps', (select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('step', s.step, 'state',
              case when s.not_needed then 'not_needed'
                when s.done then 'done'
                when ended then 'not_needed'
                when s.ord = (select pg_catalog.min(t.ord) from pg_catalog.unnest(steps) with ordinality as t (d, ord)
                              where not t.d) then 'current'
                else 'todo' end) order by s.ord)
            from (select u.step, u.ord, d.done, u.step = 'home_visit' and a.kind = 'tilsynsperson' as not_needed
                  from pg_catalog.unnest(array['received', 'conversation', 'certificate', 'home_visit',
                      'references', 'decision']) with ordinality as u (step, ord)
                    join pg_catalog.unnest(steps) with ordinality as d (done, ord) on d.ord = u.ord) as s),
        'next', pg_catalog.to_jsonb(array_remove(array[
            case when a.status = 'received' then 'await_contact' end,
            case when not ended and a.certificate_status = 'bestiller' and not steps[3] then 'order_certificate' end,
            case when not ended and p.status = 'pending' then 'co_applicant_pending' end,
            case when not ended and a.referees_wanted > 0 and not steps[5] then 'referees_pending' end
          ], null)),
        'referees', pg_catalog.jsonb_build_object('wanted', a.referees_wanted, 'done', r.done),
        'co_applicant', p.status,
        'answers', pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
          'full_name', a.full_name, 'email', a.email, 'phone', a.phone, 'call_time', a.call_time,
          'street_address', a.street_address, 'postcode', a.postcode, 'postal_place', a.postal_place,
          'over_18', a.over_18, 'motivation', a.motivation, 'certificate_status', a.certificate_status,
          'certificate_issued_on', a.certificate_issued_on, 'commitment_months', a.commitment_months,
          'confirmed_requirements', a.confirmed_requirements, 'heard_about', a.heard_about,
          'applying_with', a.applying_with, 'partner_name', a.partner_name,
          'partner_phone', a.partner_phone, 'partner_email', a.partner_email, 'adults', a.adults,
          'others_informed', a.others_informed, 'children', a.children,
          'children_ages', a.children_ages, 'spare_bed', a.spare_bed,
          'weekends_per_month', a.weekends_per_month, 'also_available', a.also_available,
          'siblings', a.siblings, 'suited_ages', a.suited_ages,
          'experience_kinds', a.experience_kinds, 'experience_years', a.experience_years,
          'availability', a.availability, 'children_capacity', a.children_capacity,
          'languages', a.languages, 'privacy_version', a.privacy_version,
          'referees', r.named)),
        'erasure_requested_at', a.erasure_requested_at,
        'withdrawn_by_applicant', a.withdrawn_by_applicant,
        'email_change_pending', exists (select from private.email_changes as e
          where e.application_id = a.id and e.confirmed_at is null
            and e.requested_at > pg_catalog.now() - private.email_change_link_lifetime())) as page
      from public.applications as a
        left join public.application_checklists as c on c.application_id = a.id
        left join public.co_applicant_parts as p on p.application_id = a.id
        cross join lateral (
          select pg_catalog.count(*) filter (where f.status in ('answered', 'by_phone'))::integer as done,
            pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('full_name', f.full_name,
              'relation', f.relation, 'phone', f.phone, 'email', f.email) order by f.position) as named
          from public.referees as f where f.application_id = a.id) as r
        cross join lateral (select a.status in ('approved', 'declined', 'withdrawn') as ended) as e
        cross join lateral (select array[
            true,
            c.conversation_held_on is not null or a.status in ('home_visit', 'approved'),
            c.certificate_issued_on is not null
              and (not a.applies_together or c.partner_certificate_issued_on is not null),
            a.kind = 'tilsynsperson' or c.home_visit_held_on is not null or a.status = 'approved',
            coalesce(c.references_checked, false) or (a.referees_wanted > 0 and r.done >= a.referees_wanted),
            e.ended] as steps) as d
      where pg_catalog.lower(a.email) = address
    ) as x), '[]'::jsonb));
end;
$function$;

CREATE OR REPLACE FUNCTION public.open_applicant_session (
  link_token text,
  client     text
)
  RETURNS jsonb
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
declare
  link private.link_tokens;
  session text := pg_catalog.rtrim(
    pg_catalog.translate(pg_catalog.encode(extensions.gen_random_bytes(32), 'base64'), '+/', '-_'), '=');
  opened timestamptz := pg_catalog.now();
begin
  select * into link from private.link_tokens as t
    where t.token_hash = private.link_token_hash(link_token) and t.purpose = 'applicant'
    for update;
  if not found then
    return '{"state": "unknown"}'::jsonb;
  elsif link.used_at is not null then
    return '{"state": "used"}'::jsonb;
  elsif link.expires_at <= pg_catalog.now() then
    return '{"state": "expired"}'::jsonb;
  end if;
  update private.link_tokens as t set used_at = pg_catalog.now() where t.token_hash = link.token_hash;
  insert into private.applicant_sessions (token_hash, application_id, created_at, last_seen_at)
    values (private.link_token_hash(session), link.application_id, opened, opened);
  return pg_catalog.jsonb_build_object('state', 'open', 'session', session,
    'expires_at', opened + private.applicant_session_lifetime());
end;
$function$;

COMMENT ON FUNCTION "private"."send_link_reminders"(timestamp with time zone) IS 'For den planlagte jobben (private.run_scheduled_jobs): legger en påminnelse i utboksen til hver referanse som ble spurt for minst private.link_reminder_after() siden, ikke har svart og ikke er påminnet. Én påminnelse per referanse. Gir antallet.';

REVOKE ALL ON FUNCTION "private"."applicant_link_lifetime"() FROM PUBLIC;

REVOKE ALL ON FUNCTION "private"."applicant_session_idle_limit"() FROM PUBLIC;

REVOKE ALL ON FUNCTION "private"."applicant_session_lifetime"() FROM PUBLIC;

REVOKE ALL ON FUNCTION "private"."email_change_link_lifetime"() FROM PUBLIC;

REVOKE ALL ON FUNCTION "private"."link_reminder_after"() FROM PUBLIC;
