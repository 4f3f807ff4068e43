-- Adds (sign 1) or takes back (sign -1) what one case contributes to the lead's numbers
-- (private.case_figures) in its month of receipt. The triggers take back the case's contribution as
-- it was and add it as it is now, so a count follows every change of the case while it exists, and
-- stays when it is deleted.
create function private.figures_apply(
  sign integer,
  kind text,
  heard_about text,
  received_on date,
  contact_due_on date,
  status text,
  status_changed_at timestamptz,
  withdrawn_by_applicant boolean,
  first_contact_note_at timestamptz,
  conversation_held_on date,
  home_visit_held_on date
)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  f record;
begin
  select * into f from private.case_figures(received_on, status, status_changed_at, withdrawn_by_applicant,
    first_contact_note_at, conversation_held_on, home_visit_held_on);

  insert into private.monthly_figures as m (month, kind, received, contacted, contacted_in_time,
      conversations, approved, declined, withdrawn_by_applicant, withdrawn_by_service)
    values (f.month, figures_apply.kind, sign,
      sign * (f.contacted_on is not null)::integer,
      sign * coalesce(f.contacted_on <= contact_due_on, false)::integer,
      sign * f.conversation::integer,
      sign * (f.outcome is not distinct from 'approved')::integer,
      sign * (f.outcome is not distinct from 'declined')::integer,
      sign * (f.outcome is not distinct from 'withdrawn_by_applicant')::integer,
      sign * (f.outcome is not distinct from 'withdrawn_by_service')::integer)
    on conflict on constraint monthly_figures_pkey do update set
      received = m.received + excluded.received,
      contacted = m.contacted + excluded.contacted,
      contacted_in_time = m.contacted_in_time + excluded.contacted_in_time,
      conversations = m.conversations + excluded.conversations,
      approved = m.approved + excluded.approved,
      declined = m.declined + excluded.declined,
      withdrawn_by_applicant = m.withdrawn_by_applicant + excluded.withdrawn_by_applicant,
      withdrawn_by_service = m.withdrawn_by_service + excluded.withdrawn_by_service;

  insert into private.monthly_sources as s (month, kind, source, received, approved)
    values (f.month, figures_apply.kind, coalesce(heard_about, 'ikke-oppgitt'), sign,
      sign * (f.outcome is not distinct from 'approved')::integer)
    on conflict on constraint monthly_sources_pkey do update set
      received = s.received + excluded.received, approved = s.approved + excluded.approved;

  insert into private.monthly_day_counts as d (month, kind, measure, days, cases)
    select f.month, figures_apply.kind, x.measure, x.days, sign
      from (values ('contact', f.contacted_on - received_on), ('decision', f.decided_on - received_on))
        as x (measure, days)
      where x.days is not null
    on conflict on constraint monthly_day_counts_pkey do update set cases = d.cases + excluded.cases;
end;
$$;

revoke all on function private.figures_apply(integer, text, text, date, date, text, timestamptz, boolean,
  timestamptz, date, date) from public, anon, authenticated;
