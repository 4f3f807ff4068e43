-- The audit trail: one row per insert, update, status change and delete on applications,
-- checklists, notes, the coordinator list and the screening settings, written by the trigger
-- private.audit_row (which says what it logs by value and what only as changed), and one summary
-- row without personal data each time the retention job runs or a lead erases an application.
--
-- Who may do what: active coordinators read the log; nobody writes it except those triggers and
-- functions, and nobody updates, deletes or truncates it (private.audit_log_append_only) except the
-- retention job and erasure, which remove the history of the applications they delete.

create table public.audit_log (
  id bigint generated always as identity primary key,
  occurred_at timestamptz not null default now(),
  actor_id uuid,
  actor_role text not null,
  table_name text not null,
  action text not null
    constraint audit_log_action_known
      check (action in ('insert', 'update', 'status_change', 'delete', 'retention', 'erasure')),
  application_id uuid,
  row_key text,
  changes jsonb not null default '{}'::jsonb
);

create index audit_log_application_id_idx on public.audit_log (application_id, occurred_at);

alter table public.audit_log enable row level security;
revoke all on table public.audit_log from anon, authenticated, public;
grant select on table public.audit_log to authenticated;

create policy "Active coordinators read the audit log"
  on public.audit_log for select to authenticated
  using ((select private.require_active_coordinator()));

comment on table public.audit_log is
  'Logg over alle endringer i søknader, sjekklister og notater (hvem, når, hva: gammel → ny verdi). Aktive koordinatorer kan lese. Ingen kan endre eller slette rader, bortsett fra slettejobben.';
comment on column public.audit_log.id is 'Løpenummer.';
comment on column public.audit_log.occurred_at is 'Når endringen skjedde.';
comment on column public.audit_log.actor_id is
  'Brukeren som gjorde endringen (Supabase Auth-ID), tom når det ble gjort i SQL-editoren som postgres eller av en jobb.';
comment on column public.audit_log.actor_role is
  'Databaserollen: authenticated = koordinator via innlogging, service_role = nettstedet (innsending), applicant = søkeren selv på Min søknad, postgres = SQL-editoren eller en jobb.';
comment on column public.audit_log.table_name is 'Tabellen som ble endret.';
comment on column public.audit_log.action is
  'insert = ny rad, update = endring, status_change = statusendring, delete = sletting, retention = slettejobben har kjørt, erasure = en leder har slettet en søknad etter krav om sletting.';
comment on column public.audit_log.application_id is 'Søknaden endringen gjelder (ID-en, ikke referansen).';
comment on column public.audit_log.row_key is 'Nøkkelen til raden som ble endret.';
comment on column public.audit_log.changes is
  'Hva som ble endret: {"kolonne": {"old": …, "new": …}}. For personopplysninger bare {"changed": true}, aldri verdien.';
