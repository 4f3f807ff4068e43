-- The date `days` Norwegian working days (private.is_working_day) after `start`, not counting
-- `start` itself: 5 working days after a Friday is the next Friday, or later when a public holiday
-- falls between. A negative `days` counts back; 0 gives `start` itself, working day or not. The
-- contact deadline (applications.contact_due_on, a generated column) and every other deadline that
-- counts working days use this, so the queue, its flags and the e-mails agree.
--
-- PL/pgSQL: a loop of a few steps a working day (never more than five days off in a row: Maundy
-- Thursday to Easter Monday), fast (see private.easter_sunday), and checked when it runs, so this
-- file may come before private.is_working_day's.
create function private.add_working_days(start date, days integer)
returns date
language plpgsql
immutable
strict
parallel safe
set search_path = ''
as $$
declare
  step constant integer := case when days < 0 then -1 else 1 end;
  remaining integer := pg_catalog.abs(days);
  day date := start;
begin
  while remaining > 0 loop
    day := day + step;
    if private.is_working_day(day) then
      remaining := remaining - 1;
    end if;
  end loop;
  return day;
end;
$$;

-- The applications table's generated contact deadline runs with the writer's privileges (a
-- coordinator's update), so coordinators must be able to execute it. It reveals nothing.
revoke all on function private.add_working_days(date, integer) from public, anon, service_role;
grant execute on function private.add_working_days(date, integer) to authenticated;

comment on function private.add_working_days(date, integer) is
  'Datoen et antall norske arbeidsdager (private.is_working_day) etter startdatoen, uten å telle startdatoen selv. Negativt antall teller bakover.';
