-- The screening clock: a pinned "today" for tests (and for a lead who must re-run a rule "as of" a
-- day by hand as the superuser). Empty in normal operation; private.today() reads it.
--
-- Who may do what: nobody but the database owner reads or writes it. It lives in the unexposed
-- `private` schema with no grants to any API role, so a coordinator cannot move the clock:
-- PostgREST exposes only `public`, sets no GUC a client chooses except request.* (which this clock
-- does not read), and no function a client can execute writes here. A table, not a GUC, so that
-- requests through PostgREST see it too.

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
