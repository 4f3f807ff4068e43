-- The screening queue: one row per open application (received, in review, conversation
-- scheduled, home visit), most urgent first.
--
-- Who may do what: active coordinators read it (security_invoker, so the policies of
-- applications and checklists apply to whoever queries it); anon and other signed-in users get
-- nothing.
--
-- Urgency: 2 = contact deadline passed or certificate expired; 1 = certificate expires within 14
-- days; 0 = the rest. Within the same urgency the oldest application comes first. Dates count in
-- Europe/Oslo from private.today(). The contact deadline (within 5 Norwegian working days of
-- receipt, private.add_working_days) and the receipt date are stored on each application
-- (applications.contact_due_on and received_on), not computed per row: the view inlines its CTEs,
-- so a conversion here would be repeated for every column and flag that uses it.
create view public.screening_queue
with (security_invoker = true)
as
with open_application as (
  select
    a.id,
    a.reference,
    a.kind,
    a.status,
    a.full_name,
    a.assigned_to,
    a.received_at,
    a.received_on,
    a.contact_due_on,
    a.journal_reference is not null as journaled,
    a.erasure_requested_at,
    c.certificate_verified_by is not null as certificate_verified,
    coalesce(c.certificate_issued_on, a.certificate_issued_on) as certificate_issued_on,
    greatest(c.conversation_held_on, c.home_visit_held_on,
      (c.last_contact_note_at at time zone 'Europe/Oslo')::date) as last_contact_on,
    t.today
  from public.applications as a
    -- Each open case's checklist, looked up by key: a lateral subquery with limit 1 cannot be
    -- hash-joined, so the plan never scans every checklist (with Postgres' default
    -- random_page_cost the planner chose that full scan: 45 ms instead of 17 at 100,000 rows).
    -- Its columns are named, not `*` (which Postgres would expand when the view is created), so a
    -- column added to the checklist leaves the view as it is.
    cross join lateral (
      select cl.application_id, cl.certificate_issued_on, cl.certificate_verified_by,
        cl.certificate_verified_at, cl.conversation_held_on, cl.home_visit_held_on,
        cl.references_checked, cl.references_checked_by, cl.references_checked_at,
        cl.last_contact_note_at, cl.updated_at
      from public.application_checklists as cl where cl.application_id = a.id limit 1
    ) as c
    -- offset 0 keeps this a one-row subquery: today is computed once, not once per row.
    cross join (select private.today() as today offset 0) as t
  where a.status in ('received', 'in_review', 'conversation_scheduled', 'home_visit')
),
computed as (
  select
    o.*,
    private.certificate_valid_until(o.certificate_issued_on) as certificate_valid_until
  from open_application as o
),
flagged as (
  select
    c.*,
    c.last_contact_on is null and c.today > c.contact_due_on as no_contact_overdue,
    c.certificate_issued_on is null as certificate_missing,
    c.certificate_valid_until - c.today as certificate_days_left,
    c.certificate_valid_until < c.today as certificate_expired,
    c.certificate_valid_until >= c.today and c.certificate_valid_until - c.today <= 14
      as certificate_expiring
  from computed as c
)
select
  f.id,
  f.reference,
  f.kind,
  f.status,
  f.full_name,
  f.assigned_to,
  f.received_at,
  f.today - f.received_on as days_since_received,
  f.last_contact_on,
  f.today - f.last_contact_on as days_since_last_contact,
  f.contact_due_on,
  f.certificate_issued_on,
  f.certificate_verified,
  f.certificate_valid_until,
  f.certificate_days_left,
  f.certificate_missing,
  coalesce(f.certificate_expiring, false) as certificate_expiring,
  coalesce(f.certificate_expired, false) as certificate_expired,
  f.no_contact_overdue,
  case
    when f.no_contact_overdue or coalesce(f.certificate_expired, false) then 2
    when coalesce(f.certificate_expiring, false) then 1
    else 0
  end as urgency,
  f.journaled,
  f.erasure_requested_at
from flagged as f
order by urgency desc, f.received_at;

revoke all on table public.screening_queue from anon, authenticated, public;
grant select on table public.screening_queue to authenticated;

comment on view public.screening_queue is
  'Arbeidskøen: én rad per åpen søknad, mest hastende først. Bare aktive koordinatorer kan lese (tilgangsreglene for søknader gjelder).';
comment on column public.screening_queue.reference is 'Søknadens referanse, for eksempel BH-7K3M-Q9XD.';
comment on column public.screening_queue.kind is 'besokshjem eller tilsynsperson.';
comment on column public.screening_queue.status is 'Saksstatus (se applications.status).';
comment on column public.screening_queue.full_name is 'Søkerens navn.';
comment on column public.screening_queue.assigned_to is 'Koordinatoren som har saken.';
comment on column public.screening_queue.received_at is 'Når søknaden kom inn.';
comment on column public.screening_queue.days_since_received is 'Dager siden søknaden kom inn.';
comment on column public.screening_queue.last_contact_on is
  'Siste kontakt med søkeren: samtale, hjemmebesøk eller notat merket som kontakt.';
comment on column public.screening_queue.days_since_last_contact is 'Dager siden siste kontakt (tom: ingen kontakt ennå).';
comment on column public.screening_queue.contact_due_on is
  'Frist for første kontakt: 5 arbeidsdager etter mottak (helger og helligdager telles ikke).';
comment on column public.screening_queue.certificate_issued_on is
  'Politiattestens utstedelsesdato: den koordinator har kontrollert, ellers den søkeren oppga.';
comment on column public.screening_queue.certificate_verified is 'En koordinator har kontrollert attesten.';
comment on column public.screening_queue.certificate_valid_until is
  'Siste dag attesten er gyldig (utstedelsesdato + 3 måneder, private.certificate_valid_until).';
comment on column public.screening_queue.certificate_days_left is
  'Dager til attesten går ut (0 = siste gyldige dag i dag, negativt = utløpt).';
comment on column public.screening_queue.certificate_missing is 'Ingen politiattest ennå.';
comment on column public.screening_queue.certificate_expiring is 'Attesten går ut innen 14 dager.';
comment on column public.screening_queue.certificate_expired is 'Attesten er utløpt: søkeren må levere ny før godkjenning.';
comment on column public.screening_queue.no_contact_overdue is
  'Ingen kontakt med søkeren innen 5 arbeidsdager etter mottak.';
comment on column public.screening_queue.journaled is
  'Saken er journalført i kommunens sak/arkivsystem (applications.journal_reference). Avsluttede saker som ikke er journalført, står i journal_queue.';
comment on column public.screening_queue.erasure_requested_at is
  'Når søkeren ba om sletting på Min søknad (tom: ikke bedt om). Lederen avgjør.';
comment on column public.screening_queue.urgency is
  '2 = kontaktfrist passert eller attest utløpt, 1 = attest går ut innen 14 dager, 0 = resten.';
