-- Where the applicants of each month of receipt and role heard of the service (the form's
-- heard_about, 'ikke-oppgitt' when left out), and how many of them were approved: counts only, kept
-- by the same triggers as private.monthly_figures and surviving the deletion of the cases.
--
-- Who may do what: nobody but the database owner reads or writes it.

create table private.monthly_sources (
  month date not null constraint monthly_sources_first_day check (extract(day from month) = 1),
  kind text not null constraint monthly_sources_kind_known check (kind in ('besokshjem', 'tilsynsperson')),
  source text not null,
  received integer not null default 0,
  approved integer not null default 0,
  primary key (month, kind, source)
);

alter table private.monthly_sources enable row level security;
revoke all on table private.monthly_sources from public, anon, authenticated, service_role;

comment on table private.monthly_sources is
  'Hvor søkerne hørte om tjenesten (skjemaets svar), per mottaksmåned og rolle, og hvor mange av dem som ble godkjent. Bare antall.';
comment on column private.monthly_sources.source is
  'Skjemaets svar (nettside, sosiale-medier, bekjent, annonse, informasjonsmote, annet) eller ikke-oppgitt.';
