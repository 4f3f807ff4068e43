-- The approval guard: raises (23514) with every unmet requirement, as of private.today():
--
-- * a police certificate verified by a coordinator, not dated in the future, and issued at most
--   three calendar months before today (issued D is valid through (D + 3 months)::date:
--   22 Aug → 22 Nov, 31 May → 31 Aug, 30 Nov → 28/29 Feb);
-- * when two apply together to become a visit home (details ->> 'applying_with' = 'sammen'): the
--   partner's police certificate, verified and dated exactly as the applicant's (both are assessed);
-- * a conversation on record, dated on or after the day the application was received;
-- * for visit homes, a home visit on record, likewise dated on or after the receipt.
--
-- (The commitment of at least 12 months needs no check here: the table's constraint
-- applications_commitment_at_least_a_year makes any other value impossible.)
--
-- The workflow trigger (private.applications_before_update) runs it on every approval, and
-- public.application_next_steps runs it to tell the workspace what approval would need today.
--
-- It reads the checklist with a row lock (FOR SHARE), so an approval and a concurrent change to the
-- checklist (clearing the verified certificate, say) happen one after the other: either the
-- approval waits and sees the cleared certificate, or the change waits and finds the case approved
-- (and closed). No write skew. Volatile, not stable: a stable function may not lock rows, and would
-- read the checklist as of the statement's start instead of the latest committed version.
create function private.check_approval(application public.applications)
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
