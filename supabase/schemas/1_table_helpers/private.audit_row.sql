-- The audit trail's writer: a trigger on every audited table (applications, checklists, notes, the
-- coordinator list and the screening settings) that writes one row to public.audit_log per insert,
-- update, status change and delete, with who, when and what changed (old → new).
--
-- Privacy: the log stores old and new values only for the screening fields (status, dates, checks,
-- who did what, who has access). For personal fields (name, contact details, address, motivation,
-- the role's answers, the receipt reference, note text, a coordinator's name) it stores only that
-- the field changed, {"changed": true}: the log must not become a second copy of the applicant's
-- data that outlives the application. The trigger's arguments are the columns whose values may be
-- logged; each audited table lists them where it attaches the trigger, in its own file under
-- 2_tables/, and a column not listed there is treated as personal.
--
-- actor_role is 'applicant' for what an applicant changes on Min søknad (private.act_as_applicant).
--
-- Rows are keyed by their id, application_id or (for the coordinator list) user_id. Deletes by the
-- retention job and by erasure (which set screening.retention_job for their own transaction) are
-- not logged row by row: those functions write their own summary without personal data.
create function private.audit_row()
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
    -- The applicant's own changes on Min søknad (issue 25) set screening.actor_role to 'applicant'
    -- for their transaction; no API role can set it.
    coalesce(nullif(pg_catalog.current_setting('screening.actor_role', true), ''),
      nullif((select auth.role()), ''), current_user),
    tg_table_name,
    action,
    application,
    coalesce(source ->> 'id', source ->> 'application_id', source ->> 'user_id'),
    diff);
  return null;
end;
$$;

revoke all on function private.audit_row() from public, anon, authenticated, service_role;
