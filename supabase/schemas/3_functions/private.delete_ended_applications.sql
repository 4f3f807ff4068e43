-- Retention: deletes, as of `as_of`, every ended application that is journalført (in the
-- municipality's sak/arkiv system, applications.journal_reference) and whose retention time has
-- passed (public.screening_settings):
--   - declined and withdrawn: retention_months after the decision (status_changed_at);
--   - approved: approved_retention_months after approval (status_changed_at; approved is final);
--   - open and untouched: 12 months more than retention_months after it was last touched. The
--     privacy statement says an application left open for 12 months with nothing happening counts
--     as ended, and is then deleted by the same rule as a declined one. "Touched" is the latest of
--     its receipt, a status change, a note and a checklist change (recording the journal reference
--     is not: journalføring an abandoned case must not put its deletion off).
-- Nothing that is not journalført is deleted, however old: deleting a document that should be in
-- the archive would be kassasjon without a basis in the archive plan. Those cases stay, and the
-- summary counts them (kept_unjournaled) so that whoever reads it sees the archive work waiting.
--
-- With each application go its checklist, notes, e-mail outbox rows, co-applicant part, referees
-- and link tokens (foreign keys with on delete
-- cascade) and its audit history; one audit row without personal data (counts only, each kind
-- apart) records that the job ran. Returns the same counts.
--
-- Who may do what: no API role may execute it. It runs once a day as one of the scheduled jobs
-- (private.run_scheduled_jobs: pg_cron on hosted Supabase, `npm run jobs`).
create function private.delete_ended_applications(as_of timestamptz default now())
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  months integer;
  approved_months integer;
  cutoff timestamptz;
  approved_cutoff timestamptz;
  untouched_cutoff timestamptz;
  ended_ids uuid[];
  approved_ids uuid[];
  untouched_ids uuid[];
  ids uuid[];
  kept integer;
  note_count integer;
  checklist_count integer;
  audit_count integer;
  summary jsonb;
begin
  select s.retention_months, s.approved_retention_months into months, approved_months
    from public.screening_settings as s where s.id;
  months := coalesce(months, 6);
  approved_months := coalesce(approved_months, 12);
  cutoff := as_of - pg_catalog.make_interval(months => months);
  approved_cutoff := as_of - pg_catalog.make_interval(months => approved_months);
  untouched_cutoff := cutoff - pg_catalog.make_interval(months => 12);

  select
    coalesce(pg_catalog.array_agg(a.id) filter (where a.status <> 'approved'), array[]::uuid[]),
    coalesce(pg_catalog.array_agg(a.id) filter (where a.status = 'approved'), array[]::uuid[])
    into ended_ids, approved_ids
    from public.applications as a
    where a.journal_reference is not null
      and ((a.status in ('declined', 'withdrawn') and a.status_changed_at < cutoff)
        or (a.status = 'approved' and a.status_changed_at < approved_cutoff));

  select coalesce(pg_catalog.array_agg(a.id), array[]::uuid[]) into untouched_ids
    from public.applications as a
      left join public.application_checklists as c on c.application_id = a.id
    where a.status in ('received', 'in_review', 'conversation_scheduled', 'home_visit')
      and a.journal_reference is not null
      and greatest(a.received_at, a.status_changed_at, c.updated_at,
        (select pg_catalog.max(n.created_at) from public.application_notes as n
          where n.application_id = a.id)) < untouched_cutoff;

  -- Past their time but not journalført: kept, and counted.
  select pg_catalog.count(*) into kept
    from public.applications as a
    where a.journal_reference is null
      and ((a.status in ('declined', 'withdrawn') and a.status_changed_at < cutoff)
        or (a.status = 'approved' and a.status_changed_at < approved_cutoff));

  ids := ended_ids || approved_ids || untouched_ids;

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
    'approved_retention_months', approved_months,
    'cutoff', cutoff,
    'approved_cutoff', approved_cutoff,
    'untouched_cutoff', untouched_cutoff,
    'deleted_applications', pg_catalog.cardinality(ids),
    'deleted_declined_or_withdrawn', pg_catalog.cardinality(ended_ids),
    'deleted_approved', pg_catalog.cardinality(approved_ids),
    'deleted_untouched_open', pg_catalog.cardinality(untouched_ids),
    'kept_unjournaled', kept,
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
  'Sletter søknader som er journalført og har passert lagringstiden: avslåtte og trukne retention_months etter avgjørelsen, godkjente approved_retention_months etter godkjenningen, og åpne søknader der ingenting har skjedd på 12 måneder pluss retention_months. Søknader som ikke er journalført, slettes aldri (de telles som kept_unjournaled). Sjekkliste, notater og logghistorikk slettes med søknaden. Skriver én loggrad med antall, uten personopplysninger. Kjøres daglig med pg_cron.';
