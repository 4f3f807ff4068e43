-- The checklist of one case as the workspace shows it: one entry per item the case needs
-- (private.case_needs), in the items' order, with the item's texts (public.checklist_items), the
-- stored value (an ISO date, or true/false for a toggle), whether it is done, who recorded it and
-- when (the item's by/at columns, or else the newest audit-log entry that changed its column), and
-- for a police certificate its last valid day. The page fills the texts' placeholders; nothing
-- about the items is written in TypeScript.
--
-- The references item of a case whose form asked for referees (applications.referees_wanted > 0)
-- is counted, not ticked: `input` is 'derived' (the page offers no button), `label` 'Referanser',
-- `value` how many referees have answered online or been taken by phone (as text, e.g. '1'),
-- `done` whether that is at least referees_wanted, `recorded_at` the latest of those answers
-- (recorded_by null: several people gave them), and `done_text` / `not_done_text` the sentences
-- "N av M referanser er mottatt eller tatt på telefon." / "Bare N av M referanser er mottatt eller
-- tatt på telefon." with the numbers filled in (the latter is also the approval guard's). With
-- referees_wanted = 0 it is the coordinator's tick, as before.
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
  select i.item,
    case when counted.wanted then 'derived' else i.input end,
    case when counted.wanted then 'Referanser' else i.label end,
    case when counted.wanted then null else i.undo_label end,
    case when counted.wanted then null else i.hint end,
    v.value, v.done,
    case when v.done and not counted.wanted then coalesce((c.checklist ->> i.by_column)::uuid, logged.actor_id) end,
    case when v.done then
      case when counted.wanted then counted.last_at
        else coalesce((c.checklist ->> i.at_column)::timestamptz, logged.occurred_at) end end,
    case when i.certificate and v.done then private.certificate_valid_until(v.value::date) end,
    case when counted.wanted
      then pg_catalog.format('%s av %s referanser er mottatt eller tatt på telefon.', counted.received, a.referees_wanted)
      else i.done_text end,
    case when counted.wanted
      then pg_catalog.format('Bare %s av %s referanser er mottatt eller tatt på telefon.', counted.received, a.referees_wanted)
      else i.not_done_text end
  from public.applications as a
    join lateral (
      select pg_catalog.to_jsonb(cl) as checklist
        from public.application_checklists as cl where cl.application_id = a.id
    ) as c on true
    cross join public.checklist_items as i
    -- The references item of a case whose form asked for referees: counted from their answers.
    cross join lateral (
      select i.item = 'references' and a.referees_wanted > 0 as wanted,
        pg_catalog.count(*) filter (where r.status in ('answered', 'by_phone')) as received,
        pg_catalog.max(r.answered_at) filter (where r.status in ('answered', 'by_phone')) as last_at
        from public.referees as r
        where i.item = 'references' and a.referees_wanted > 0 and r.application_id = a.id
    ) as counted
    cross join lateral (
      select
        case when counted.wanted then counted.received::text else c.checklist ->> i.column_name end as value,
        case when counted.wanted then counted.received >= a.referees_wanted
          else coalesce(c.checklist ->> i.column_name <> 'false', false) end as done
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
