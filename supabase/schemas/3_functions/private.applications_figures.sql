-- Keeps the lead's numbers up to date when a case arrives and whenever what it counts for changes
-- (its status, receipt date, contact deadline): takes back what it counted for as it was and adds
-- it as it is (private.figures_apply). Deleting a case changes no count.
create function private.applications_figures()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  conversation_on date;
  home_visit_on date;
  first_note_at timestamptz;
begin
  select c.conversation_held_on, c.home_visit_held_on into conversation_on, home_visit_on
    from public.application_checklists as c where c.application_id = new.id;
  select pg_catalog.min(n.created_at) into first_note_at
    from public.application_notes as n where n.application_id = new.id and n.is_contact;
  if tg_op = 'UPDATE' then
    perform private.figures_apply(-1, old.kind, old.heard_about, old.received_on, old.contact_due_on,
      old.status, old.status_changed_at, old.withdrawn_by_applicant, first_note_at, conversation_on,
      home_visit_on);
  end if;
  perform private.figures_apply(1, new.kind, new.heard_about, new.received_on, new.contact_due_on,
    new.status, new.status_changed_at, new.withdrawn_by_applicant, first_note_at, conversation_on,
    home_visit_on);
  return null;
end;
$$;

create trigger applications_figures_insert
  after insert on public.applications
  for each row execute function private.applications_figures();
create trigger applications_figures_update
  after update on public.applications
  for each row
  when (old.status is distinct from new.status
    or old.status_changed_at is distinct from new.status_changed_at
    or old.withdrawn_by_applicant is distinct from new.withdrawn_by_applicant
    or old.received_on is distinct from new.received_on
    or old.contact_due_on is distinct from new.contact_due_on
    or old.kind is distinct from new.kind
    or old.heard_about is distinct from new.heard_about)
  execute function private.applications_figures();

revoke all on function private.applications_figures() from public, anon, authenticated;
