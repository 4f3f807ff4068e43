-- Notes are append-only. Only the retention job and erasure (private.delete_ended_applications and
-- public.erase_application, which set screening.retention_job for their own transaction) remove
-- them with their application.
create function private.application_notes_append_only()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if tg_op = 'DELETE' and pg_catalog.current_setting('screening.retention_job', true) = 'on' then
    return old;
  end if;
  raise exception 'Notater kan ikke endres eller slettes. Skriv et nytt notat for å rette.'
    using errcode = '42501';
end;
$$;

create trigger application_notes_append_only
  before update or delete on public.application_notes
  for each row execute function private.application_notes_append_only();

revoke all on function private.application_notes_append_only() from public, anon, authenticated;
