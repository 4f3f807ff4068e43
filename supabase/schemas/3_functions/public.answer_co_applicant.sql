-- For the co-applicant's page (/soknad/medsoker/<token>): the co-applicant's one answer. `answer`
-- is {"answer": "decline"}, or {"answer": "confirm", "over_18": true, "phone": "…",
-- "call_time": "formiddag" | "ettermiddag" | "dagtid", "certificate_status": "har" | "bestiller",
-- "certificate_issued_on": "YYYY-MM-DD" | null, "privacy_consent": true, "privacy_version": "…"},
-- checked as the main form checks the applicant's own answers (the phone, the police certificate
-- at most three calendar months old today in Europe/Oslo, private.certificate_problem, a published
-- privacy statement). Returns {"state": "confirmed" | "declined"}; for a link that is not open,
-- the same {"state": "unknown" | "used" | "expired"} as public.open_link, storing nothing. A bad
-- field raises `invalid field: <key>` (22023; the certificate date with the hint `future` or
-- `too_old`), `answer` for a wrong shape or an unknown key, and stores nothing. The audit log gets
-- the status change only (private.log_link_change). `answer` is json, not jsonb, for the reason
-- public.submit_application gives: a NUL is refused naming the field before it is read.
--
-- Who may do what: only service_role (the site's server); anon gets 42501.
create function public.answer_co_applicant(token text, answer json)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  link record;
  given jsonb;
  problem text;
  today constant date := (pg_catalog.now() at time zone 'Europe/Oslo')::date;
  confirm_keys constant text[] := array['answer', 'over_18', 'phone', 'call_time', 'certificate_status',
    'certificate_issued_on', 'privacy_consent', 'privacy_version'];
  new_status text;
begin
  select * into link from private.link_subject(token, true);
  if link.state <> 'open' or link.purpose <> 'co_applicant' then
    return pg_catalog.jsonb_build_object('state', case when link.state = 'open' then 'unknown' else link.state end);
  end if;

  problem := private.nul_field(answer);
  if problem is not null then
    raise exception 'invalid field: %', problem using errcode = '22023';
  end if;
  given := answer::jsonb;
  if given is null or pg_catalog.jsonb_typeof(given) <> 'object'
      or not private.is_choice(given -> 'answer', array['confirm', 'decline'])
      or (given ->> 'answer' = 'decline' and given <> '{"answer": "decline"}'::jsonb)
      or exists (select from pg_catalog.jsonb_object_keys(given) as k where k <> all (confirm_keys)) then
    raise exception 'invalid field: answer' using errcode = '22023';
  end if;

  if given ->> 'answer' = 'confirm' then
    if given -> 'over_18' is distinct from 'true'::jsonb then
      problem := 'over_18';
    elsif not private.is_phone_number(given -> 'phone') then
      problem := 'phone';
    elsif not private.is_choice(given -> 'call_time', array['formiddag', 'ettermiddag', 'dagtid']) then
      problem := 'call_time';
    else
      problem := private.certificate_problem(given, today);
    end if;
    if problem is null and given -> 'privacy_consent' is distinct from 'true'::jsonb then
      problem := 'privacy_consent';
    end if;
    if problem is null and not coalesce(pg_catalog.jsonb_typeof(given -> 'privacy_version') = 'string'
        and exists (select from private.privacy_versions as v where v.version = given ->> 'privacy_version'),
        false) then
      problem := 'privacy_version';
    end if;
    if problem = 'certificate_issued_on' and (given ->> 'certificate_issued_on') ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' then
      raise exception 'invalid field: %', problem using errcode = '22023',
        hint = case when given ->> 'certificate_issued_on' > today::text then 'future' else 'too_old' end;
    elsif problem is not null then
      raise exception 'invalid field: %', problem using errcode = '22023';
    end if;

    new_status := 'confirmed';
    update public.co_applicant_parts as p
      set status = new_status, answered_at = pg_catalog.now(), over_18 = true,
          phone = given ->> 'phone', call_time = given ->> 'call_time',
          certificate_status = given ->> 'certificate_status',
          certificate_issued_on = (given ->> 'certificate_issued_on')::date,
          privacy_version = given ->> 'privacy_version'
      where p.application_id = link.subject_id;
  else
    new_status := 'declined';
    update public.co_applicant_parts as p
      set status = new_status, answered_at = pg_catalog.now()
      where p.application_id = link.subject_id;
  end if;

  perform private.log_link_change('co_applicant_parts', link.application_id, link.subject_id,
    pg_catalog.jsonb_build_object('status', pg_catalog.jsonb_build_object('old', 'pending', 'new', new_status)));
  return pg_catalog.jsonb_build_object('state', new_status);
end;
$$;

revoke all on function public.answer_co_applicant(text, json) from public, anon, authenticated, service_role;
grant execute on function public.answer_co_applicant(text, json) to service_role;

comment on function public.answer_co_applicant(text, json) is
  'For nettstedet (service_role): medsøkerens svar via den personlige lenken (bekrefter med egne opplysninger, eller svarer nei). Én gang per medsøker; en ukjent, brukt eller utløpt lenke lagrer ingenting.';
