-- A refused note is answered without its text. The check constraint
-- application_notes_body_length would report "Failing row contains (…)" in its detail, to the
-- caller and into Postgres' log; this trigger checks the same rule first and refuses with the
-- rule only (23514). The constraint stays as the last line. A note of invisible characters only
-- (a zero-width space) is refused too, as the note form refuses it.
create function private.application_notes_check_body()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.body is null or pg_catalog.char_length(pg_catalog.btrim(new.body)) not between 1 and 4000 then
    raise exception 'Notatet må ha mellom 1 og 4000 tegn.' using errcode = '23514';
  end if;
  if not private.has_visible_character(new.body) then
    raise exception 'Notatet må ha synlig tekst, ikke bare usynlige tegn.' using errcode = '23514';
  end if;
  return new;
end;
$$;

-- Named so that it runs before the table's other BEFORE INSERT trigger (triggers fire by name).
create trigger application_notes_00_check_body
  before insert on public.application_notes
  for each row execute function private.application_notes_check_body();

revoke all on function private.application_notes_check_body() from public, anon, authenticated, service_role;
