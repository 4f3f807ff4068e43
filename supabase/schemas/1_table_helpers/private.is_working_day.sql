-- A working day as Norway counts them: Monday to Friday except the public holidays (the
-- helligdager and the høytidsdager 1 and 17 May): 1 January, Maundy Thursday, Good Friday, Easter
-- Monday, 1 May, Ascension Day, 17 May, Whit Monday, 25 and 26 December. Easter Sunday and Whit
-- Sunday always fall on a Sunday. Christmas Eve and New Year's Eve are ordinary working days. The one
-- definition of a working day: every deadline that counts working days goes through
-- private.add_working_days, which calls this. PL/pgSQL for speed (see private.easter_sunday).
create function private.is_working_day(day date)
returns boolean
language plpgsql
immutable
strict
parallel safe
set search_path = ''
as $$
begin
  return extract(isodow from day) < 6
    and pg_catalog.to_char(day, 'MM-DD') not in ('01-01', '05-01', '05-17', '12-25', '12-26')
    -- Maundy Thursday, Good Friday, Easter Monday, Ascension Day, Whit Monday.
    and day - private.easter_sunday(extract(year from day)::integer) not in (-3, -2, 1, 39, 50);
end;
$$;

-- The applications table's generated contact deadline runs with the writer's privileges (a
-- coordinator's update), so coordinators must be able to execute it. It reveals nothing.
revoke all on function private.is_working_day(date) from public, anon, service_role;
grant execute on function private.is_working_day(date) to authenticated;

comment on function private.is_working_day(date) is
  'Om datoen er en arbeidsdag i Norge: mandag–fredag unntatt helligdager og offentlige høytidsdager (1. januar, skjærtorsdag, langfredag, 2. påskedag, 1. mai, Kristi himmelfartsdag, 17. mai, 2. pinsedag, 1. og 2. juledag).';
