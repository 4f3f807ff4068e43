-- Coordinators: the child welfare service's staff who screen applications, and the helpers every
-- screening policy uses.
--
-- Who may do what: active coordinators (and leads) read this table; active leads add coordinators
-- and change name, role and active flag. Anon and other signed-in users get nothing. A coordinator
-- who leaves is deactivated, never deleted: cases, notes and checks keep pointing at them.

-- Helpers for policies and triggers live in `private`, a schema PostgREST does not expose, so no
-- client can call them as RPC. Signed-in users need USAGE only because policies run with the
-- caller's privileges.
create schema private;
revoke all on schema private from public;
grant usage on schema private to authenticated;
comment on schema private is
  'Hjelpefunksjoner for skjermingen (tilgangsregler, triggere, sletting). Ikke eksponert i API-et.';

create table public.coordinators (
  user_id uuid primary key references auth.users (id),
  name text not null
    constraint coordinators_name_length check (name = btrim(name) and char_length(name) between 1 and 100),
  active boolean not null default true,
  role text not null default 'coordinator'
    constraint coordinators_role_known check (role in ('coordinator', 'lead')),
  created_at timestamptz not null default now()
);

alter table public.coordinators enable row level security;
revoke all on table public.coordinators from anon, authenticated, public;

comment on table public.coordinators is
  'Koordinatorer i barneverntjenesten som behandler søknader. Bare aktive koordinatorer kan lese; aktive ledere (role = lead) kan legge til og endre. Deaktiver en som slutter, ikke slett.';
comment on column public.coordinators.user_id is 'Brukerens ID i Supabase Auth (auth.users.id).';
comment on column public.coordinators.name is 'Koordinatorens navn, slik kollegene kjenner hen.';
comment on column public.coordinators.active is
  'Aktiv = har tilgang til søknadene. Sett til false når noen slutter eller ikke lenger skal behandle søknader.';
comment on column public.coordinators.role is 'coordinator = koordinator, lead = leder (kan også forvalte koordinatorlisten).';
comment on column public.coordinators.created_at is 'Når koordinatoren ble lagt til.';

-- The signed-in user, if they are an active coordinator: their id, else null. SECURITY DEFINER so
-- that it can read coordinators whatever the caller's own rights (no policy recursion).
create function private.active_coordinator_id()
returns uuid
language sql
stable
security definer
set search_path = ''
as $$
  select c.user_id
    from public.coordinators as c
    where c.user_id = (select auth.uid()) and c.active
$$;

-- For policies: true for an active coordinator; for anyone else it raises 42501 (permission
-- denied), so a non-coordinator, a deactivated coordinator or a stray signed-in user gets the same
-- answer as anon instead of an empty list that looks like "no applications". (On an empty table
-- the policy is never evaluated and the answer is just empty.) Policies call it as
-- `(select private.require_active_coordinator())`, an initplan Postgres evaluates once per
-- statement, not once per row.
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

-- For policies on the coordinator list: true for an active lead, raises 42501 for anyone else.
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
      where c.user_id = (select auth.uid()) and c.active and c.role = 'lead'
  ) then
    raise exception 'Bare aktive ledere kan endre koordinatorlisten.' using errcode = '42501';
  end if;
  return true;
end;
$$;

revoke all on all functions in schema private from public, anon, authenticated;
-- Policies run with the caller's privileges, so signed-in users may execute the two policy
-- helpers (they reveal only whether the caller is an active coordinator or lead).
grant execute on function private.require_active_coordinator(), private.require_active_lead()
  to authenticated;

create policy "Active coordinators read coordinators"
  on public.coordinators for select to authenticated
  using ((select private.require_active_coordinator()));
create policy "Active leads add coordinators"
  on public.coordinators for insert to authenticated
  with check ((select private.require_active_lead()));
create policy "Active leads update coordinators"
  on public.coordinators for update to authenticated
  using ((select private.require_active_lead()))
  with check ((select private.require_active_lead()));

grant select on table public.coordinators to authenticated;
grant insert (user_id, name, active, role), update (name, active, role)
  on table public.coordinators to authenticated;
