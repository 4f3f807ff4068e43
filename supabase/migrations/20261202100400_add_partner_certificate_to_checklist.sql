-- The partner's police certificate on the checklist. When two apply together to become a visit
-- home, both are assessed and both present a police certificate: a coordinator records the issue
-- date on the partner's certificate as for the applicant's, and the database records who and when.
-- The date may not lie in the future, and is refused for any other application. The audit log
-- records these columns with their values, like the applicant's certificate.
--
-- Who may do what: active coordinators read the new columns and fill in the date (column
-- privilege), as for the applicant's certificate; who and when are set by the trigger only.

alter table public.application_checklists
  add column partner_certificate_issued_on date,
  add column partner_certificate_verified_by uuid references public.coordinators (user_id),
  add column partner_certificate_verified_at timestamptz,
  add constraint application_checklists_partner_certificate_recorded
    check ((partner_certificate_issued_on is null) = (partner_certificate_verified_by is null)
      and (partner_certificate_issued_on is null) = (partner_certificate_verified_at is null));

create index application_checklists_partner_certificate_verified_by_idx
  on public.application_checklists (partner_certificate_verified_by);

comment on column public.application_checklists.partner_certificate_issued_on is
  'Utstedelsesdatoen på politiattesten til medsøkeren (den som søker sammen med søkeren om å bli besøkshjem), slik koordinatoren har sett den. Gjelder til og med samme dato tre måneder senere.';
comment on column public.application_checklists.partner_certificate_verified_by is
  'Koordinatoren som kontrollerte medsøkerens politiattest (settes automatisk).';
comment on column public.application_checklists.partner_certificate_verified_at is
  'Når medsøkerens politiattest ble kontrollert (settes automatisk).';

-- Filling in the checklist, as in 20261123140300_create_application_checklists.sql, with the
-- partner's certificate.
create or replace function private.application_checklists_before_update()
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

  -- The partner's certificate: only when two apply together to become a visit home, dated like the
  -- applicant's, and who/when recorded the same way.
  if new.partner_certificate_issued_on is distinct from old.partner_certificate_issued_on then
    if new.partner_certificate_issued_on is not null
      and not (application.kind = 'besokshjem' and application.details ->> 'applying_with' = 'sammen') then
      raise exception 'Medsøkerens politiattest registreres bare når to søker sammen om å bli besøkshjem.'
        using errcode = '23514';
    end if;
    if new.partner_certificate_issued_on > today then
      raise exception 'Medsøkerens politiattest kan ikke være utstedt fram i tid (%).',
        pg_catalog.to_char(new.partner_certificate_issued_on, 'DD.MM.YYYY')
        using errcode = '23514';
    end if;
    if new.partner_certificate_issued_on is null then
      new.partner_certificate_verified_by := null;
      new.partner_certificate_verified_at := null;
    else
      if actor is null then
        raise exception 'Hvem kontrollerte medsøkerens attest? Kjør som deg selv (rolle authenticated), eller tildel saken først.'
          using errcode = '23514';
      end if;
      new.partner_certificate_verified_by := actor;
      new.partner_certificate_verified_at := pg_catalog.now();
    end if;
  else
    new.partner_certificate_verified_by := old.partner_certificate_verified_by;
    new.partner_certificate_verified_at := old.partner_certificate_verified_at;
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

grant update (partner_certificate_issued_on) on table public.application_checklists to authenticated;

-- The audit trigger logs the new columns with their values (screening fields, not personal data).
drop trigger application_checklists_audit on public.application_checklists;
create trigger application_checklists_audit
  after insert or update or delete on public.application_checklists
  for each row execute function private.audit_row(
    'application_id', 'certificate_issued_on', 'certificate_verified_by', 'certificate_verified_at',
    'partner_certificate_issued_on', 'partner_certificate_verified_by',
    'partner_certificate_verified_at', 'conversation_held_on', 'home_visit_held_on',
    'references_checked', 'references_checked_by', 'references_checked_at', 'last_contact_note_at',
    'updated_at');
