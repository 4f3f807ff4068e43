-- A refused write to the coordinator list is answered without the row. The check constraints
-- coordinators_name_length and coordinators_role_known would report "Failing row contains (…)",
-- a person's name, to the caller and into Postgres' log; this trigger checks the same rules first
-- and refuses with the rule only (23514). The constraints stay as the last line. A name of
-- invisible characters only (a zero-width space) is refused too, as the team form refuses it.
create function private.coordinators_check_name()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.name is null or new.name <> pg_catalog.btrim(new.name)
    or pg_catalog.char_length(new.name) not between 1 and 100 then
    raise exception 'Navnet må ha mellom 1 og 100 tegn, uten mellomrom først eller sist.'
      using errcode = '23514';
  end if;
  if not private.has_visible_character(new.name) then
    raise exception 'Navnet må ha synlige tegn, ikke bare usynlige tegn.' using errcode = '23514';
  end if;
  if new.role is null or new.role not in ('coordinator', 'lead') then
    raise exception 'Velg koordinator eller leder.' using errcode = '23514';
  end if;
  return new;
end;
$$;

create trigger coordinators_00_check_name
  before insert or update on public.coordinators
  for each row execute function private.coordinators_check_name();

revoke all on function private.coordinators_check_name() from public, anon, authenticated, service_role;
