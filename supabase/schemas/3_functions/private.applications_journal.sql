-- Journalføring of a case (drawn in 2_tables/20_public.applications.sql): when journal_reference
-- changes, records who and when from the acting coordinator (private.acting_coordinator: the
-- signed-in active coordinator, or in the SQL editor as postgres the assigned one), and refuses
-- clearing it: a case the portal may delete once it is journalført must not quietly become
-- unjournalført, and a wrong number is corrected by writing the right one (the audit log keeps the
-- old). journaled_at and journaled_by follow the reference only; nobody writes them directly.
-- Any status may be journalført: the municipality may journalføre an application when it arrives.
create function private.applications_journal()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  actor uuid;
begin
  if new.journal_reference is not distinct from old.journal_reference then
    new.journaled_at := old.journaled_at;
    new.journaled_by := old.journaled_by;
    return new;
  end if;
  if new.journal_reference is null then
    raise exception 'Journalføringen kan ikke fjernes. Er nummeret feil, skriver du det riktige.'
      using errcode = '23514';
  end if;
  actor := private.acting_coordinator(new.assigned_to);
  if actor is null then
    raise exception 'Hvem journalfører saken? Kjør som deg selv (rolle authenticated), eller sett assigned_to i samme endring.'
      using errcode = '23514';
  end if;
  new.journaled_at := pg_catalog.now();
  new.journaled_by := actor;
  return new;
end;
$$;

create trigger applications_journal
  before update on public.applications
  for each row execute function private.applications_journal();

revoke all on function private.applications_journal() from public, anon, authenticated;
