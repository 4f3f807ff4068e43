-- Changes to the coordinator list (who has access, who is a lead) and to the screening settings
-- (the retention period) are audited like changes to cases. A coordinator's name is personal data
-- and is logged as {"changed": true}; who, active, role and the retention months are logged with
-- their values.
--
-- Who may do what: unchanged (the rows are written by the audit trigger only).

-- The generic audit function, now also keyed by user_id for the coordinator list.
create or replace function private.audit_row()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  old_row jsonb := case when tg_op in ('UPDATE', 'DELETE') then pg_catalog.to_jsonb(old) end;
  new_row jsonb := case when tg_op in ('INSERT', 'UPDATE') then pg_catalog.to_jsonb(new) end;
  logged constant text[] := tg_argv;
  diff jsonb := '{}'::jsonb;
  col text;
  action text := pg_catalog.lower(tg_op);
  source jsonb := coalesce(new_row, old_row);
  application uuid;
begin
  -- The retention job and erasure write their own summary instead of one row per deleted row.
  if tg_op = 'DELETE' and pg_catalog.current_setting('screening.retention_job', true) = 'on' then
    return null;
  end if;

  for col in select pg_catalog.jsonb_object_keys(source) loop
    if (old_row -> col) is distinct from (new_row -> col) then
      if col = any (logged) then
        diff := diff || pg_catalog.jsonb_build_object(col,
          pg_catalog.jsonb_build_object('old', old_row -> col, 'new', new_row -> col));
      else
        diff := diff || pg_catalog.jsonb_build_object(col, '{"changed": true}'::jsonb);
      end if;
    end if;
  end loop;
  if tg_op = 'UPDATE' and diff = '{}'::jsonb then
    return null;
  end if;

  if tg_table_name = 'applications' then
    application := (source ->> 'id')::uuid;
    if tg_op = 'UPDATE' and diff ? 'status' then
      action := 'status_change';
    end if;
  elsif source ? 'application_id' then
    application := (source ->> 'application_id')::uuid;
  end if;

  insert into public.audit_log (actor_id, actor_role, table_name, action, application_id, row_key, changes)
  values (
    (select auth.uid()),
    coalesce(nullif((select auth.role()), ''), current_user),
    tg_table_name,
    action,
    application,
    coalesce(source ->> 'id', source ->> 'application_id', source ->> 'user_id'),
    diff);
  return null;
end;
$$;

revoke all on function private.audit_row() from public, anon, authenticated, service_role;

create trigger coordinators_audit
  after insert or update or delete on public.coordinators
  for each row execute function private.audit_row('user_id', 'active', 'role', 'created_at');
create trigger screening_settings_audit
  after insert or update or delete on public.screening_settings
  for each row execute function private.audit_row('id', 'retention_months');
