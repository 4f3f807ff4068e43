-- The checklist of one case as the workspace shows it: one entry per item the case needs
-- (private.case_needs), in the items' order, with the item's texts (public.checklist_items), the
-- stored value (an ISO date, or true/false for a toggle), whether it is done, who recorded it and
-- when (the item's by/at columns, or else the newest audit-log entry that changed its column), and
-- for a police certificate its last valid day. The page fills the texts' placeholders; nothing
-- about the items is written in TypeScript.
--
-- Who may do what: it runs with the caller's privileges, so only active coordinators get anything
-- (the tables' policies answer anyone else with 42501); anon may not call it.
create function public.case_checklist(application_reference text)
returns table (
  item public.checklist_item,
  input text,
  label text,
  undo_label text,
  hint text,
  value text,
  done boolean,
  recorded_by uuid,
  recorded_at timestamptz,
  valid_until date,
  done_text text,
  not_done_text text
)
language sql
stable
security invoker
set search_path = ''
as $$
  select i.item, i.input, i.label, i.undo_label, i.hint, v.value, v.done,
    case when v.done then coalesce((c.checklist ->> i.by_column)::uuid, logged.actor_id) end,
    case when v.done then coalesce((c.checklist ->> i.at_column)::timestamptz, logged.occurred_at) end,
    case when i.certificate and v.done then private.certificate_valid_until(v.value::date) end,
    i.done_text, i.not_done_text
  from public.applications as a
    join lateral (
      select pg_catalog.to_jsonb(cl) as checklist
        from public.application_checklists as cl where cl.application_id = a.id
    ) as c on true
    cross join public.checklist_items as i
    cross join lateral (
      select c.checklist ->> i.column_name as value,
        coalesce(c.checklist ->> i.column_name <> 'false', false) as done
    ) as v
    -- Who recorded a date that has no "by" column of its own: the newest change to it in the log.
    left join lateral (
      select l.actor_id, l.occurred_at
        from public.audit_log as l
        where i.by_column is null
          and l.application_id = a.id
          and l.table_name = 'application_checklists'
          and l.action = 'update'
          and l.changes ? i.column_name
        order by l.occurred_at desc, l.id desc
        limit 1
    ) as logged on true
  where a.reference = application_reference and private.case_needs(a, i.item)
  order by i.position
$$;

revoke all on function public.case_checklist(text) from public, anon, authenticated, service_role;
grant execute on function public.case_checklist(text) to authenticated;

comment on function public.case_checklist(text) is
  'Sjekklisten for søknaden med denne referansen slik arbeidsflaten viser den: ett punkt per punkt saken trenger, med tekstene, verdien, om det er gjort, hvem og når. Bare for aktive koordinatorer.';
