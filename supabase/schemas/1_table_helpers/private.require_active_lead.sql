-- For policies on the coordinator list (and for erase_application): true for an active lead in a
-- live session (private.signed_in_user_id), raises 42501 for anyone else.
create function private.require_active_lead()
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if not exists (
    select from public.coordinators as c
      where c.user_id = (select private.signed_in_user_id()) and c.active and c.role = 'lead'
  ) then
    raise exception 'Bare aktive ledere kan endre koordinatorlisten.' using errcode = '42501';
  end if;
  return true;
end;
$$;

-- Policies run with the caller's privileges, so signed-in users may execute it (it reveals only
-- whether the caller is an active lead).
revoke all on function private.require_active_lead() from public, anon, authenticated;
grant execute on function private.require_active_lead() to authenticated;
