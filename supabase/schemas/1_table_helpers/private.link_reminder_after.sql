-- How long after being asked a referee who has not answered gets the one reminder
-- (private.send_link_reminders) and counts as waiting in the daily overview
-- (private.daily_overview_counts). One definition, as src/lib/link-lifetimes.ts's
-- REFEREE_REMINDER_AFTER (tests/db/link-lifetimes.test.ts holds the two equal).
create function private.link_reminder_after()
returns interval
language sql
immutable
set search_path = ''
as $$
  select interval '7 days'
$$;

revoke all on function private.link_reminder_after() from public, anon, authenticated, service_role;
