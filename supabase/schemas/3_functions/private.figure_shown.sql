-- A count as it may leave the database in the lead's numbers: 1–4 become null ("under 5"), so that
-- no applicant can be picked out of a small count; 0 and 5 or more are shown as they are. The one
-- place the rule is applied: public.lead_figures_by_month and lead_figures_by_source call it on
-- every count (and its shares and medians need 5 or more cases), so no count under 5 is ever sent.
create function private.figure_shown(n bigint)
returns integer
language sql
immutable
set search_path = ''
as $$
  select case when n between 1 and 4 then null else n::integer end
$$;

revoke all on function private.figure_shown(bigint) from public, anon, authenticated;
