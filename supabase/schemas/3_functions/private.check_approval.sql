-- The approval guard: what a case still lacks before it may be approved, as of private.today(),
-- one full Norwegian sentence per unmet requirement for the coordinator to read (empty when
-- nothing is missing). The workflow trigger (private.applications_before_update) refuses an
-- approval while the list is not empty, and public.application_next_steps returns the list to the
-- workspace; nobody parses a sentence. The requirements, for the checklist items the case needs
-- (private.case_needs):
--
-- * the police certificate: verified by a coordinator, not dated in the future, and still valid
--   today (private.is_certificate_valid: at most three calendar months old);
-- * when two apply together to become a visit home, the partner's police certificate, verified and
--   dated exactly as the applicant's (both are assessed);
-- * the conversation on record, dated on or after the day the application was received;
-- * for visit homes, the home visit on record, likewise dated on or after the receipt;
-- * when two apply together and the co-applicant has their own part (public.co_applicant_parts,
--   every joint application since issue 24), the co-applicant's confirmation: refused while it is
--   pending, and while they have said no (the coordinator decides what follows, e.g. declines);
-- * the references: when the form asked for referees (applications.referees_wanted > 0), at least
--   that many answered online or taken by phone (public.referees); otherwise the coordinator's tick.
--
-- (The commitment of at least 12 months needs no check here: the table's constraint
-- applications_commitment_at_least_a_year makes any other value impossible.)
--
-- It reads the checklist with a row lock (FOR SHARE), so an approval and a concurrent change to the
-- checklist (clearing the verified certificate, say) happen one after the other: either the
-- approval waits and sees the cleared certificate, or the change waits and finds the case approved
-- (and closed). No write skew. Volatile, not stable: a stable function may not lock rows, and would
-- read the checklist as of the statement's start instead of the latest committed version.
create function private.check_approval(application public.applications)
returns text[]
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  today constant date := private.today();
  checklist record;
  problems text[] := array[]::text[];
  part_status text;
  received integer;
begin
  select * into checklist
    from public.application_checklists as c
    where c.application_id = application.id
    for share;

  if private.case_needs(application, 'certificate') then
    if checklist.certificate_verified_by is null then
      problems := problems || 'Ingen koordinator har kontrollert politiattesten.'::text;
    elsif checklist.certificate_issued_on > today then
      problems := problems || pg_catalog.format('Politiattesten er datert fram i tid (%s).',
        pg_catalog.to_char(checklist.certificate_issued_on, 'DD.MM.YYYY'));
    elsif not private.is_certificate_valid(checklist.certificate_issued_on, today) then
      problems := problems || pg_catalog.format('Politiattesten (utstedt %s) var bare gyldig til og med %s.',
        pg_catalog.to_char(checklist.certificate_issued_on, 'DD.MM.YYYY'),
        pg_catalog.to_char(private.certificate_valid_until(checklist.certificate_issued_on), 'DD.MM.YYYY'));
    end if;
  end if;
  -- Two who apply together are both assessed: the partner's certificate is checked the same way.
  if private.case_needs(application, 'partnerCertificate') then
    if checklist.partner_certificate_verified_by is null then
      problems := problems || 'Ingen koordinator har kontrollert politiattesten til medsøkeren.'::text;
    elsif checklist.partner_certificate_issued_on > today then
      problems := problems || pg_catalog.format('Medsøkerens politiattest er datert fram i tid (%s).',
        pg_catalog.to_char(checklist.partner_certificate_issued_on, 'DD.MM.YYYY'));
    elsif not private.is_certificate_valid(checklist.partner_certificate_issued_on, today) then
      problems := problems || pg_catalog.format('Medsøkerens politiattest (utstedt %s) var bare gyldig til og med %s.',
        pg_catalog.to_char(checklist.partner_certificate_issued_on, 'DD.MM.YYYY'),
        pg_catalog.to_char(private.certificate_valid_until(checklist.partner_certificate_issued_on), 'DD.MM.YYYY'));
    end if;
  end if;
  if private.case_needs(application, 'conversation') then
    if checklist.conversation_held_on is null then
      problems := problems || 'Samtalen er ikke registrert som gjennomført.'::text;
    elsif checklist.conversation_held_on < application.received_on then
      problems := problems || 'Samtalen er datert før søknaden kom inn.'::text;
    end if;
  end if;
  if private.case_needs(application, 'homeVisit') then
    if checklist.home_visit_held_on is null then
      problems := problems || 'Hjemmebesøket er ikke registrert som gjennomført.'::text;
    elsif checklist.home_visit_held_on < application.received_on then
      problems := problems || 'Hjemmebesøket er datert før søknaden kom inn.'::text;
    end if;
  end if;
  -- The co-applicant's own part, locked as the checklist is (an answer arriving during approval).
  select p.status into part_status
    from public.co_applicant_parts as p where p.application_id = application.id
    for share;
  if part_status = 'pending' then
    problems := problems || 'Medsøkeren har ikke bekreftet at de søker sammen med søkeren.'::text;
  elsif part_status = 'declined' then
    problems := problems || 'Medsøkeren har svart at de ikke søker sammen med søkeren.'::text;
  end if;
  if private.case_needs(application, 'references') then
    if application.referees_wanted > 0 then
      select pg_catalog.count(*) filter (where r.status in ('answered', 'by_phone')) into received
        from (select r.status from public.referees as r where r.application_id = application.id for share) as r;
      if received < application.referees_wanted then
        problems := problems || pg_catalog.format('Bare %s av %s referanser er mottatt eller tatt på telefon.',
          received, application.referees_wanted);
      end if;
    elsif not checklist.references_checked then
      problems := problems || 'Referansene er ikke sjekket.'::text;
    end if;
  end if;
  return problems;
end;
$$;

revoke all on function private.check_approval(public.applications) from public, anon, authenticated, service_role;
