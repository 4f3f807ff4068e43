-- Changes to the coordinator list (added, name, role, deactivated or reactivated) go into the
-- audit log, so the team page can show who changed whom and when. Minimal on purpose: its own
-- trigger function, leaving private.audit_row as it is (the database-hardening work may replace
-- this with its own coordinator audit; then this migration's trigger is the one to drop).
--
-- Who may do what: unchanged. The log stays append-only and readable by active coordinators; the
-- trigger runs as the owner, so no API role needs any privilege on audit_log to cause a row.
create function private.audit_coordinators()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  diff jsonb := '{}'::jsonb;
  col text;
begin
  foreach col in array array['name', 'role', 'active'] loop
    if tg_op = 'INSERT'
      or (pg_catalog.to_jsonb(old) -> col) is distinct from (pg_catalog.to_jsonb(new) -> col) then
      diff := diff || pg_catalog.jsonb_build_object(col, pg_catalog.jsonb_build_object(
        'old', case when tg_op = 'UPDATE' then pg_catalog.to_jsonb(old) -> col end,
        'new', pg_catalog.to_jsonb(new) -> col));
    end if;
  end loop;
  if diff = '{}'::jsonb then
    return null;
  end if;
  insert into public.audit_log (actor_id, actor_role, table_name, action, application_id, row_key, changes)
  values ((select auth.uid()), coalesce(nullif((select auth.role()), ''), current_user),
    'coordinators', pg_catalog.lower(tg_op), null, new.user_id::text, diff);
  return null;
end;
$$;

revoke all on function private.audit_coordinators() from public, anon, authenticated;

create trigger coordinators_audit
  after insert or update on public.coordinators
  for each row execute function private.audit_coordinators();
