-- Settings of the screening (one row): how long an ended application is kept once it is
-- journalført: declined and withdrawn ones retention_months after the decision, approved ones
-- approved_retention_months after approval. The retention job (private.delete_ended_applications)
-- reads it; both must equal the profile's retentionMonths and approvedRetentionMonths
-- (content/profile/kommune.yaml, what the privacy statement tells applicants), which
-- tests/db/retention.test.ts checks. And how many referees the application forms ask for
-- (referees_wanted, 0–5, 0 = none: the checklist's references item is then a coordinator's tick),
-- equal to the profile's refereesWanted (tests/db/references-online.test.ts checks it).
--
-- Who may do what: active coordinators read the setting; it is changed in the SQL editor (as
-- postgres), and the change is audited with its value.

create table public.screening_settings (
  id boolean primary key default true constraint screening_settings_single_row check (id),
  retention_months integer not null default 6
    constraint screening_settings_retention_months_range check (retention_months between 1 and 120),
  approved_retention_months integer not null default 12
    constraint screening_settings_approved_retention_months_range
      check (approved_retention_months between 1 and 120),
  referees_wanted smallint not null default 2
    constraint screening_settings_referees_wanted_range check (referees_wanted between 0 and 5)
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
  'Hvor mange måneder en avslått eller trukket søknad beholdes før den slettes (bare når den er journalført). Må være lik retentionMonths i content/profile/kommune.yaml (det personvernerklæringen lover søkerne).';
comment on column public.screening_settings.approved_retention_months is
  'Hvor mange måneder en godkjent søknad beholdes etter godkjenningen før den slettes (bare når den er journalført). Må være lik approvedRetentionMonths i content/profile/kommune.yaml.';
comment on column public.screening_settings.referees_wanted is
  'Hvor mange referanser søknadsskjemaene ber om (0–5; 0 = ingen, da krysser koordinatoren av for referansene selv). Må være lik refereesWanted i content/profile/kommune.yaml.';

-- Every column is logged with its value. Created after the row above is inserted, so that the
-- row is part of the schema, not an audited change.
create trigger screening_settings_audit
  after insert or update or delete on public.screening_settings
  for each row execute function private.audit_row('id', 'retention_months', 'approved_retention_months',
    'referees_wanted');
