-- The daily overview job (issue 26), one line in private.run_scheduled_jobs: on a working day
-- (private.is_working_day) it puts one daily_overview message in the outbox for each active
-- coordinator who has not turned it off (public.coordinator_settings) and has something to do
-- (private.daily_overview_counts: not every count zero). At most one per coordinator and day (the
-- outbox's unique index; run_daily_job also runs the job once a day). The message holds the counts
-- only; the sender looks up the address and renders it (src/lib/server/email/overview-content.ts).
-- Overview messages sent or failed more than 60 days ago are removed (they belong to no
-- application, so nothing else deletes them).
--
-- The day is the screening clock's (private.today(): the date pinned in private.screening_clock
-- for tests, else as_of's date in Europe/Oslo), so the overview, the queue and the flags count from
-- the same day. Returns {day, working_day, queued}: counts, no personal data.
--
-- Who may do what: no API role may execute it; run_scheduled_jobs runs it as the owner.
create function private.queue_daily_overviews(as_of timestamptz)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  day constant date := coalesce(
    (select c.pinned_today from private.screening_clock as c where c.id),
    (as_of at time zone 'Europe/Oslo')::date);
  queued integer := 0;
begin
  delete from public.outbox_messages as m
    where m.template = 'daily_overview' and m.overview_on < day - 60
      and m.status in ('sent', 'failed');
  if not private.is_working_day(day) then
    return pg_catalog.jsonb_build_object('day', day, 'working_day', false, 'queued', 0);
  end if;

  insert into public.outbox_messages (template, recipient, subject_id, overview_on, overview_counts)
  select 'daily_overview', 'coordinator', o.coordinator_id, day,
    pg_catalog.jsonb_build_object(
      'scope', case when o.is_lead then 'all' else 'own' end,
      'new_unassigned', o.new_unassigned,
      'contact_due_today', o.contact_due_today,
      'contact_overdue', o.contact_overdue,
      'certificates_expiring', o.certificates_expiring,
      'referees_waiting', o.referees_waiting,
      'co_applicants_pending', o.co_applicants_pending,
      'ended_not_journaled', o.ended_not_journaled)
  from private.daily_overview_counts(day) as o
    left join public.coordinator_settings as s on s.user_id = o.coordinator_id
  where coalesce(s.daily_overview, true)
    and o.new_unassigned + o.contact_due_today + o.contact_overdue + o.certificates_expiring
      + o.referees_waiting + o.co_applicants_pending + o.ended_not_journaled > 0
  on conflict (subject_id, overview_on) where template = 'daily_overview' do nothing;
  get diagnostics queued = row_count;

  return pg_catalog.jsonb_build_object('day', day, 'working_day', true, 'queued', queued);
end;
$$;

revoke all on function private.queue_daily_overviews(timestamptz)
  from public, anon, authenticated, service_role;

comment on function private.queue_daily_overviews(timestamptz) is
  'Den daglige oversikten: legger én e-post per aktive koordinator (som ikke har slått den av og har noe som venter) i utboksen på arbeidsdager. Bare tall.';
