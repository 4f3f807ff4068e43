-- Retention: applications that ended (declined or withdrawn) are deleted once the retention
-- period has passed, with their checklist, notes and audit history; one audit row without
-- personal data (counts only) records that the job ran.
--
-- Who may do what: active coordinators read the setting; it is changed in the SQL editor (as
-- postgres). The job runs as postgres only (pg_cron on hosted Supabase, see docs/screening.md);
-- no API role may execute it.

create table public.screening_settings (
  id boolean primary key default true constraint screening_settings_single_row check (id),
  retention_months integer not null default 6
    constraint screening_settings_retention_months_range check (retention_months between 1 and 120)
);
insert into public.screening_settings (id) values (true);

alter table public.screening_settings enable row level security;
revoke all on table public.screening_settings from anon, authenticated, public;
grant select on table public.screening_settings to authenticated;

create policy "Active coordinators read screening settings"
  on public.screening_settings for select to authenticated
  using ((select private.require_active_coordinator()));

comment on table public.screening_settings is
  'Innstillinger for skjermingen (én rad). Aktive koordinatorer kan lese; endres i SQL-editoren.';
comment on column public.screening_settings.retention_months is
  'Hvor mange måneder en avslått eller trukket søknad beholdes før den slettes. Må være lik retentionMonths i content/profile/kommune.yaml (det personvernerklæringen lover søkerne).';

-- Ended applications are found by status and the time they ended.
create index applications_ended_idx on public.applications (status_changed_at)
  where status in ('declined', 'withdrawn');

-- Deletes every application declined or withdrawn more than retention_months before `as_of`,
-- with its checklist and notes (foreign keys with on delete cascade) and its audit rows.
-- Messages: the e-mail outbox (a later migration, 20261123150000_create_outbox.sql) references
-- public.applications with `on delete cascade`, so deleting an application here deletes its
-- e-mails too. Returns and logs counts only.
create function private.delete_ended_applications(as_of timestamptz default now())
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  months integer;
  cutoff timestamptz;
  ids uuid[];
  note_count integer;
  checklist_count integer;
  audit_count integer;
  summary jsonb;
begin
  select s.retention_months into months from public.screening_settings as s where s.id;
  cutoff := as_of - pg_catalog.make_interval(months => coalesce(months, 6));

  select coalesce(pg_catalog.array_agg(a.id), array[]::uuid[]) into ids
    from public.applications as a
    where a.status in ('declined', 'withdrawn') and a.status_changed_at < cutoff;

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
    'deleted_applications', pg_catalog.cardinality(ids),
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
  'Sletter søknader som ble avslått eller trukket for mer enn retention_months siden, med sjekkliste, notater og logghistorikk. Skriver én loggrad med antall, uten personopplysninger. Kjøres daglig med pg_cron.';
