-- The day counts behind the lead's medians (days from receipt to first contact, and to decision):
-- per month of receipt, role and number of days, how many cases took that many days. A histogram,
-- not a row per case: a period's median is computed exactly from the summed histograms
-- (public.lead_figures_by_month), and survives the deletion of the cases it counts, as
-- private.monthly_figures does.
--
-- Who may do what: nobody but the database owner reads or writes it.

create table private.monthly_day_counts (
  month date not null constraint monthly_day_counts_first_day check (extract(day from month) = 1),
  kind text not null
    constraint monthly_day_counts_kind_known check (kind in ('besokshjem', 'tilsynsperson')),
  measure text not null constraint monthly_day_counts_measure_known check (measure in ('contact', 'decision')),
  days integer not null,
  cases integer not null default 0,
  primary key (month, kind, measure, days)
);

alter table private.monthly_day_counts enable row level security;
revoke all on table private.monthly_day_counts from public, anon, authenticated, service_role;

comment on table private.monthly_day_counts is
  'Hvor mange søknader per mottaksmåned og rolle som brukte et gitt antall dager fra mottak til første kontakt (contact) eller vedtak (decision). Grunnlaget for medianene; ingen personopplysninger.';
comment on column private.monthly_day_counts.measure is
  'contact: dager fra mottak til første kontakt; decision: dager fra mottak til godkjent eller avslått.';
comment on column private.monthly_day_counts.days is 'Antall kalenderdager (norsk tid).';
comment on column private.monthly_day_counts.cases is 'Antall søknader med så mange dager.';
