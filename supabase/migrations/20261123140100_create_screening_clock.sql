-- The screening clock: today's date in Europe/Oslo, the date every screening rule counts from
-- (approval guard, certificate validity, the queue's flags), and the acting coordinator.
--
-- Who may do what: nobody but the database owner reads or writes private.screening_clock; signed-in
-- users may only call private.today() (the queue view and policies need it).

-- A pinned date for tests (and for a lead who must re-run a rule "as of" a day by hand as the
-- superuser). Empty in normal operation. It lives in the unexposed `private` schema with no grants
-- to any API role, so a coordinator cannot move the clock: PostgREST exposes only `public`, sets no
-- GUC a client chooses except request.* (which this clock does not read), and no function a client
-- can execute writes here. A table, not a GUC, so that requests through PostgREST see it too.
create table private.screening_clock (
  id boolean primary key default true constraint screening_clock_single_row check (id),
  pinned_today date
);
alter table private.screening_clock enable row level security;
revoke all on table private.screening_clock from public, anon, authenticated, service_role;
insert into private.screening_clock (id, pinned_today) values (true, null);
comment on table private.screening_clock is
  'Fast dato for tester. Skal være tom (pinned_today = null) i drift. Bare databaseeieren har tilgang.';
comment on column private.screening_clock.pinned_today is
  'Når satt: datoen alle skjermingsregler regner fra i stedet for dagens dato. Bare for tester.';

-- Today in Europe/Oslo, or the pinned date. SECURITY DEFINER only to read the clock row.
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
comment on function private.today() is
  'Dagens dato i Europe/Oslo (eller den faste datoen i private.screening_clock under tester).';

-- Who is acting, for "who did it" columns: the signed-in user, who must then be an active
-- coordinator (raises 42501 otherwise); without a signed-in user (the SQL editor as postgres, the
-- seed, service_role) the given fallback, usually the case's assigned coordinator.
create function private.acting_coordinator(fallback uuid)
returns uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  uid uuid := (select auth.uid());
begin
  if uid is null then
    return fallback;
  end if;
  if private.active_coordinator_id() is distinct from uid then
    raise exception 'Bare aktive koordinatorer kan behandle søknader.' using errcode = '42501';
  end if;
  return uid;
end;
$$;

-- Signed-in users may read the date (the queue view runs with their privileges); acting_coordinator
-- is called only from triggers, which run as the owner.
revoke all on function private.today(), private.acting_coordinator(uuid) from public, anon, authenticated;
grant execute on function private.today() to authenticated;
