-- A contact note updates its open case's last contact on the checklist, which the screening queue
-- reads.
create function private.application_notes_after_insert()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.is_contact then
    update public.application_checklists as c
      set last_contact_note_at = new.created_at
      from public.applications as a
      where c.application_id = new.application_id
        and a.id = c.application_id
        and a.status not in ('approved', 'declined', 'withdrawn')
        and (c.last_contact_note_at is null or c.last_contact_note_at < new.created_at);
  end if;
  return null;
end;
$$;

create trigger application_notes_last_contact
  after insert on public.application_notes
  for each row execute function private.application_notes_after_insert();

revoke all on function private.application_notes_after_insert() from public, anon, authenticated;
