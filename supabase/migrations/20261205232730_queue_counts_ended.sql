-- queue_counts_ended
-- Written by `npm run db:migration` from supabase/schemas/ (the Supabase CLI's pg-delta
-- diff, and the schema's data rows). The live definitions are in supabase/schemas/.

SET local check_function_bodies = off;

DROP FUNCTION "public"."screening_queue_counts"();

CREATE OR REPLACE FUNCTION public.screening_queue_counts (
  ended_cap integer
)
  RETURNS TABLE (
    new_count    bigint,
    mine_count   bigint,
    open_count   bigint,
    urgent_count bigint,
    ended_count  bigint
  )
  LANGUAGE sql
  STABLE
  SET search_path TO ''
  AS $function$
  select
    count(*) filter (where q.status = 'received'),
    count(*) filter (where q.assigned_to = (select auth.uid())),
    count(*),
    count(*) filter (where q.urgency in (1, 2)),
    (select count(*) from (select from public.journal_queue
       limit greatest(coalesce(ended_cap, 0), 0) + 1) as e)
  from public.screening_queue as q
$function$;

REVOKE ALL ON FUNCTION "public"."screening_queue_counts"(integer) FROM PUBLIC, "anon";

COMMENT ON FUNCTION "public"."screening_queue_counts"(integer) IS 'Antall saker i køens visninger: nye (mottatt), mine (tildelt den innloggede), alle åpne, haster (urgency 1 og 2), og avsluttede saker som ikke er journalført, talt opp til ended_cap + 1. Gjelder bare for aktive koordinatorer.';

GRANT EXECUTE ON FUNCTION "public"."screening_queue_counts"(integer) TO "authenticated";

REVOKE ALL ON FUNCTION "public"."screening_queue_counts"(integer) FROM "postgres";

GRANT EXECUTE ON FUNCTION "public"."screening_queue_counts"(integer) TO "postgres";

GRANT EXECUTE ON FUNCTION "public"."screening_queue_counts"(integer) TO "service_role";
