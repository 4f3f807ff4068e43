-- Coordinator notes on an application: append-only, with author and time set by the database.
--
-- Who may do what: active coordinators read all notes and add new ones; nobody edits or deletes a
-- note (a correction is a new note). Only the retention job removes notes, together with their
-- application. Anon and other signed-in users get nothing.

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

-- Author and time come from the database; a contact note updates the checklist's last contact.
create function private.application_notes_before_insert()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  application public.applications;
begin
  select * into application from public.applications as a where a.id = new.application_id;
  new.author_id := coalesce(private.acting_coordinator(coalesce(new.author_id, application.assigned_to)),
    new.author_id);
  if new.author_id is null then
    raise exception 'Hvem skriver notatet? Kjør som deg selv (rolle authenticated), eller oppgi author_id.'
      using errcode = '23514';
  end if;
  new.created_at := pg_catalog.now();
  return new;
end;
$$;

create function private.application_notes_after_insert()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.is_contact then
    update public.application_checklists as c
      set last_contact_note_at = new.created_at
      from public.applications as a
      where c.application_id = new.application_id
        and a.id = c.application_id
        and a.status not in ('approved', 'declined', 'withdrawn')
        and (c.last_contact_note_at is null or c.last_contact_note_at < new.created_at);
  end if;
  return null;
end;
$$;

-- Notes are append-only. Only the retention job (private.delete_ended_applications, which sets
-- screening.retention_job for its own transaction) removes them with their application.
create function private.application_notes_append_only()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if tg_op = 'DELETE' and pg_catalog.current_setting('screening.retention_job', true) = 'on' then
    return old;
  end if;
  raise exception 'Notater kan ikke endres eller slettes. Skriv et nytt notat for å rette.'
    using errcode = '42501';
end;
$$;

create trigger application_notes_author
  before insert on public.application_notes
  for each row execute function private.application_notes_before_insert();
create trigger application_notes_last_contact
  after insert on public.application_notes
  for each row execute function private.application_notes_after_insert();
create trigger application_notes_append_only
  before update or delete on public.application_notes
  for each row execute function private.application_notes_append_only();

revoke all on function private.application_notes_before_insert(),
  private.application_notes_after_insert(), private.application_notes_append_only()
  from public, anon, authenticated;

grant select on table public.application_notes to authenticated;
grant insert (application_id, body, is_contact) on table public.application_notes to authenticated;

create policy "Active coordinators read notes"
  on public.application_notes for select to authenticated
  using ((select private.require_active_coordinator()));
create policy "Active coordinators add notes"
  on public.application_notes for insert to authenticated
  with check ((select private.require_active_coordinator()));
