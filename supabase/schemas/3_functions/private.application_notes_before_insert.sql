-- A note's author and time come from the database: the signed-in coordinator (or, in the SQL
-- editor, the given author or the case's assigned coordinator) and now.
create function private.application_notes_before_insert()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  application public.applications;
begin
  select * into application from public.applications as a where a.id = new.application_id;
  new.author_id := coalesce(private.acting_coordinator(coalesce(new.author_id, application.assigned_to)),
    new.author_id);
  if new.author_id is null then
    raise exception 'Hvem skriver notatet? Kjør som deg selv (rolle authenticated), eller oppgi author_id.'
      using errcode = '23514';
  end if;
  new.created_at := pg_catalog.now();
  return new;
end;
$$;

create trigger application_notes_author
  before insert on public.application_notes
  for each row execute function private.application_notes_before_insert();

revoke all on function private.application_notes_before_insert() from public, anon, authenticated;
