-- Fills in one checklist item of a case: writes `value` (an ISO date or null for a date item, true
-- or false for a toggle) to the item's column of public.application_checklists, the column its row
-- in public.checklist_items names. Returns false when there is no such case. The checklist's
-- triggers decide as for any update (dates not in the future nor before the receipt, who and when,
-- nothing once the case has ended) and the caller's column grants and policies apply.
--
-- Who may do what: it runs with the caller's privileges: active coordinators, who may update those
-- columns; anon may not call it.
create function public.record_checklist(application_reference text, item public.checklist_item, value jsonb)
returns boolean
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  target_column text;
  updated integer;
begin
  select i.column_name into target_column
    from public.checklist_items as i where i.item = record_checklist.item;
  -- The value is read into the column's own type, as an insert of that row would read it.
  execute pg_catalog.format(
    'update public.application_checklists as c
        set %1$I = (pg_catalog.jsonb_populate_record(null::public.application_checklists, $1)).%1$I
       from public.applications as a
      where a.id = c.application_id and a.reference = $2',
    target_column)
    using pg_catalog.jsonb_build_object(target_column, value), application_reference;
  get diagnostics updated = row_count;
  return updated > 0;
end;
$$;

revoke all on function public.record_checklist(text, public.checklist_item, jsonb)
  from public, anon, authenticated, service_role;
grant execute on function public.record_checklist(text, public.checklist_item, jsonb) to authenticated;

comment on function public.record_checklist(text, public.checklist_item, jsonb) is
  'Fyller ut ett punkt på sjekklisten for søknaden med denne referansen (en dato, eller sant/usant for en avkrysning). Gir false når saken ikke finnes. Bare for aktive koordinatorer.';
