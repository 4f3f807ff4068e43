-- A refused write to a note or to the coordinator list is answered without the row. A check
-- constraint that fails reports "Failing row contains (…)" in its detail, to the caller and into
-- Postgres' log; for a note that is its text, for the coordinator list a person's name. These
-- triggers check the same rules first and refuse with the field's rule only (23514). The
-- constraints stay as the last line. (Submissions have their own checks in submit_application.)
--
-- Who may do what: unchanged.

create function private.application_notes_check_body()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.body is null or pg_catalog.char_length(pg_catalog.btrim(new.body)) not between 1 and 4000 then
    raise exception 'Notatet må ha mellom 1 og 4000 tegn.' using errcode = '23514';
  end if;
  return new;
end;
$$;

-- Named so that it runs before the table's other BEFORE INSERT trigger (triggers fire by name).
create trigger application_notes_00_check_body
  before insert on public.application_notes
  for each row execute function private.application_notes_check_body();

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
  if new.role is null or new.role not in ('coordinator', 'lead') then
    raise exception 'Velg koordinator eller leder.' using errcode = '23514';
  end if;
  return new;
end;
$$;

create trigger coordinators_00_check_name
  before insert or update on public.coordinators
  for each row execute function private.coordinators_check_name();

revoke all on function private.application_notes_check_body(), private.coordinators_check_name()
  from public, anon, authenticated, service_role;
