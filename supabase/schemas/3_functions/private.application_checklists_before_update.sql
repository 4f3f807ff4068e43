-- Filling in the checklist: dates not in the future, nothing for an item the case does not need
-- (private.case_needs: a home visit only for visit homes, the partner's certificate only when two
-- apply together to become a visit home), no changes once the case has ended, and who/when recorded
-- for the certificates and references (a value given for those by the caller is replaced).
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

  -- The partner's certificate: only when two apply together to become a visit home, dated like the
  -- applicant's, and who/when recorded the same way.
  if new.partner_certificate_issued_on is distinct from old.partner_certificate_issued_on then
    if new.partner_certificate_issued_on is not null
      and not private.case_needs(application, 'partnerCertificate') then
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
    if new.home_visit_held_on is not null and not private.case_needs(application, 'homeVisit') then
      raise exception 'Hjemmebesøk registreres bare for besøkshjem.' using errcode = '23514';
    end if;
    if new.home_visit_held_on > today then
      raise exception 'Hjemmebesøket kan ikke registreres fram i tid (%).',
        pg_catalog.to_char(new.home_visit_held_on, 'DD.MM.YYYY')
        using errcode = '23514';
    end if;
  end if;

  if new.references_checked is distinct from old.references_checked then
    -- When the form asked for referees, the references item counts their answers (public.referees)
    -- and is no coordinator's tick.
    if application.referees_wanted > 0 then
      raise exception 'Referansene i denne saken telles fra svarene deres; de krysses ikke av for hånd.'
        using errcode = '23514';
    end if;
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

revoke all on function private.application_checklists_before_update() from public, anon, authenticated;
