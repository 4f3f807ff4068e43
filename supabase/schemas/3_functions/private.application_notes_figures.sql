-- Keeps the lead's numbers up to date when a contact note is the case's first (or, on a busy day,
-- earlier than the first so far): the case's first contact may move earlier
-- (private.figures_apply). The case's row is locked first, so two contact notes written at the
-- same moment are counted one after the other, and only the first counts as first contact.
create function private.application_notes_figures()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  a public.applications;
  earlier timestamptz;
  conversation_on date;
  home_visit_on date;
begin
  select * into a from public.applications as x where x.id = new.application_id for no key update;
  select pg_catalog.min(n.created_at) into earlier
    from public.application_notes as n
    where n.application_id = a.id and n.is_contact and n.id <> new.id;
  if earlier is not null and earlier <= new.created_at then
    return null;
  end if;
  select c.conversation_held_on, c.home_visit_held_on into conversation_on, home_visit_on
    from public.application_checklists as c where c.application_id = a.id;
  perform private.figures_apply(-1, a.kind, a.heard_about, a.received_on, a.contact_due_on, a.status,
    a.status_changed_at, a.withdrawn_by_applicant, earlier, conversation_on, home_visit_on);
  perform private.figures_apply(1, a.kind, a.heard_about, a.received_on, a.contact_due_on, a.status,
    a.status_changed_at, a.withdrawn_by_applicant, new.created_at, conversation_on, home_visit_on);
  return null;
end;
$$;

create trigger application_notes_figures
  after insert on public.application_notes
  for each row
  when (new.is_contact)
  execute function private.application_notes_figures();

revoke all on function private.application_notes_figures() from public, anon, authenticated;
