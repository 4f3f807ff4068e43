-- Coordinator notes on an application: append-only, with author and time set by the database
-- (private.application_notes_before_insert). A contact note updates the checklist's last contact
-- (private.application_notes_after_insert), which the screening queue reads.
--
-- Who may do what: active coordinators read all notes and add new ones; nobody edits or deletes a
-- note (a correction is a new note; private.application_notes_append_only). Only the retention job
-- and erasure remove notes, together with their application. A refused note is answered without
-- its text (private.application_notes_check_body). Anon and other signed-in users get nothing.

create table public.application_notes (
  id bigint generated always as identity primary key,
  application_id uuid not null references public.applications (id) on delete cascade,
  author_id uuid not null default auth.uid() references public.coordinators (user_id),
  created_at timestamptz not null default now(),
  body text not null
    constraint application_notes_body_length check (char_length(btrim(body)) between 1 and 4000),
  is_contact boolean not null default false
);

create index application_notes_application_id_idx
  on public.application_notes (application_id, created_at);
create index application_notes_author_id_idx on public.application_notes (author_id);

alter table public.application_notes enable row level security;
revoke all on table public.application_notes from anon, authenticated, public;
grant select on table public.application_notes to authenticated;
grant insert (application_id, body, is_contact) on table public.application_notes to authenticated;

create policy "Active coordinators read notes"
  on public.application_notes for select to authenticated
  using ((select private.require_active_coordinator()));
create policy "Active coordinators add notes"
  on public.application_notes for insert to authenticated
  with check ((select private.require_active_coordinator()));

comment on table public.application_notes is
  'Koordinatorenes notater om en søknad. Bare aktive koordinatorer kan lese og skrive nye; notater kan ikke endres eller slettes (skriv et nytt notat for å rette).';
comment on column public.application_notes.id is 'Intern nøkkel.';
comment on column public.application_notes.application_id is 'Søknaden notatet gjelder.';
comment on column public.application_notes.author_id is 'Koordinatoren som skrev notatet (settes automatisk).';
comment on column public.application_notes.created_at is 'Når notatet ble skrevet (settes automatisk).';
comment on column public.application_notes.body is
  'Notatet, høyst 4000 tegn. Skriv ikke helseopplysninger, personnummer eller andre sensitive opplysninger.';
comment on column public.application_notes.is_contact is
  'Notatet gjelder kontakt med søkeren (telefon, e-post, møte). Teller som siste kontakt i køen.';

-- The note's text is logged only as changed.
create trigger application_notes_audit
  after insert or update or delete on public.application_notes
  for each row execute function private.audit_row(
    'id', 'application_id', 'author_id', 'created_at', 'is_contact');
