-- The screening workflow on applications: statuses, allowed transitions, who moved a case and
-- when, the assigned coordinator, and the approval guard.
--
-- Who may do what: active coordinators read every application and change only its status and
-- assigned coordinator (column privileges); anon and other signed-in users read and change
-- nothing. Every status change goes through the trigger below, whoever makes it.
--
--   received ──▶ in_review ──▶ conversation_scheduled ──▶ home_visit ──▶ approved | declined
--                                        │  (visit homes only)
--                                        └──▶ approved (supervisors)
--   declined from in_review, conversation_scheduled or home_visit;
--   withdrawn from any open state (received, in_review, conversation_scheduled, home_visit).
--   approved, declined and withdrawn are final.

alter table public.applications drop constraint applications_status_known;
alter table public.applications add constraint applications_status_known
  check (status in ('received', 'in_review', 'conversation_scheduled', 'home_visit', 'approved',
    'declined', 'withdrawn'));

alter table public.applications
  add column assigned_to uuid references public.coordinators (user_id),
  add column status_changed_at timestamptz,
  add column status_changed_by uuid references public.coordinators (user_id);

create index applications_assigned_to_idx on public.applications (assigned_to);
create index applications_status_changed_by_idx on public.applications (status_changed_by);

comment on column public.applications.status is
  'Saksstatus: received = mottatt, in_review = under behandling, conversation_scheduled = samtale avtalt, home_visit = hjemmebesøk (bare besøkshjem), approved = godkjent, declined = avslått, withdrawn = trukket. Endres bare i tillatt rekkefølge; databasen avviser andre endringer.';
comment on column public.applications.assigned_to is
  'Koordinatoren som har saken. Settes automatisk til den som først flytter saken videre, hvis ingen er satt.';
comment on column public.applications.status_changed_at is 'Når statusen sist ble endret.';
comment on column public.applications.status_changed_by is 'Koordinatoren som sist endret statusen.';

-- Norwegian names of the statuses, for messages coordinators read.
create function private.status_label(status text)
returns text
language sql
immutable
set search_path = ''
as $$
  select case status
    when 'received' then 'mottatt'
    when 'in_review' then 'under behandling'
    when 'conversation_scheduled' then 'samtale avtalt'
    when 'home_visit' then 'hjemmebesøk'
    when 'approved' then 'godkjent'
    when 'declined' then 'avslått'
    when 'withdrawn' then 'trukket'
    else status
  end
$$;

-- The statuses a case of this kind may move to from `status` (empty for a final status).
create function private.next_statuses(kind text, status text)
returns text[]
language sql
immutable
set search_path = ''
as $$
  select case status
    when 'received' then array['in_review', 'withdrawn']
    when 'in_review' then array['conversation_scheduled', 'declined', 'withdrawn']
    when 'conversation_scheduled' then
      case kind
        when 'besokshjem' then array['home_visit', 'declined', 'withdrawn']
        else array['approved', 'declined', 'withdrawn']
      end
    when 'home_visit' then
      case kind when 'besokshjem' then array['approved', 'declined', 'withdrawn'] else array[]::text[] end
    else array[]::text[]
  end
$$;

-- The approval guard: raises (23514) with every unmet requirement, as of private.today():
-- a police certificate verified by a coordinator and issued at most three calendar months before
-- today (issued D is valid through (D + 3 months)::date: 22 Aug → 22 Nov, 31 May → 31 Aug,
-- 30 Nov → 28/29 Feb), a commitment of at least 12 months, and for visit homes the conversation
-- and the home visit.
create function private.check_approval(application public.applications)
returns void
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  today constant date := private.today();
  checklist record;
  problems text[] := array[]::text[];
begin
  select * into checklist
    from public.application_checklists as c
    where c.application_id = application.id;

  if checklist.certificate_verified_by is null then
    problems := problems || 'ingen koordinator har kontrollert politiattesten'::text;
  elsif checklist.certificate_issued_on > today then
    problems := problems || format('politiattesten er datert fram i tid (%s)',
      pg_catalog.to_char(checklist.certificate_issued_on, 'DD.MM.YYYY'));
  elsif today > (checklist.certificate_issued_on + interval '3 months')::date then
    problems := problems || format('politiattesten (utstedt %s) var bare gyldig til og med %s',
      pg_catalog.to_char(checklist.certificate_issued_on, 'DD.MM.YYYY'),
      pg_catalog.to_char((checklist.certificate_issued_on + interval '3 months')::date, 'DD.MM.YYYY'));
  end if;
  if application.commitment_months is null or application.commitment_months < 12 then
    problems := problems || 'søkeren har ikke forpliktet seg i minst 12 måneder'::text;
  end if;
  if application.kind = 'besokshjem' then
    if checklist.conversation_held_on is null then
      problems := problems || 'samtalen er ikke registrert som gjennomført'::text;
    end if;
    if checklist.home_visit_held_on is null then
      problems := problems || 'hjemmebesøket er ikke registrert som gjennomført'::text;
    end if;
  end if;

  if pg_catalog.cardinality(problems) > 0 then
    raise exception 'Kan ikke godkjenne søknad %: %.', application.reference,
      pg_catalog.array_to_string(problems, '; ')
      using errcode = '23514';
  end if;
