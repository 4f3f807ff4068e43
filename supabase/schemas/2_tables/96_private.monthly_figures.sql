-- The lead's numbers (/koordinator/tall/): counts per month of receipt and per role, never personal
-- data and never a row per case, so that they survive the retention job and erasure (which delete
-- cases, not counts). Kept by triggers at the events themselves (private.figures_apply, from
-- private.case_figures): a case adds 1 to `received` when it arrives, and its other counts when its
-- first contact, conversation or decision is recorded, always in the month it was received, so each
-- month's figures are about the same applicants (the shares and the sources' approvals need that).
-- A correction (a conversation date cleared) takes its count back while the case exists; deleting a
-- case changes nothing here.
--
-- Who may do what: nobody but the database owner reads or writes it; active leads read it only
-- through public.lead_figures_by_month, which suppresses counts under 5.

create table private.monthly_figures (
  month date not null constraint monthly_figures_first_day check (extract(day from month) = 1),
  kind text not null constraint monthly_figures_kind_known check (kind in ('besokshjem', 'tilsynsperson')),
  received integer not null default 0,
  contacted integer not null default 0,
  contacted_in_time integer not null default 0,
  conversations integer not null default 0,
  approved integer not null default 0,
  declined integer not null default 0,
  withdrawn_by_applicant integer not null default 0,
  withdrawn_by_service integer not null default 0,
  primary key (month, kind)
);

alter table private.monthly_figures enable row level security;
revoke all on table private.monthly_figures from public, anon, authenticated, service_role;

comment on table private.monthly_figures is
  'Ledernes tall: antall per mottaksmåned og rolle, uten personopplysninger. Oppdateres av triggere når noe skjer i en sak; sletting av saker endrer ikke tallene.';
comment on column private.monthly_figures.month is 'Måneden søknadene kom inn (første dag i måneden, norsk tid).';
comment on column private.monthly_figures.kind is 'Rollen: besokshjem eller tilsynsperson.';
comment on column private.monthly_figures.received is 'Søknader mottatt.';
comment on column private.monthly_figures.contacted is
  'Søknader med første kontakt registrert (kontaktnotat, samtale eller hjemmebesøk; som køen regner siste kontakt).';
comment on column private.monthly_figures.contacted_in_time is
  'Søknader med første kontakt senest på kontaktfristen (applications.contact_due_on, 5 arbeidsdager).';
comment on column private.monthly_figures.conversations is 'Søknader der samtalen er holdt.';
comment on column private.monthly_figures.approved is 'Søknader godkjent.';
comment on column private.monthly_figures.declined is 'Søknader avslått.';
comment on column private.monthly_figures.withdrawn_by_applicant is
  'Søknader søkeren selv trakk (en statusendring uten koordinator). Null til søkerne kan trekke søknaden selv.';
comment on column private.monthly_figures.withdrawn_by_service is
  'Søknader registrert som trukket av en koordinator (også når søkeren ba om det på telefon).';
