-- What one case adds to the lead's numbers (private.monthly_figures, monthly_day_counts,
-- monthly_sources), from its own data: the one definition the triggers (private.figures_apply) and
-- the first count (private.figures_count_existing) share.
--   month         the month it was received (Europe/Oslo);
--   contacted_on  its first contact: the earliest of its first contact note's day, the conversation
--                 and the home visit, as the screening queue counts contact (its last_contact_on);
--   conversation  the conversation is recorded as held;
--   outcome       approved, declined, withdrawn_by_applicant (the applicant withdrew on Min søknad:
--                 applications.withdrawn_by_applicant) or withdrawn_by_service (recorded by a
--                 coordinator, also when the applicant asked by phone);
--   decided_on    the day of approval or decline (a withdrawal is no decision).
create function private.case_figures(
  received_on date,
  status text,
  status_changed_at timestamptz,
  withdrawn_by_applicant boolean,
  first_contact_note_at timestamptz,
  conversation_held_on date,
  home_visit_held_on date,
  out month date,
  out contacted_on date,
  out conversation boolean,
  out outcome text,
  out decided_on date
)
language sql
stable
set search_path = ''
as $$
  select
    pg_catalog.date_trunc('month', received_on)::date,
    -- least() skips nulls: null only when none of the three happened.
    least((first_contact_note_at at time zone 'Europe/Oslo')::date, conversation_held_on,
      home_visit_held_on),
    conversation_held_on is not null,
    case status
      when 'approved' then 'approved'
      when 'declined' then 'declined'
      when 'withdrawn' then
        case when withdrawn_by_applicant then 'withdrawn_by_applicant' else 'withdrawn_by_service' end
    end,
    case when status in ('approved', 'declined') then (status_changed_at at time zone 'Europe/Oslo')::date end
$$;

revoke all on function private.case_figures(date, text, timestamptz, boolean, timestamptz, date, date)
  from public, anon, authenticated;
