-- The checklist refuses a conversation or home visit dated before the application arrived (the
-- approval guard, private.check_approval, holds the same rule for what is already recorded).
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

create trigger application_checklists_dates_after_receipt
  before update on public.application_checklists
  for each row execute function private.application_checklists_dates_after_receipt();

revoke all on function private.application_checklists_dates_after_receipt()
  from public, anon, authenticated, service_role;
