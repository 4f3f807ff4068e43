-- The screening checklist's items, one row each: what the item is called (the enum
-- public.checklist_item, which the generated types carry to the workspace's forms), the column of
-- public.application_checklists it fills in, whether it is a date or a toggle, which kinds of case
-- need it (and whether only when two apply together), and every text the case page shows for it.
-- The rows are the one definition the rest reads: the case page's entries and the Action's writes
-- (public.case_checklist, public.record_checklist), the zod schema of the checklist form (the enum),
-- and which items a case needs (private.case_needs, which the approval guard and the checklist's
-- own trigger ask too).
--
-- Adding an item: a value of the enum and a row here (and a column in application_checklists, with
-- its update grant, when it stores something new); the approval guard (private.check_approval) if
-- approval requires it.
--
-- Texts: `label` is the date field's label or the toggle's button (`undo_label` once it is done);
-- `{partner}` in it stands for the partner's name. `done_text` says what has been done: `{on}` the
-- date, `{by}` who and `{at}` when (from by_column/at_column, else from the audit log), and
-- `{valid_until}` a certificate's last valid day; `not_done_text` says that it has not.
--
-- Who may do what: active coordinators read the items; they are changed only by a migration.

create type public.checklist_item as enum (
  'certificate', 'partnerCertificate', 'conversation', 'homeVisit', 'references'
);
comment on type public.checklist_item is 'Punktene på sjekklisten (se tabellen checklist_items).';

create table public.checklist_items (
  item public.checklist_item primary key,
  position smallint not null constraint checklist_items_position_unique unique,
  column_name text not null constraint checklist_items_column_name_unique unique,
  input text not null constraint checklist_items_input_known check (input in ('date', 'toggle')),
  kinds text[] not null
    constraint checklist_items_kinds_known
      check (kinds <> '{}' and kinds <@ array['besokshjem', 'tilsynsperson']),
  only_together boolean not null default false,
  certificate boolean not null default false,
  by_column text,
  at_column text,
  label text not null,
  undo_label text,
  hint text,
  done_text text not null,
  not_done_text text not null,
  constraint checklist_items_undo_for_toggles check ((input = 'toggle') = (undo_label is not null)),
  constraint checklist_items_by_and_at check ((by_column is null) = (at_column is null))
);

alter table public.checklist_items enable row level security;
revoke all on table public.checklist_items from anon, authenticated, public;
grant select on table public.checklist_items to authenticated;

create policy "Active coordinators read the checklist items"
  on public.checklist_items for select to authenticated
  using ((select private.require_active_coordinator()));

insert into public.checklist_items (item, position, column_name, input, kinds, only_together,
  certificate, by_column, at_column, label, undo_label, hint, done_text, not_done_text)
values
  ('certificate', 1, 'certificate_issued_on', 'date', array['besokshjem', 'tilsynsperson'], false,
    true, 'certificate_verified_by', 'certificate_verified_at',
    'Politiattest kontrollert: utstedelsesdato som står på attesten', null,
    'Skriv datoen som dd.mm.åååå. La feltet stå tomt og lagre for å fjerne kontrollen.',
    'Kontrollert av {by} {at}. Gyldig til og med {valid_until}.', 'Ikke kontrollert.'),
  -- Two who apply together are both assessed: the partner's certificate is on the checklist too.
  ('partnerCertificate', 2, 'partner_certificate_issued_on', 'date', array['besokshjem'], true,
    true, 'partner_certificate_verified_by', 'partner_certificate_verified_at',
    'Politiattesten til medsøkeren, {partner}, kontrollert: utstedelsesdato som står på attesten',
    null, 'Skriv datoen som dd.mm.åååå. La feltet stå tomt og lagre for å fjerne kontrollen.',
    'Medsøkerens politiattest er kontrollert av {by} {at}. Gyldig til og med {valid_until}.',
    'Medsøkerens politiattest er ikke kontrollert.'),
  ('conversation', 3, 'conversation_held_on', 'date', array['besokshjem', 'tilsynsperson'], false,
    false, null, null, 'Samtale holdt (dato)', null, 'Skriv datoen som dd.mm.åååå.',
    'Holdt {on}, registrert av {by} {at}.', 'Ikke registrert.'),
  ('homeVisit', 4, 'home_visit_held_on', 'date', array['besokshjem'], false,
    false, null, null, 'Hjemmebesøk holdt (dato)', null, 'Skriv datoen som dd.mm.åååå.',
    'Holdt {on}, registrert av {by} {at}.', 'Ikke registrert.'),
  ('references', 5, 'references_checked', 'toggle', array['besokshjem', 'tilsynsperson'], false,
    false, 'references_checked_by', 'references_checked_at', 'Referansene er sjekket',
    'Angre: referansene er ikke sjekket', null, 'Referansene er sjekket av {by} {at}.',
    'Referansene er ikke sjekket.');

comment on table public.checklist_items is
  'Punktene på sjekklisten: hvilken kolonne i application_checklists de fyller ut, om de er en dato eller en avkrysning, hvilke saker som trenger dem, og tekstene saksbildet viser. Aktive koordinatorer kan lese; endres bare med en migrering.';
comment on column public.checklist_items.item is 'Punktet.';
comment on column public.checklist_items.position is 'Rekkefølgen på sjekklisten.';
comment on column public.checklist_items.column_name is 'Kolonnen i application_checklists punktet fyller ut.';
comment on column public.checklist_items.input is 'date = en dato, toggle = en knapp som krysser av eller angrer.';
comment on column public.checklist_items.kinds is 'Hvilke søknader som trenger punktet (besokshjem, tilsynsperson).';
comment on column public.checklist_items.only_together is 'Bare når to søker sammen om å bli besøkshjem.';
comment on column public.checklist_items.certificate is
  'Punktet er en politiattest: den gjelder i tre måneder fra utstedelsesdatoen.';
comment on column public.checklist_items.by_column is
  'Kolonnen som sier hvem som registrerte punktet (tom: revisjonsloggen sier det).';
comment on column public.checklist_items.at_column is
  'Kolonnen som sier når punktet ble registrert (tom: revisjonsloggen sier det).';
comment on column public.checklist_items.label is
  'Ledeteksten til datofeltet, eller teksten på knappen; {partner} er medsøkerens navn.';
comment on column public.checklist_items.undo_label is 'Teksten på knappen når punktet er krysset av.';
comment on column public.checklist_items.hint is 'Hjelpeteksten under ledeteksten.';
comment on column public.checklist_items.done_text is
  'Hva som er gjort: {on} datoen, {by} hvem, {at} når, {valid_until} siste gyldige dag for en politiattest.';
comment on column public.checklist_items.not_done_text is 'Teksten når punktet ikke er gjort.';
