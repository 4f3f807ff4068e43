-- Removes the health confirmation ("ingen-store-belastninger": no major health problems, life
-- crises, substance or mental-health problems) from both roles. Even a ticked "I have no health
-- problems" is health data (GDPR art. 9); the requirement is talked about in the conversation
-- instead. The supervisor role keeps only what it requires: contact with children and a stable
-- life situation.
--
-- Who may do what: unchanged.

alter table public.applications drop constraint applications_requirements_confirmed;

-- Stored applications drop the code too: it is health data the portal should never have kept.
-- Not a change to any case, so the audit trigger stays out of it (as in the receipt-date backfill).
alter table public.applications disable trigger applications_audit;
update public.applications
  set confirmed_requirements = pg_catalog.array_remove(confirmed_requirements, 'ingen-store-belastninger')
  where 'ingen-store-belastninger' = any (confirmed_requirements);
alter table public.applications enable trigger applications_audit;

-- True when no element of the list occurs twice (a check constraint cannot hold a subquery).
create function private.elements_distinct(list text[])
returns boolean
language sql
immutable
set search_path = ''
as $$
  select pg_catalog.count(distinct e) = pg_catalog.cardinality(list) from pg_catalog.unnest(list) as e
$$;
-- A check constraint runs with the writer's privileges: whoever may write applications (the
-- coordinators, and the owner's functions) must be able to execute it. It reveals nothing.
revoke all on function private.elements_distinct(text[]) from public, anon, service_role;
grant execute on function private.elements_distinct(text[]) to authenticated;

-- Every approval requirement of the role is confirmed once, and nothing else is listed.
alter table public.applications add constraint applications_requirements_confirmed
  check (
    private.elements_distinct(confirmed_requirements)
    and (
      (kind = 'besokshjem'
        and confirmed_requirements @> array['stabil-livssituasjon', 'overskudd-og-tid', 'glad-i-barn',
          'trygge-rutiner']
        and confirmed_requirements <@ array['stabil-livssituasjon', 'overskudd-og-tid', 'glad-i-barn',
          'trygge-rutiner'])
      or (kind = 'tilsynsperson'
        and confirmed_requirements @> array['kontakt-med-barn', 'stabil-livssituasjon']
        and confirmed_requirements <@ array['kontakt-med-barn', 'stabil-livssituasjon'])
    )
  );
