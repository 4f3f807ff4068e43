-- The approval guard, as in 20261201210400_tighten_approval_guard.sql, with two changes. A visit
-- home where two apply together (details ->> 'applying_with' = 'sammen') is approved only when a
-- coordinator has also verified the partner's police certificate, issued at most three calendar
-- months before the approval date and not in the future, exactly as the applicant's. And the
-- commitment branch is gone: the table's constraint applications_commitment_at_least_a_year
-- (commitment_months between 12 and 120, not null) already makes it unreachable.
-- public.application_next_steps runs this guard, so the workspace lists what it now requires.
--
-- Who may do what: unchanged.

create or replace function private.check_approval(application public.applications)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  today constant date := private.today();
  checklist record;
  problems text[] := array[]::text[];
begin
  select * into checklist
    from public.application_checklists as c
    where c.application_id = application.id
    for share;

  if checklist.certificate_verified_by is null then
    problems := problems || 'ingen koordinator har kontrollert politiattesten'::text;
  elsif checklist.certificate_issued_on > today then
    problems := problems || format('politiattesten er datert fram i tid (%s)',
      pg_catalog.to_char(checklist.certificate_issued_on, 'DD.MM.YYYY'));
  elsif today > (checklist.certificate_issued_on + interval '3 months')::date then
    problems := problems || format('politiattesten (utstedt %s) var bare gyldig til og med %s',
      pg_catalog.to_char(checklist.certificate_issued_on, 'DD.MM.YYYY'),
      pg_catalog.to_char((checklist.certificate_issued_on + interval '3 months')::date, 'DD.MM.YYYY'));
  end if;
  -- Two who apply together are both assessed: the partner's certificate is checked the same way.
  if application.kind = 'besokshjem' and application.details ->> 'applying_with' = 'sammen' then
    if checklist.partner_certificate_verified_by is null then
      problems := problems || 'ingen koordinator har kontrollert politiattesten til medsøkeren'::text;
    elsif checklist.partner_certificate_issued_on > today then
      problems := problems || format('medsøkerens politiattest er datert fram i tid (%s)',
        pg_catalog.to_char(checklist.partner_certificate_issued_on, 'DD.MM.YYYY'));
    elsif today > (checklist.partner_certificate_issued_on + interval '3 months')::date then
      problems := problems || format('medsøkerens politiattest (utstedt %s) var bare gyldig til og med %s',
        pg_catalog.to_char(checklist.partner_certificate_issued_on, 'DD.MM.YYYY'),
        pg_catalog.to_char((checklist.partner_certificate_issued_on + interval '3 months')::date, 'DD.MM.YYYY'));
    end if;
  end if;
  if checklist.conversation_held_on is null then
    problems := problems || 'samtalen er ikke registrert som gjennomført'::text;
  elsif checklist.conversation_held_on < application.received_on then
    problems := problems || 'samtalen er datert før søknaden kom inn'::text;
  end if;
  if application.kind = 'besokshjem' then
    if checklist.home_visit_held_on is null then
      problems := problems || 'hjemmebesøket er ikke registrert som gjennomført'::text;
    elsif checklist.home_visit_held_on < application.received_on then
      problems := problems || 'hjemmebesøket er datert før søknaden kom inn'::text;
    end if;
  end if;

  if pg_catalog.cardinality(problems) > 0 then
    raise exception 'Kan ikke godkjenne søknad %: %.', application.reference,
      pg_catalog.array_to_string(problems, '; ')
      using errcode = '23514';
  end if;
end;
$$;

revoke all on function private.check_approval(public.applications) from public, anon, authenticated, service_role;
