-- The screening checklist: one row per application, made automatically when the application
-- arrives. Coordinators fill in dates and ticks; the database records who and when.
--
-- Who may do what: active coordinators read every checklist and change only the fields they fill
-- in (certificate date, conversation, home visit, references); nobody inserts or deletes a row by
-- hand (the row comes and goes with its application). Anon and other signed-in users get nothing.

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
  constraint application_checklists_certificate_recorded
    check ((certificate_issued_on is null) = (certificate_verified_by is null)
      and (certificate_issued_on is null) = (certificate_verified_at is null)),
  constraint application_checklists_references_recorded
    check (references_checked = (references_checked_by is not null)
      and references_checked = (references_checked_at is not null))
);

create index application_checklists_certificate_verified_by_idx
  on public.application_checklists (certificate_verified_by);
create index application_checklists_references_checked_by_idx
  on public.application_checklists (references_checked_by);

alter table public.application_checklists enable row level security;
revoke all on table public.application_checklists from anon, authenticated, public;

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

-- Every application gets its checklist when it arrives (also through submit_application).
create function private.application_checklists_create()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into public.application_checklists (application_id) values (new.id);
  return null;
end;
$$;

create trigger applications_create_checklist
  after insert on public.applications
  for each row execute function private.application_checklists_create();

insert into public.application_checklists (application_id)
  select a.id from public.applications as a
  on conflict do nothing;

-- Filling in the checklist: dates not in the future, a home visit only for visit homes, no
-- changes once the case has ended, and who/when recorded for the certificate and references.
create function private.application_checklists_before_update()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  application public.applications;
  today constant date := private.today();
  actor uuid;
begin
  if new.application_id is distinct from old.application_id then
    raise exception 'En sjekkliste kan ikke flyttes til en annen søknad.' using errcode = '23514';
  end if;
  select * into application from public.applications as a where a.id = new.application_id;
  if application.status in ('approved', 'declined', 'withdrawn') then
    raise exception 'Søknad % er avsluttet (%); sjekklisten kan ikke endres.', application.reference,
      private.status_label(application.status)
      using errcode = '23514';
  end if;

  actor := private.acting_coordinator(application.assigned_to);

  if new.certificate_issued_on is distinct from old.certificate_issued_on then
    if new.certificate_issued_on > today then
      raise exception 'Politiattesten kan ikke være utstedt fram i tid (%).',
        pg_catalog.to_char(new.certificate_issued_on, 'DD.MM.YYYY')
        using errcode = '23514';
    end if;
    if new.certificate_issued_on is null then
      new.certificate_verified_by := null;
      new.certificate_verified_at := null;
    else
      if actor is null then
        raise exception 'Hvem kontrollerte attesten? Kjør som deg selv (rolle authenticated), eller tildel saken først.'
          using errcode = '23514';
      end if;
      new.certificate_verified_by := actor;
      new.certificate_verified_at := pg_catalog.now();
    end if;
  else
    new.certificate_verified_by := old.certificate_verified_by;
    new.certificate_verified_at := old.certificate_verified_at;
  end if;

  if new.conversation_held_on is distinct from old.conversation_held_on
    and new.conversation_held_on > today then
    raise exception 'Samtalen kan ikke registreres fram i tid (%).',
      pg_catalog.to_char(new.conversation_held_on, 'DD.MM.YYYY')
      using errcode = '23514';
  end if;
  if new.home_visit_held_on is distinct from old.home_visit_held_on then
    if new.home_visit_held_on is not null and application.kind <> 'besokshjem' then
      raise exception 'Hjemmebesøk registreres bare for besøkshjem.' using errcode = '23514';
    end if;
    if new.home_visit_held_on > today then
      raise exception 'Hjemmebesøket kan ikke registreres fram i tid (%).',
        pg_catalog.to_char(new.home_visit_held_on, 'DD.MM.YYYY')
        using errcode = '23514';
    end if;
  end if;

  if new.references_checked is distinct from old.references_checked then
    if new.references_checked then
      if actor is null then
        raise exception 'Hvem sjekket referansene? Kjør som deg selv (rolle authenticated), eller tildel saken først.'
          using errcode = '23514';
      end if;
      new.references_checked_by := actor;
      new.references_checked_at := pg_catalog.now();
    else
      new.references_checked_by := null;
      new.references_checked_at := null;
    end if;
  else
    new.references_checked_by := old.references_checked_by;
    new.references_checked_at := old.references_checked_at;
  end if;

  new.updated_at := pg_catalog.now();
  return new;
end;
$$;

create trigger application_checklists_fill_in
  before update on public.application_checklists
  for each row execute function private.application_checklists_before_update();

revoke all on function private.application_checklists_create(),
  private.application_checklists_before_update() from public, anon, authenticated;

grant select on table public.application_checklists to authenticated;
grant update (certificate_issued_on, conversation_held_on, home_visit_held_on, references_checked)
  on table public.application_checklists to authenticated;

create policy "Active coordinators read checklists"
  on public.application_checklists for select to authenticated
  using ((select private.require_active_coordinator()));
create policy "Active coordinators fill in checklists"
  on public.application_checklists for update to authenticated
  using ((select private.require_active_coordinator()))
  with check ((select private.require_active_coordinator()));
