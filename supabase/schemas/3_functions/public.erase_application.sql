-- Erasure on request (GDPR art. 17): an active lead deletes one application with its checklist,
-- notes, e-mail outbox rows, co-applicant part, referees, link tokens and audit history, whatever
-- its status. The append-only notes and log
-- accept these deletes for this transaction only, as they do for the retention job. One audit row
-- without personal data records that it happened, by whom and when (no reference, no id).
--
-- Who may do what: only an active lead (checked inside) may execute it; anon and service_role may
-- not.
create function public.erase_application(application_id uuid)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  lead uuid := (select auth.uid());
  note_count integer;
  audit_count integer;
  summary jsonb;
begin
  perform private.require_active_lead();
  if not exists (select from public.applications as a where a.id = erase_application.application_id) then
    raise exception 'Fant ingen søknad å slette.' using errcode = 'P0002';
  end if;
  select pg_catalog.count(*) into note_count
    from public.application_notes as n where n.application_id = erase_application.application_id;

  perform pg_catalog.set_config('screening.retention_job', 'on', true);
  delete from public.audit_log as l where l.application_id = erase_application.application_id;
  get diagnostics audit_count = row_count;
  delete from public.applications as a where a.id = erase_application.application_id;
  perform pg_catalog.set_config('screening.retention_job', '', true);

  summary := pg_catalog.jsonb_build_object(
    'deleted_applications', 1, 'deleted_notes', note_count, 'deleted_audit_rows', audit_count);
  insert into public.audit_log (actor_id, actor_role, table_name, action, application_id, row_key, changes)
    values (lead, coalesce(nullif((select auth.role()), ''), current_user), 'applications', 'erasure',
      null, null, summary);
  return summary;
end;
$$;

revoke all on function public.erase_application(uuid) from public, anon, authenticated, service_role;
grant execute on function public.erase_application(uuid) to authenticated;

comment on function public.erase_application(uuid) is
  'For aktive ledere: sletter en søknad etter krav fra søkeren, med sjekkliste, notater, e-poster og logghistorikk. Skriver én loggrad uten personopplysninger.';
