-- The signed-in user, if they are an active coordinator in a live session
-- (private.signed_in_user_id): their id, else null. SECURITY DEFINER so that it can read
-- coordinators whatever the caller's own rights (no policy recursion).
create function private.active_coordinator_id()
returns uuid
language sql
stable
security definer
set search_path = ''
as $$
  select c.user_id
    from public.coordinators as c
    where c.user_id = (select private.signed_in_user_id()) and c.active
$$;

revoke all on function private.active_coordinator_id() from public, anon, authenticated;
