-- The daily overview's counts (issue 26) for every active coordinator, as of `day` (Europe/Oslo),
-- in one pass over the open and the ended-not-journalført cases: each case's counts are summed per
-- (assigned coordinator, new and unassigned) first, so 50 coordinators cost no more than one.
--
-- A coordinator's overview covers their own cases (assigned_to) and the new ones nobody has taken
-- (status received, no coordinator); a lead's covers every case. The counts:
--   new_unassigned         received, nobody has taken it;
--   contact_due_today      open, no contact yet, contact deadline (applications.contact_due_on) today;
--   contact_overdue        open, no contact yet, deadline passed (the queue's no_contact_overdue);
--   certificates_expiring  verified police certificates (applicant's and co-applicant's, from the
--                          checklist) on open cases that stop being valid within 14 days
--                          (private.certificate_valid_until between day and day + 14);
--   referees_waiting       referees asked private.link_reminder_after() or more ago (Oslo days)
--                          who have not answered;
--   co_applicants_pending  co-applicants who have not confirmed (nor declined) on open cases;
--   ended_not_journaled    ended cases not yet journalført (public.journal_queue's rule).
-- "No contact" is the queue's: no conversation, no home visit, no note marked as contact.
--
-- Who may do what: no API role may execute it; private.queue_daily_overviews calls it.
create function private.daily_overview_counts(day date)
returns table (
  coordinator_id uuid,
  is_lead boolean,
  new_unassigned bigint,
  contact_due_today bigint,
  contact_overdue bigint,
  certificates_expiring bigint,
  referees_waiting bigint,
  co_applicants_pending bigint,
  ended_not_journaled bigint
)
language sql
stable
set search_path = ''
as $$
  with waiting_referees as (
    select r.application_id, count(*) as n
      from public.referees as r
      where r.status = 'asked'
        and (r.requested_at at time zone 'Europe/Oslo')::date
          <= (day - private.link_reminder_after())::date
      group by r.application_id
  ),
  open_case as (
    select
      a.assigned_to,
      a.status = 'received' and a.assigned_to is null as unassigned_new,
      (cl.conversation_held_on is null and cl.home_visit_held_on is null
        and cl.last_contact_note_at is null) as no_contact,
      a.contact_due_on,
      coalesce((private.certificate_valid_until(cl.certificate_issued_on)
          between day and day + 14)::integer, 0)
        + coalesce((private.certificate_valid_until(cl.partner_certificate_issued_on)
          between day and day + 14)::integer, 0) as certificates,
      coalesce(w.n, 0) as referees,
      (p.status = 'pending') as co_applicant_pending
    from public.applications as a
      join public.application_checklists as cl on cl.application_id = a.id
      left join waiting_referees as w on w.application_id = a.id
      left join public.co_applicant_parts as p on p.application_id = a.id
    where a.status in ('received', 'in_review', 'conversation_scheduled', 'home_visit')
  ),
  per_owner as (
    select
      o.assigned_to,
      o.unassigned_new,
      count(*) filter (where o.unassigned_new) as new_unassigned,
      count(*) filter (where o.no_contact and o.contact_due_on = day) as contact_due_today,
      count(*) filter (where o.no_contact and o.contact_due_on < day) as contact_overdue,
      coalesce(sum(o.certificates), 0) as certificates_expiring,
      sum(o.referees) as referees_waiting,
      count(*) filter (where o.co_applicant_pending) as co_applicants_pending,
      0::bigint as ended_not_journaled
    from open_case as o
    group by o.assigned_to, o.unassigned_new
    union all
    select e.assigned_to, false, 0, 0, 0, 0, 0, 0, count(*)
    from public.applications as e
    where e.status in ('approved', 'declined', 'withdrawn') and e.journal_reference is null
    group by e.assigned_to
  )
  select
    co.user_id,
    co.role = 'lead',
    coalesce(sum(g.new_unassigned), 0)::bigint,
    coalesce(sum(g.contact_due_today), 0)::bigint,
    coalesce(sum(g.contact_overdue), 0)::bigint,
    coalesce(sum(g.certificates_expiring), 0)::bigint,
    coalesce(sum(g.referees_waiting), 0)::bigint,
    coalesce(sum(g.co_applicants_pending), 0)::bigint,
    coalesce(sum(g.ended_not_journaled), 0)::bigint
  from public.coordinators as co
    left join per_owner as g
      on co.role = 'lead' or g.assigned_to = co.user_id or g.unassigned_new
  where co.active
  group by co.user_id, co.role
$$;

revoke all on function private.daily_overview_counts(date)
  from public, anon, authenticated, service_role;

comment on function private.daily_overview_counts(date) is
  'Tallene i den daglige oversikten per aktive koordinator for en dag: egne saker og nye saker ingen har tatt (ledere: alle saker). Bare tall.';
