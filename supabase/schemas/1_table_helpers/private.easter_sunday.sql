-- Easter Sunday of a year in the Gregorian calendar, by the anonymous Gregorian algorithm
-- (Meeus/Jones/Butcher), valid for every year from 1583 on. Norway's movable public holidays count
-- from it (private.is_working_day). Integer arithmetic only, so it is immutable.
--
-- PL/pgSQL, as the other working-day functions: the applications table computes its contact
-- deadline with them on every insert (100,000 rows at once in the bench and the queue test). A SQL
-- function with SET search_path is not inlined and is planned on every call, about 50 times slower
-- here than PL/pgSQL's cached expressions.
create function private.easter_sunday(year integer)
returns date
language plpgsql
immutable
strict
parallel safe
set search_path = ''
as $$
declare
  a constant integer := year % 19;
  b constant integer := year / 100;
  c constant integer := year % 100;
  h integer;
  l integer;
  m integer;
begin
  h := (19 * a + b - b / 4 - (b - (b + 8) / 25 + 1) / 3 + 15) % 30;
  l := (32 + 2 * (b % 4) + 2 * (c / 4) - h - c % 4) % 7;
  m := (a + 11 * h + 22 * l) / 451;
  return pg_catalog.make_date(year, (h + l - 7 * m + 114) / 31, (h + l - 7 * m + 114) % 31 + 1);
end;
$$;

-- Called by private.is_working_day, which the applications table's generated contact deadline and
-- the queue view run with the caller's privileges. It reveals nothing.
revoke all on function private.easter_sunday(integer) from public, anon, service_role;
grant execute on function private.easter_sunday(integer) to authenticated;

comment on function private.easter_sunday(integer) is
  'Første påskedag i et år (gregoriansk kalender, den anonyme gregorianske algoritmen).';
