-- Retention: deletes every application declined or withdrawn more than retention_months
-- (public.screening_settings) before `as_of`, and every open application nobody has touched for 12
-- months more than that: the privacy statement says an application left open for 12 months with
-- nothing happening counts as ended, and is then deleted by the same rule as a declined one.
-- "Touched" is the latest of its receipt, a status change, a note and a checklist change.
--
-- With each application go its checklist, notes and e-mail outbox rows (foreign keys with on delete
-- cascade) and its audit history; one audit row without personal data (counts only) records that
-- the job ran. Returns the same counts.
--
-- Who may do what: no API role may execute it. It runs daily as postgres (pg_cron on hosted
-- Supabase, see docs/screening.md).
create function private.delete_ended_applications(as_of timestamptz default now())
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  months integer;
  cutoff timestamptz;
  untouched_cutoff timestamptz;
  ids uuid[];
  untouched integer;
  note_count integer;
  checklist_count integer;
  audit_count integer;
  summary jsonb;
begin
  select s.retention_months into months from public.screening_settings as s where s.id;
  months := coalesce(months, 6);
  cutoff := as_of - pg_catalog.make_interval(months => months);
  untouched_cutoff := cutoff - pg_catalog.make_interval(months => 12);

  select coalesce(pg_catalog.array_agg(a.id), array[]::uuid[]) into ids
    from public.applications as a
    where a.status in ('declined', 'withdrawn') and a.status_changed_at < cutoff;

  with stale as (
    select a.id
      from public.applications as a
        left join public.application_checklists as c on c.application_id = a.id
      where a.status in ('received', 'in_review', 'conversation_scheduled', 'home_visit')
        and greatest(a.received_at, a.status_changed_at, c.updated_at,
          (select pg_catalog.max(n.created_at) from public.application_notes as n
            where n.application_id = a.id)) < untouched_cutoff
  )
  select pg_catalog.count(*), ids || coalesce(pg_catalog.array_agg(stale.id), array[]::uuid[])
    into untouched, ids
    from stale;

  select pg_catalog.count(*) into note_count
    from public.application_notes as n where n.application_id = any (ids);
  select pg_catalog.count(*) into checklist_count
    from public.application_checklists as c where c.application_id = any (ids);

  -- Lets the append-only triggers of notes and the audit log accept these deletes, for this
  -- transaction only; cleared again below. No API role can set it: set_config is not reachable
  -- through PostgREST, and this function is not executable by any API role.
  perform pg_catalog.set_config('screening.retention_job', 'on', true);
  delete from public.audit_log as l where l.application_id = any (ids);
  get diagnostics audit_count = row_count;
  delete from public.applications as a where a.id = any (ids);
  perform pg_catalog.set_config('screening.retention_job', '', true);

  summary := pg_catalog.jsonb_build_object(
    'retention_months', months,
    'cutoff', cutoff,
    'untouched_cutoff', untouched_cutoff,
    'deleted_applications', pg_catalog.cardinality(ids),
    'deleted_untouched_open', untouched,
    'deleted_checklists', checklist_count,
    'deleted_notes', note_count,
    'deleted_audit_rows', audit_count);
  insert into public.audit_log (actor_id, actor_role, table_name, action, application_id, row_key, changes)
    values (null, current_user, 'applications', 'retention', null, null, summary);
  return summary;
end;
$$;

revoke all on function private.delete_ended_applications(timestamptz) from public, anon, authenticated;

comment on function private.delete_ended_applications(timestamptz) is
  'Sletter søknader som ble avslått eller trukket for mer enn retention_months siden, og åpne søknader der ingenting har skjedd på 12 måneder pluss retention_months, med sjekkliste, notater og logghistorikk. Skriver én loggrad med antall, uten personopplysninger. Kjøres daglig med pg_cron.';
