-- The audit log is append-only: no update, delete or truncate, except deletes by the retention job
-- and erasure (which set screening.retention_job for their own transaction). A superuser can still
-- disable triggers; that is outside what any API role or a coordinator working in the SQL editor
-- does by accident.
create function private.audit_log_append_only()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if tg_op = 'DELETE' and pg_catalog.current_setting('screening.retention_job', true) = 'on' then
    return old;
  end if;
  raise exception 'Loggen kan ikke endres eller slettes.' using errcode = '42501';
end;
$$;

create trigger audit_log_append_only
  before update or delete on public.audit_log
  for each row execute function private.audit_log_append_only();
create trigger audit_log_no_truncate
  before truncate on public.audit_log
  for each statement execute function private.audit_log_append_only();

revoke all on function private.audit_log_append_only() from public, anon, authenticated;
