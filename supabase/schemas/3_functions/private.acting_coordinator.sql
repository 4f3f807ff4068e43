-- Who is acting, for the "who did it" columns the triggers fill in: the signed-in user, who must
-- then be an active coordinator (raises 42501 otherwise). Without a signed-in user, the given
-- fallback (usually the case's assigned coordinator), but only for a database administrator working
-- in the SQL editor (no API role, no signed-in user): a request through the API without a
-- signed-in coordinator (anon, service_role, a stray token) gets no actor, so every trigger that
-- needs one refuses. The audit row of an administrator's change records the database role
-- (actor_role = postgres) and no user, so it shows as the administrator's, not the coordinator's.
create function private.acting_coordinator(fallback uuid)
returns uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  uid uuid := (select auth.uid());
  api_role text := nullif((select auth.role()), '');
begin
  if uid is null then
    -- An API request (PostgREST always sets the role claim) may not act for anyone.
    if api_role is not null or pg_catalog.current_setting('request.method', true) <> '' then
      return null;
    end if;
    return fallback;
  end if;
  if private.active_coordinator_id() is distinct from uid then
    raise exception 'Bare aktive koordinatorer kan behandle søknader.' using errcode = '42501';
  end if;
  return uid;
end;
$$;

-- Called from triggers only, which run as the owner.
revoke all on function private.acting_coordinator(uuid) from public, anon, authenticated, service_role;
