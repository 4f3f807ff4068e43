-- Coordinators: the child welfare service's staff who screen applications.
--
-- Who may do what: active coordinators (and leads) read this table; active leads add coordinators
-- and change name, role and active flag. Anon and other signed-in users get nothing. A coordinator
-- who leaves is deactivated, never deleted: cases, notes and checks keep pointing at them.
-- A refused name or role is answered without the row (private.coordinators_check_name); changes
-- are audited, the name as {"changed": true} only.

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
  'Koordinatorer i barnevernstjenesten som behandler søknader. Bare aktive koordinatorer kan lese; aktive ledere (role = lead) kan legge til og endre. Deaktiver en som slutter, ikke slett.';
comment on column public.coordinators.user_id is 'Brukerens ID i Supabase Auth (auth.users.id).';
comment on column public.coordinators.name is 'Koordinatorens navn, slik kollegene kjenner hen.';
comment on column public.coordinators.active is
  'Aktiv = har tilgang til søknadene. Sett til false når noen slutter eller ikke lenger skal behandle søknader.';
comment on column public.coordinators.role is 'coordinator = koordinator, lead = leder (kan også forvalte koordinatorlisten).';
comment on column public.coordinators.created_at is 'Når koordinatoren ble lagt til.';

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

-- Who has access and who is a lead are logged with their values; the name only as changed.
create trigger coordinators_audit
  after insert or update or delete on public.coordinators
  for each row execute function private.audit_row('user_id', 'active', 'role', 'created_at');
