-- For policies: true for an active coordinator; for anyone else it raises 42501 (permission
-- denied), so a non-coordinator, a deactivated coordinator or a stray signed-in user gets the same
-- answer as anon instead of an empty list that looks like "no applications". (On an empty table
-- the policy is never evaluated and the answer is just empty.) Policies call it as
-- `(select private.require_active_coordinator())`, an initplan Postgres evaluates once per
-- statement, not once per row. Who is active: private.active_coordinator_id().
create function private.require_active_coordinator()
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if private.active_coordinator_id() is null then
    raise exception 'Bare aktive koordinatorer har tilgang til søknadene.'
      using errcode = '42501';
  end if;
  return true;
end;
$$;

-- Policies run with the caller's privileges, so signed-in users may execute it (it reveals only
-- whether the caller is an active coordinator).
revoke all on function private.require_active_coordinator() from public, anon, authenticated;
grant execute on function private.require_active_coordinator() to authenticated;
