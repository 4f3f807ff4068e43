-- The coordinator list always keeps at least one active lead: without one, nobody can invite,
-- change the team or erase an application. An update (or delete) that deactivates or demotes an
-- active lead is refused when no other active lead remains, on every path (the team page, straight
-- through PostgREST, an administrator in the SQL editor), including a lead's change to themselves.
--
-- Two leads demoting each other at the same moment must not both succeed: each change takes the
-- same transaction-level advisory lock before it counts, so the second waits for the first to
-- commit and then counts again (each statement of a volatile function sees what has been
-- committed by then, at PostgREST's read committed). Refused with PT409 (PostgREST answers HTTP
-- 409) and hint 'last_active_lead', which the site shows as the message (dbMessage).
create function private.coordinators_keep_an_active_lead()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  -- One lock for every change that removes a lead: the count below is then never stale.
  perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('public.coordinators: active leads'));
  if not exists (
    select from public.coordinators as c where c.active and c.role = 'lead'
  ) then
    raise exception 'Det må alltid være minst én aktiv leder. Gjør en annen koordinator til leder før du endrer denne.'
      using errcode = 'PT409', hint = 'last_active_lead';
  end if;
  return null;
end;
$$;

-- After the row has changed, so the count sees this statement's own changes (several rows at
-- once too); only for changes that take an active lead away.
create trigger coordinators_keep_an_active_lead_update
  after update on public.coordinators
  for each row
  when (old.active and old.role = 'lead' and not (new.active and new.role = 'lead'))
  execute function private.coordinators_keep_an_active_lead();
create trigger coordinators_keep_an_active_lead_delete
  after delete on public.coordinators
  for each row
  when (old.active and old.role = 'lead')
  execute function private.coordinators_keep_an_active_lead();

revoke all on function private.coordinators_keep_an_active_lead() from public, anon, authenticated, service_role;
