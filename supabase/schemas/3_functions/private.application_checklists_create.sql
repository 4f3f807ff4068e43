-- Every application gets its checklist when it arrives (also through submit_application).
create function private.application_checklists_create()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into public.application_checklists (application_id) values (new.id);
  return null;
end;
$$;

create trigger applications_create_checklist
  after insert on public.applications
  for each row execute function private.application_checklists_create();

revoke all on function private.application_checklists_create() from public, anon, authenticated;
