-- The period and role the lead's numbers are asked for (public.lead_figures_by_month and
-- lead_figures_by_source): both months given, the first not after the last, at most ten years, and
-- the role one of the two or none (both). Refuses (22023) with a Norwegian message otherwise; the
-- page's zod schema (src/lib/coordinator/numbers.ts) checks the same first.
create function private.check_figures_period(from_month date, to_month date, kind text)
returns void
language plpgsql
immutable
set search_path = ''
as $$
begin
  if from_month is null or to_month is null then
    raise exception 'Velg både første og siste måned.' using errcode = '22023';
  end if;
  if from_month > to_month then
    raise exception 'Første måned kan ikke være etter siste måned.' using errcode = '22023';
  end if;
  if to_month >= from_month + interval '10 years' then
    raise exception 'Velg en periode på høyst ti år.' using errcode = '22023';
  end if;
  if kind is not null and kind not in ('besokshjem', 'tilsynsperson') then
    raise exception 'Ukjent rolle.' using errcode = '22023';
  end if;
end;
$$;

revoke all on function private.check_figures_period(date, date, text) from public, anon, authenticated;
