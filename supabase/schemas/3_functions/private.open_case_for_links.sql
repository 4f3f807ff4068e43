-- The open case with this reference, for the coordinators' link functions
-- (public.request_references, resend_link, record_phone_reference), locked against a concurrent
-- status change (FOR SHARE): its id. Raises 42501 for anyone but an active coordinator
-- (private.require_active_coordinator), P0002 when there is no such case, and 23514 when the case
-- has ended (approved, declined, withdrawn), as the checklist does.
create function private.open_case_for_links(application_reference text)
returns uuid
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  found_id uuid;
  found_status text;
begin
  perform private.require_active_coordinator();
  select a.id, a.status into found_id, found_status
    from public.applications as a where a.reference = application_reference
    for share;
  if found_id is null then
    raise exception 'Fant ingen søknad med den referansen.' using errcode = 'P0002';
  end if;
  if found_status in ('approved', 'declined', 'withdrawn') then
    raise exception 'Søknad % er avsluttet (%).', application_reference, private.status_label(found_status)
      using errcode = '23514';
  end if;
  return found_id;
end;
$$;

revoke all on function private.open_case_for_links(text) from public, anon, authenticated, service_role;
