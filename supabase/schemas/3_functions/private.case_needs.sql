-- Whether a case needs a checklist item: the item's row in public.checklist_items names the kinds
-- of case that need it and whether only when two apply together (private.applies_together).
-- The one answer to "which items does this case need": the case page's checklist
-- (public.case_checklist), the checklist's own trigger (no date for an item the case does not
-- need) and the approval guard (private.check_approval) all ask it.
create function private.case_needs(application public.applications, wanted public.checklist_item)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select from public.checklist_items as i
      where i.item = wanted
        and application.kind = any (i.kinds)
        -- From the answer, not the generated column: in the workflow's BEFORE trigger the row's
        -- generated columns are not computed yet (they read null).
        and (not i.only_together or private.applies_together(application.applying_with)))
$$;

-- public.case_checklist runs with the coordinator's privileges and calls it. It reads only the
-- checklist items, which are not personal.
revoke all on function private.case_needs(public.applications, public.checklist_item)
  from public, anon, authenticated, service_role;
grant execute on function private.case_needs(public.applications, public.checklist_item) to authenticated;