end;
$$;

-- New applications always start as received, whoever inserts them.
create function private.applications_before_insert()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.status is distinct from 'received' then
    raise exception 'En ny søknad får alltid status received (mottatt), ikke %.', new.status
      using errcode = '23514';
  end if;
  new.status_changed_at := new.received_at;
  new.status_changed_by := null;
  return new;
end;
$$;

-- Status changes: only allowed transitions, by an active coordinator (or, in the SQL editor as
-- postgres, on behalf of the assigned coordinator), recorded with who and when; the case gets an
-- assigned coordinator; approval passes the guard.
create function private.applications_before_update()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  allowed text[];
  actor uuid;
begin
  if new.assigned_to is distinct from old.assigned_to and new.assigned_to is not null
    and not exists (
      select from public.coordinators as c where c.user_id = new.assigned_to and c.active
    ) then
    raise exception 'Saken kan bare tildeles en aktiv koordinator.' using errcode = '23514';
  end if;

  if new.status is distinct from old.status then
    allowed := private.next_statuses(old.kind, old.status);
    if not (new.status = any (allowed)) then
      raise exception 'Ugyldig statusendring for søknad %: % (%) → % (%).', old.reference,
        private.status_label(old.status), old.status, private.status_label(new.status), new.status
        using errcode = '23514',
          hint = case when pg_catalog.cardinality(allowed) = 0
            then 'Saken er avsluttet og kan ikke flyttes.'
            else 'Tillatt herfra: ' || pg_catalog.array_to_string(allowed, ', ') || '.' end;
    end if;

    actor := private.acting_coordinator(new.assigned_to);
    if actor is null then
      raise exception 'Hvem flytter saken? Kjør som deg selv (rolle authenticated), eller sett assigned_to i samme endring.'
        using errcode = '23514';
    end if;
    new.status_changed_at := pg_catalog.now();
    new.status_changed_by := actor;
    if new.assigned_to is null then
      new.assigned_to := actor;
    end if;

    if new.status = 'approved' then
      perform private.check_approval(new);
    end if;
  end if;
  return new;
end;
$$;

revoke all on function private.status_label(text), private.next_statuses(text, text),
  private.check_approval(public.applications), private.applications_before_insert(),
  private.applications_before_update() from public, anon, authenticated;

create trigger applications_start_received
  before insert on public.applications
  for each row execute function private.applications_before_insert();
create trigger applications_workflow
  before update on public.applications
  for each row execute function private.applications_before_update();

-- Existing applications (if any) count as received at their receipt.
update public.applications set status_changed_at = received_at where status_changed_at is null;

-- Coordinators read every column and change only status and assigned_to. Column privileges, not
-- table privileges: the public site's role and other signed-in users must stay without any table
-- privilege here. A column added later needs its own `grant select (column)`.
do $$
begin
  execute (
    select format('grant select (%s) on table public.applications to authenticated',
      string_agg(quote_ident(attname), ', ' order by attnum))
      from pg_attribute
      where attrelid = 'public.applications'::regclass and attnum > 0 and not attisdropped
  );
end
$$;
grant update (status, assigned_to) on table public.applications to authenticated;

create policy "Active coordinators read applications"
  on public.applications for select to authenticated
  using ((select private.require_active_coordinator()));
create policy "Active coordinators update applications"
  on public.applications for update to authenticated
  using ((select private.require_active_coordinator()))
  with check ((select private.require_active_coordinator()));

comment on table public.applications is
  'Søknader om å bli besøkshjem eller tilsynsperson. Publikum kan bare sende inn via funksjonen submit_application. Aktive koordinatorer leser alle og endrer bare status og assigned_to; ingen andre kan lese, endre eller slette.';
