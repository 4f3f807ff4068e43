-- Each coordinator's own settings in the workspace (/koordinator/innstillinger/): today only
-- whether they get the daily overview e-mail (private.queue_daily_overviews). No row means the
-- defaults (the overview on); the settings page writes the row on the first change.
--
-- Who may do what: an active coordinator (or lead) reads, adds and changes only their own row; a
-- lead cannot change anyone else's. Anon, other signed-in users, deactivated coordinators and the
-- service role get nothing. Changes are audited with their values (a setting is no personal data): the log says when.

create table public.coordinator_settings (
  user_id uuid primary key references public.coordinators (user_id),
  daily_overview boolean not null default true
);

alter table public.coordinator_settings enable row level security;
revoke all on table public.coordinator_settings from anon, authenticated, service_role, public;
-- update (user_id) only because PostgREST's upsert sets every column it was sent; the policies
-- keep user_id the signed-in coordinator's own.
grant select, insert (user_id, daily_overview), update (user_id, daily_overview)
  on table public.coordinator_settings to authenticated;

-- CASE, not AND: Postgres may test user_id first and never ask whether the caller is an active
-- coordinator; this way anyone else gets the same 42501 as on every other workspace table.
create policy "Active coordinators read their own settings"
  on public.coordinator_settings for select to authenticated
  using (
    case when (select private.require_active_coordinator()) then user_id = (select auth.uid()) end);
create policy "Active coordinators add their own settings"
  on public.coordinator_settings for insert to authenticated
  with check (
    case when (select private.require_active_coordinator()) then user_id = (select auth.uid()) end);
create policy "Active coordinators change their own settings"
  on public.coordinator_settings for update to authenticated
  using (
    case when (select private.require_active_coordinator()) then user_id = (select auth.uid()) end)
  with check (
    case when (select private.require_active_coordinator()) then user_id = (select auth.uid()) end);

comment on table public.coordinator_settings is
  'Hver koordinators egne innstillinger i arbeidsflaten. Ingen rad = standard (daglig oversikt på). En aktiv koordinator leser og endrer bare sin egen rad.';
comment on column public.coordinator_settings.user_id is 'Koordinatoren innstillingene gjelder.';
comment on column public.coordinator_settings.daily_overview is
  'Om koordinatoren får den daglige oversikten på e-post (arbeidsdager, bare når noe venter).';

create trigger coordinator_settings_audit
  after insert or update or delete on public.coordinator_settings
  for each row execute function private.audit_row('user_id', 'daily_overview');
