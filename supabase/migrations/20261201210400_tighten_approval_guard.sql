-- The approval guard holds: conversation and home-visit dates lie on or after the day the
-- application was received (not just "not in the future"); a conversation must be on record before
-- either role is approved; and the guard reads the checklist with a row lock (FOR SHARE), so an
-- approval and a concurrent change to the checklist (clearing the verified certificate, say)
-- happen one after the other: either the approval waits and sees the cleared certificate, or the
-- change waits and finds the case approved (and closed). No write skew.
--
-- Who may do what: unchanged.

-- Volatile, not stable: a stable function may not lock rows, and would read the checklist as of
-- the statement's start instead of the latest committed version.
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
  if application.commitment_months is null or application.commitment_months < 12 then
    problems := problems || 'søkeren har ikke forpliktet seg i minst 12 måneder'::text;
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

-- The checklist refuses a conversation or home visit dated before the application arrived.
create function private.application_checklists_dates_after_receipt()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  received date;
begin
  select a.received_on into received from public.applications as a where a.id = new.application_id;
  if new.conversation_held_on is distinct from old.conversation_held_on
    and new.conversation_held_on < received then
    raise exception 'Samtalen kan ikke være før søknaden kom inn (%).',
      pg_catalog.to_char(received, 'DD.MM.YYYY')
      using errcode = '23514';
  end if;
  if new.home_visit_held_on is distinct from old.home_visit_held_on
    and new.home_visit_held_on < received then
    raise exception 'Hjemmebesøket kan ikke være før søknaden kom inn (%).',
      pg_catalog.to_char(received, 'DD.MM.YYYY')
      using errcode = '23514';
  end if;
  return new;
end;
$$;

revoke all on function private.application_checklists_dates_after_receipt()
  from public, anon, authenticated, service_role;

create trigger application_checklists_dates_after_receipt
  before update on public.application_checklists
  for each row execute function private.application_checklists_dates_after_receipt();
