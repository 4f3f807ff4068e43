-- The scheduled job of the referees' notice (a daily job of private.run_scheduled_jobs): GDPR art.
-- 14(3)(a) wants a referee told about the data the applicant gave about them within a reasonable
-- period, at the latest one month after we got it. A referee asked through
-- public.request_references is told by that e-mail; one nobody has asked 25 days after the
-- application came in (a margin before the month) gets one referee_notice e-mail through the
-- outbox instead, whatever the case's status, and notified_at is set, so each referee gets it
-- once at most. Returns how many notices were queued. `as_of` lets a test or a late run judge
-- "25 days" as of a moment.
--
-- Who may do what: no API role may execute it, the server key neither: with `as_of` in the future
-- it would send notices early. The scheduler runs it as the owner.
create function private.send_referee_notices(as_of timestamptz default now())
returns integer
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  queued integer;
begin
  with due as (
    select r.id, r.application_id from public.referees as r
      join public.applications as a on a.id = r.application_id
      where r.status = 'not_asked' and r.notified_at is null
        and a.received_at <= as_of - interval '25 days'
      for update of r skip locked
  ), notified as (
    update public.referees as r set notified_at = pg_catalog.now()
      from due where r.id = due.id
      returning r.id, r.application_id
  )
  insert into public.outbox_messages (application_id, template, recipient, subject_id)
    select notified.application_id, 'referee_notice', 'referee', notified.id from notified;
  get diagnostics queued = row_count;
  return queued;
end;
$$;

revoke all on function private.send_referee_notices(timestamptz) from public, anon, authenticated, service_role;

comment on function private.send_referee_notices(timestamptz) is
  'For den planlagte jobben (private.run_scheduled_jobs): legger et varsel i utboksen til hver referanse som ikke er spurt 25 dager etter at søknaden kom inn, og som ikke har fått varsel. Ett varsel per referanse. Gir antallet.';
