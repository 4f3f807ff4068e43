-- A coordinator records that a reference was taken by phone instead: a referee of an open case who
-- has not answered online becomes by_phone (also one who declined online: someone who will not
-- write may still talk), with the coordinator's note (text as a form leaves
-- it, at most 1000 characters, line breaks allowed; `invalid field: note`, 22023, otherwise), who
-- recorded it and when. Any link the referee has stops working (used). Returns false when the
-- referee has already answered or been taken by phone; P0002 when there is no such
-- referee. Logged with the coordinator as actor and only the status.
--
-- Who may do what: active coordinators (checked inside, private.open_case_for_links); anon and
-- service_role may not execute it.
create function public.record_phone_reference(referee_id uuid, note text)
returns boolean
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  case_reference text;
  case_id uuid;
  old_status text;
begin
  perform private.require_active_coordinator();
  select a.reference into case_reference
    from public.referees as r join public.applications as a on a.id = r.application_id
    where r.id = record_phone_reference.referee_id;
  if case_reference is null then
    raise exception 'Fant ingen slik referanse.' using errcode = 'P0002';
  end if;
  case_id := private.open_case_for_links(case_reference);
  if not private.is_form_text(pg_catalog.to_jsonb(note), 1000, true) then
    raise exception 'invalid field: note' using errcode = '22023';
  end if;
  select r.status into old_status from public.referees as r where r.id = record_phone_reference.referee_id for update;
  if old_status not in ('not_asked', 'asked', 'declined') then
    return false;
  end if;
  update public.referees as r
    set status = 'by_phone', phone_note = note, recorded_by = private.active_coordinator_id(),
        answered_at = pg_catalog.now()
    where r.id = record_phone_reference.referee_id;
  perform private.log_link_change('referees', case_id, record_phone_reference.referee_id,
    pg_catalog.jsonb_build_object('status', pg_catalog.jsonb_build_object('old', old_status, 'new', 'by_phone')));
  return true;
end;
$$;

revoke all on function public.record_phone_reference(uuid, text) from public, anon, authenticated, service_role;
grant execute on function public.record_phone_reference(uuid, text) to authenticated;

comment on function public.record_phone_reference(uuid, text) is
  'For aktive koordinatorer: registrerer at en referanse er tatt på telefon, med et notat. Gir false når referansen allerede har svart.';
