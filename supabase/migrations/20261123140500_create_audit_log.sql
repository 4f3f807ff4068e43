-- The audit trail: every insert, update, status change and delete on applications, checklists
-- and notes, written by triggers with who, when and what changed (old → new).
--
-- Who may do what: active coordinators read the log; nobody writes it except the triggers, and
-- nobody updates or deletes a row except the retention job, which removes the history of the
-- applications it deletes and leaves one summary row without personal data.
--
-- Privacy: the log stores old and new values only for the screening fields (status, dates,
-- checks, who did what). For personal fields (name, contact details, address, motivation, the
-- role's answers, the receipt reference, note text) it stores only that the field changed,
-- {"changed": true}: the log must not become a second copy of the applicant's data that outlives
-- the application. Which columns are "screening fields" is listed per table in the trigger
-- arguments below; a column not listed is treated as personal.

create table public.audit_log (
  id bigint generated always as identity primary key,
  occurred_at timestamptz not null default now(),
  actor_id uuid,
  actor_role text not null,
  table_name text not null,
  action text not null
    constraint audit_log_action_known
      check (action in ('insert', 'update', 'status_change', 'delete', 'retention')),
  application_id uuid,
  row_key text,
  changes jsonb not null default '{}'::jsonb
);

create index audit_log_application_id_idx on public.audit_log (application_id, occurred_at);

alter table public.audit_log enable row level security;
revoke all on table public.audit_log from anon, authenticated, public;

comment on table public.audit_log is
  'Logg over alle endringer i søknader, sjekklister og notater (hvem, når, hva: gammel → ny verdi). Aktive koordinatorer kan lese. Ingen kan endre eller slette rader, bortsett fra slettejobben.';
comment on column public.audit_log.id is 'Løpenummer.';
comment on column public.audit_log.occurred_at is 'Når endringen skjedde.';
comment on column public.audit_log.actor_id is
  'Brukeren som gjorde endringen (Supabase Auth-ID), tom når det ble gjort i SQL-editoren som postgres eller av en jobb.';
comment on column public.audit_log.actor_role is
  'Databaserollen: authenticated = koordinator via innlogging, anon = nettstedet (innsending), postgres = SQL-editoren eller en jobb.';
comment on column public.audit_log.table_name is 'Tabellen som ble endret.';
comment on column public.audit_log.action is
  'insert = ny rad, update = endring, status_change = statusendring, delete = sletting, retention = slettejobben har kjørt.';
comment on column public.audit_log.application_id is 'Søknaden endringen gjelder (ID-en, ikke referansen).';
comment on column public.audit_log.row_key is 'Nøkkelen til raden som ble endret.';
comment on column public.audit_log.changes is
  'Hva som ble endret: {"kolonne": {"old": …, "new": …}}. For personopplysninger bare {"changed": true}, aldri verdien.';

-- Generic row audit. Trigger arguments: the columns whose values may be logged; every other
-- column is logged as {"changed": true}.
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
  -- The retention job writes its own summary instead of one row per deleted row.
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
  else
    application := (source ->> 'application_id')::uuid;
  end if;

  insert into public.audit_log (actor_id, actor_role, table_name, action, application_id, row_key, changes)
  values (
    (select auth.uid()),
    coalesce(nullif((select auth.role()), ''), current_user),
    tg_table_name,
    action,
    application,
    coalesce(source ->> 'id', source ->> 'application_id'),
    diff);
  return null;
end;
$$;

create trigger applications_audit
  after insert or update or delete on public.applications
  for each row execute function private.audit_row(
    'id', 'kind', 'status', 'received_at', 'certificate_status', 'certificate_issued_on',
    'commitment_months', 'privacy_version', 'assigned_to', 'status_changed_at', 'status_changed_by');
create trigger application_checklists_audit
  after insert or update or delete on public.application_checklists
  for each row execute function private.audit_row(
    'application_id', 'certificate_issued_on', 'certificate_verified_by', 'certificate_verified_at',
    'conversation_held_on', 'home_visit_held_on', 'references_checked', 'references_checked_by',
    'references_checked_at', 'last_contact_note_at', 'updated_at');
create trigger application_notes_audit
  after insert or update or delete on public.application_notes
  for each row execute function private.audit_row(
    'id', 'application_id', 'author_id', 'created_at', 'is_contact');

-- The log is append-only: no update, delete or truncate, except deletes by the retention job.
-- (A superuser can still disable triggers; that is outside what any API role or a coordinator
-- working in the SQL editor does by accident.)
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

revoke all on function private.audit_row(), private.audit_log_append_only()
  from public, anon, authenticated;

grant select on table public.audit_log to authenticated;

create policy "Active coordinators read the audit log"
  on public.audit_log for select to authenticated
  using ((select private.require_active_coordinator()));
