-- norwegian_working_days
-- Written by `npm run db:migration` from supabase/schemas/ (the Supabase CLI's pg-delta
-- diff, and the schema's data rows). The live definitions are in supabase/schemas/.

SET local check_function_bodies = off;

-- The contact deadline counts Norwegian working days. SET EXPRESSION (Postgres 17) recomputes the
-- stored column in place, so the column keeps its position and the views that read it stay; the
-- diff's drop and re-add would have moved it to the end of the table.
CREATE OR REPLACE FUNCTION private.add_working_days (
  start date,
  days  integer
)
  RETURNS date
  LANGUAGE plpgsql
  IMMUTABLE
  PARALLEL SAFE
  STRICT
  SET search_path TO ''
  AS $function$
declare
  step constant integer := case when days < 0 then -1 else 1 end;
  remaining integer := pg_catalog.abs(days);
  day date := start;
begin
  while remaining > 0 loop
    day := day + step;
    if private.is_working_day(day) then
      remaining := remaining - 1;
    end if;
  end loop;
  return day;
end;
$function$;

CREATE OR REPLACE FUNCTION private.easter_sunday (
  year integer
)
  RETURNS date
  LANGUAGE plpgsql
  IMMUTABLE
  PARALLEL SAFE
  STRICT
  SET search_path TO ''
  AS $function$
declare
  a constant integer := year % 19;
  b constant integer := year / 100;
  c constant integer := year % 100;
  h integer;
  l integer;
  m integer;
begin
  h := (19 * a + b - b / 4 - (b - (b + 8) / 25 + 1) / 3 + 15) % 30;
  l := (32 + 2 * (b % 4) + 2 * (c / 4) - h - c % 4) % 7;
  m := (a + 11 * h + 22 * l) / 451;
  return pg_catalog.make_date(year, (h + l - 7 * m + 114) / 31, (h + l - 7 * m + 114) % 31 + 1);
end;
$function$;

CREATE OR REPLACE FUNCTION private.is_working_day (
  day date
)
  RETURNS boolean
  LANGUAGE plpgsql
  IMMUTABLE
  PARALLEL SAFE
  STRICT
  SET search_path TO ''
  AS $function$
begin
  return extract(isodow from day) < 6
    and pg_catalog.to_char(day, 'MM-DD') not in ('01-01', '05-01', '05-17', '12-25', '12-26')
    -- Maundy Thursday, Good Friday, Easter Monday, Ascension Day, Whit Monday.
    and day - private.easter_sunday(extract(year from day)::integer) not in (-3, -2, 1, 39, 50);
end;
$function$;

COMMENT ON FUNCTION "private"."add_working_days"(date, integer) IS 'Datoen et antall norske arbeidsdager (private.is_working_day) etter startdatoen, uten å telle startdatoen selv. Negativt antall teller bakover.';

COMMENT ON FUNCTION "private"."easter_sunday"(integer) IS 'Første påskedag i et år (gregoriansk kalender, den anonyme gregorianske algoritmen).';

COMMENT ON FUNCTION "private"."is_working_day"(date) IS 'Om datoen er en arbeidsdag i Norge: mandag–fredag unntatt helligdager og offentlige høytidsdager (1. januar, skjærtorsdag, langfredag, 2. påskedag, 1. mai, Kristi himmelfartsdag, 17. mai, 2. pinsedag, 1. og 2. juledag).';

REVOKE ALL ON FUNCTION "private"."add_working_days"(date, integer) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."add_working_days"(date, integer) TO "authenticated";

REVOKE ALL ON FUNCTION "private"."easter_sunday"(integer) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."easter_sunday"(integer) TO "authenticated";

REVOKE ALL ON FUNCTION "private"."is_working_day"(date) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."is_working_day"(date) TO "authenticated";

ALTER TABLE "public"."applications"
  ALTER COLUMN "contact_due_on" SET EXPRESSION AS (private.add_working_days(received_on, 5));

COMMENT ON COLUMN "public"."applications"."contact_due_on" IS 'Frist for første kontakt: 5 arbeidsdager etter mottak (helger og helligdager telles ikke). Regnes ut automatisk fra received_on.';

comment on column public.screening_queue.contact_due_on is 'Frist for første kontakt: 5 arbeidsdager etter mottak (helger og helligdager telles ikke).';
