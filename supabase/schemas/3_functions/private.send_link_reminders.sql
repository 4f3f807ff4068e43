-- The scheduled job of the referees' reminders (a daily job of private.run_scheduled_jobs): one
-- referee_reminder e-mail through the outbox for each referee asked at least
-- private.link_reminder_after() before `as_of`, not reminded yet, whose link has not expired at
-- `as_of` and whose case is open; sets reminded_at, so a referee is reminded once at most (a resend
-- does not reset it). Returns how many reminders were queued. `as_of` lets a test or a late run
-- judge the wait as of a moment.
--
-- Who may do what: no API role may execute it, the server key neither: with `as_of` in the future
-- it would send reminders early. The scheduler runs it as the owner.
create function private.send_link_reminders(as_of timestamptz default now())
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
$$;

revoke all on function private.send_link_reminders(timestamptz) from public, anon, authenticated, service_role;

comment on function private.send_link_reminders(timestamptz) is
  'For den planlagte jobben (private.run_scheduled_jobs): legger en påminnelse i utboksen til hver referanse som ble spurt for minst private.link_reminder_after() siden, ikke har svart og ikke er påminnet. Én påminnelse per referanse. Gir antallet.';
