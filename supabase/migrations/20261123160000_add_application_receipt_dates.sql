-- The receipt date in Europe/Oslo and the contact deadline, stored on each application instead of
-- computed per row by every read of the screening queue (the Oslo conversion, repeated by the
-- view for each column and flag that uses it, was over a third of the queue's time in Postgres).
--
-- received_on cannot be a generated column: AT TIME ZONE with a zone name is not immutable (the
-- zone's rules live outside the database). A BEFORE trigger sets it from received_at on every
-- insert and update, so it cannot drift from received_at, whoever writes; a check makes a stale
-- value impossible even with the trigger disabled. contact_due_on depends only on received_on, so
-- it is a generated column (computed after BEFORE triggers).
--
-- Who may do what: unchanged. Coordinators read the two columns (column privileges, as for every
-- other column); nobody writes them: a value given on insert or update is replaced.

alter table public.applications add column received_on date;

-- Existing applications: the backfill is not a change to any case, so it is not audited.
alter table public.applications disable trigger applications_audit;
update public.applications set received_on = (received_at at time zone 'Europe/Oslo')::date;
alter table public.applications enable trigger applications_audit;

-- The default mirrors received_at's default (now()) so that the column is optional on insert; the
-- trigger below replaces it with the date of the stored received_at in any case.
alter table public.applications
  alter column received_on set default (pg_catalog.now() at time zone 'Europe/Oslo')::date,
  alter column received_on set not null,
  add constraint applications_received_on_in_oslo
    check (received_on = (received_at at time zone 'Europe/Oslo')::date);

-- Within 5 working days (Monday–Friday; public holidays are not counted out): after a weekday the
-- same weekday a week later, after a Saturday the Friday six days later, after a Sunday the Friday
-- five days later. The same rule the screening queue used to compute per row.
alter table public.applications
  add column contact_due_on date not null
    generated always as (
      received_on + case extract(isodow from received_on)::integer when 6 then 6 when 7 then 5 else 7 end
    ) stored;

comment on column public.applications.received_on is
  'Datoen søknaden kom inn, i norsk tid (Europe/Oslo). Settes automatisk fra received_at.';
comment on column public.applications.contact_due_on is
  'Frist for første kontakt: 5 arbeidsdager (man–fre) etter mottak. Regnes ut automatisk fra received_on.';

create function private.applications_set_received_on()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.received_on := (new.received_at at time zone 'Europe/Oslo')::date;
  return new;
end;
$$;

revoke all on function private.applications_set_received_on() from public, anon, authenticated;

create trigger applications_set_received_on
  before insert or update on public.applications
  for each row execute function private.applications_set_received_on();
-- ALWAYS: bulk loads with session_replication_role = replica (as the benchmark and the tests seed
-- 100,000 rows, or backdate received_at) must fill it too; the check would refuse them otherwise.
alter table public.applications enable always trigger applications_set_received_on;

-- Coordinators read every column of applications (see the screening workflow migration).
grant select (received_on, contact_due_on) on table public.applications to authenticated;
