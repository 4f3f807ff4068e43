-- The screening clock: today's date in Europe/Oslo, the date every screening rule counts from
-- (approval guard, checklist dates, the queue's flags), or the date pinned in
-- private.screening_clock for tests. SECURITY DEFINER only to read the clock row.
create function private.today()
returns date
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(
    (select c.pinned_today from private.screening_clock as c where c.id),
    (pg_catalog.now() at time zone 'Europe/Oslo')::date)
$$;

-- Signed-in users may read the date: the queue view runs with their privileges.
revoke all on function private.today() from public, anon, authenticated;
grant execute on function private.today() to authenticated;

comment on function private.today() is
  'Dagens dato i Europe/Oslo (eller den faste datoen i private.screening_clock under tester).';
