-- Keeps the lead's numbers up to date when a conversation or home visit is recorded, moved or
-- cleared (both count as contact, the conversation also on its own): takes back what the case
-- counted for and adds it as it is now (private.figures_apply). The case's row is locked first, so
-- a contact note or status change made at the same moment is counted after this, not beside it.
create function private.application_checklists_figures()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  a public.applications;
  first_note_at timestamptz;
begin
  select * into a from public.applications as x where x.id = new.application_id for no key update;
  select pg_catalog.min(n.created_at) into first_note_at
    from public.application_notes as n where n.application_id = a.id and n.is_contact;
  perform private.figures_apply(-1, a.kind, a.heard_about, a.received_on, a.contact_due_on, a.status,
    a.status_changed_at, a.withdrawn_by_applicant, first_note_at, old.conversation_held_on,
    old.home_visit_held_on);
  perform private.figures_apply(1, a.kind, a.heard_about, a.received_on, a.contact_due_on, a.status,
    a.status_changed_at, a.withdrawn_by_applicant, first_note_at, new.conversation_held_on,
    new.home_visit_held_on);
  return null;
end;
$$;

create trigger application_checklists_figures
  after update on public.application_checklists
  for each row
  when (old.conversation_held_on is distinct from new.conversation_held_on
    or old.home_visit_held_on is distinct from new.home_visit_held_on)
  execute function private.application_checklists_figures();

revoke all on function private.application_checklists_figures() from public, anon, authenticated;
