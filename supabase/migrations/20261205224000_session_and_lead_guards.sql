-- session_and_lead_guards
-- Written by `npm run db:migration` from supabase/schemas/ (the Supabase CLI's pg-delta
-- diff, and the schema's data rows). The live definitions are in supabase/schemas/.

SET local check_function_bodies = off;

CREATE OR REPLACE FUNCTION private.active_coordinator_id()
  RETURNS uuid
  LANGUAGE sql
  STABLE
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
  select c.user_id
    from public.coordinators as c
    where c.user_id = (select private.signed_in_user_id()) and c.active
$function$;

CREATE OR REPLACE FUNCTION private.coordinators_keep_an_active_lead()
  RETURNS TRIGGER
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
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
$function$;

CREATE OR REPLACE FUNCTION private.require_active_lead()
  RETURNS boolean
  LANGUAGE plpgsql
  STABLE
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
begin
  if not exists (
    select from public.coordinators as c
      where c.user_id = (select private.signed_in_user_id()) and c.active and c.role = 'lead'
  ) then
    raise exception 'Bare aktive ledere kan endre koordinatorlisten.' using errcode = '42501';
  end if;
  return true;
end;
$function$;

CREATE OR REPLACE FUNCTION private.signed_in_user_id()
  RETURNS uuid
  LANGUAGE sql
  STABLE
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
  select s.user_id
    from auth.sessions as s
    where s.id = (select nullif((select auth.jwt()) ->> 'session_id', '')::uuid)
      and s.user_id = (select auth.uid())
      and (s.not_after is null or s.not_after > pg_catalog.now())
$function$;

CREATE TRIGGER coordinators_keep_an_active_lead_delete
  AFTER DELETE ON public.coordinators
  FOR EACH ROW
  WHEN ((old.active AND (old.role = 'lead'::text)))
  EXECUTE FUNCTION private.coordinators_keep_an_active_lead();

CREATE TRIGGER coordinators_keep_an_active_lead_update
  AFTER UPDATE ON public.coordinators
  FOR EACH ROW
  WHEN ((old.active AND (old.role = 'lead'::text) AND (NOT (new.active AND (new.role = 'lead'::text)))))
  EXECUTE FUNCTION private.coordinators_keep_an_active_lead();

REVOKE ALL ON FUNCTION "private"."coordinators_keep_an_active_lead"() FROM PUBLIC;

REVOKE ALL ON FUNCTION "private"."signed_in_user_id"() FROM PUBLIC;
