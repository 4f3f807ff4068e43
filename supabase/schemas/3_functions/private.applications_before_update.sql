-- The screening workflow (drawn in 2_tables/20_public.applications.sql): status changes only along
-- the allowed transitions (private.next_statuses), by an active coordinator (or, in the SQL editor
-- as postgres, on behalf of the assigned coordinator; private.acting_coordinator), recorded with who
-- and when; the case gets an assigned coordinator, who must be active; approval is refused while
-- the approval guard (private.check_approval) lists anything missing. The one exception: the
-- applicant's own withdrawal on Min søknad (public.applicant_withdraw, issue 25) moves an open case
-- to withdrawn with withdrawn_by_applicant, without a coordinator (status_changed_by stays empty);
-- only a transaction acting as the applicant (private.act_as_applicant) may set that mark.
create function private.applications_before_update()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  allowed text[];
  actor uuid;
  missing text[];
begin
  if new.assigned_to is distinct from old.assigned_to and new.assigned_to is not null
    and not exists (
      select from public.coordinators as c where c.user_id = new.assigned_to and c.active
    ) then
    raise exception 'Saken kan bare tildeles en aktiv koordinator.' using errcode = '23514';
  end if;

  if new.withdrawn_by_applicant is distinct from old.withdrawn_by_applicant then
    if not new.withdrawn_by_applicant or new.status <> 'withdrawn' or old.status = 'withdrawn'
        or pg_catalog.current_setting('screening.actor_role', true) is distinct from 'applicant' then
      raise exception 'Bare søkeren selv kan trekke søknaden fra Min søknad.' using errcode = '42501';
    end if;
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

    if new.withdrawn_by_applicant then
      new.status_changed_at := pg_catalog.now();
      new.status_changed_by := null;
      return new;
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
      missing := private.check_approval(new);
      -- The list also as JSON in DETAIL, so that the workspace shows it as a list (never parsed).
      if pg_catalog.cardinality(missing) > 0 then
        raise exception 'Kan ikke godkjenne søknad %: %', new.reference,
          pg_catalog.array_to_string(missing, ' ')
          using errcode = '23514', detail = pg_catalog.to_jsonb(missing)::text;
      end if;
    end if;
  end if;
  return new;
end;
$$;

create trigger applications_workflow
  before update on public.applications
  for each row execute function private.applications_before_update();

revoke all on function private.applications_before_update() from public, anon, authenticated;
