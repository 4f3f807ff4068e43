-- "Min søknad" (issue 25): what the holder of a live session sees, for every application with the
-- session's address (private.applicant_session), newest first:
--   {"state": "open", "applications": [{"reference", "kind", "status", "received_at",
--     "contact_due_on", "steps": [{"step", "state"}], "next": [...], "referees": {"wanted", "done"},
--     "co_applicant": "pending" | "confirmed" | "declined" | null, "answers": {...},
--     "erasure_requested_at", "withdrawn_by_applicant", "email_change_pending"}]}
-- or {"state": "signed_out"}.
-- steps, in order: received, conversation, certificate, home_visit (visit homes; not_needed for
-- supervisors), references, decision; each done | current | todo | not_needed. An open case's
-- first step not done is current; an ended case's decision is done and what was left not_needed.
-- conversation is done once held (checklist) or the case is further on; certificate once a
-- coordinator has recorded it (and the partner's, for two applying together); home_visit once held
-- or approved; references once as many as asked for have answered (online or by phone) or a
-- coordinator ticked them.
-- next (open cases only; the site words them): await_contact (received: the service calls by
-- contact_due_on), order_certificate (the applicant is to order a certificate and none is recorded:
-- once the confirmation of purpose has come), co_applicant_pending, referees_pending.
-- answers: the applicant's own answers as given (the columns the form filled, and the referees
-- they named with name, relation, phone and e-mail). Never notes, who and when of the checklist,
-- referees' answers or states, nor anything of other addresses.
--
-- Who may do what: only service_role (the site's server), and then only with a live session.
create function public.applicant_page(session text)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  address constant text := private.applicant_session(session);
begin
  if address is null then
    return '{"state": "signed_out"}'::jsonb;
  end if;
  return pg_catalog.jsonb_build_object('state', 'open', 'applications', coalesce((
    select pg_catalog.jsonb_agg(x.page order by x.received_at desc, x.reference)
    from (
      select a.received_at, a.reference, pg_catalog.jsonb_build_object(
        'reference', a.reference, 'kind', a.kind, 'status', a.status, 'received_at', a.received_at,
        'contact_due_on', a.contact_due_on,
        'steps', (select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('step', s.step, 'state',
              case when s.not_needed then 'not_needed'
                when s.done then 'done'
                when ended then 'not_needed'
                when s.ord = (select pg_catalog.min(t.ord) from pg_catalog.unnest(steps) with ordinality as t (d, ord)
                              where not t.d) then 'current'
                else 'todo' end) order by s.ord)
            from (select u.step, u.ord, d.done, u.step = 'home_visit' and a.kind = 'tilsynsperson' as not_needed
                  from pg_catalog.unnest(array['received', 'conversation', 'certificate', 'home_visit',
                      'references', 'decision']) with ordinality as u (step, ord)
                    join pg_catalog.unnest(steps) with ordinality as d (done, ord) on d.ord = u.ord) as s),
        'next', pg_catalog.to_jsonb(array_remove(array[
            case when a.status = 'received' then 'await_contact' end,
            case when not ended and a.certificate_status = 'bestiller' and not steps[3] then 'order_certificate' end,
            case when not ended and p.status = 'pending' then 'co_applicant_pending' end,
            case when not ended and a.referees_wanted > 0 and not steps[5] then 'referees_pending' end
          ], null)),
        'referees', pg_catalog.jsonb_build_object('wanted', a.referees_wanted, 'done', r.done),
        'co_applicant', p.status,
        'answers', pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
          'full_name', a.full_name, 'email', a.email, 'phone', a.phone, 'call_time', a.call_time,
          'street_address', a.street_address, 'postcode', a.postcode, 'postal_place', a.postal_place,
          'over_18', a.over_18, 'motivation', a.motivation, 'certificate_status', a.certificate_status,
          'certificate_issued_on', a.certificate_issued_on, 'commitment_months', a.commitment_months,
          'confirmed_requirements', a.confirmed_requirements, 'heard_about', a.heard_about,
          'applying_with', a.applying_with, 'partner_name', a.partner_name,
          'partner_phone', a.partner_phone, 'partner_email', a.partner_email, 'adults', a.adults,
          'others_informed', a.others_informed, 'children', a.children,
          'children_ages', a.children_ages, 'spare_bed', a.spare_bed,
          'weekends_per_month', a.weekends_per_month, 'also_available', a.also_available,
          'siblings', a.siblings, 'suited_ages', a.suited_ages,
          'experience_kinds', a.experience_kinds, 'experience_years', a.experience_years,
          'availability', a.availability, 'children_capacity', a.children_capacity,
          'languages', a.languages, 'privacy_version', a.privacy_version,
          'referees', r.named)),
        'erasure_requested_at', a.erasure_requested_at,
        'withdrawn_by_applicant', a.withdrawn_by_applicant,
        'email_change_pending', exists (select from private.email_changes as e
          where e.application_id = a.id and e.confirmed_at is null
            and e.requested_at > pg_catalog.now() - private.email_change_link_lifetime())) as page
      from public.applications as a
        left join public.application_checklists as c on c.application_id = a.id
        left join public.co_applicant_parts as p on p.application_id = a.id
        cross join lateral (
          select pg_catalog.count(*) filter (where f.status in ('answered', 'by_phone'))::integer as done,
            pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('full_name', f.full_name,
              'relation', f.relation, 'phone', f.phone, 'email', f.email) order by f.position) as named
          from public.referees as f where f.application_id = a.id) as r
        cross join lateral (select a.status in ('approved', 'declined', 'withdrawn') as ended) as e
        cross join lateral (select array[
            true,
            c.conversation_held_on is not null or a.status in ('home_visit', 'approved'),
            c.certificate_issued_on is not null
              and (not a.applies_together or c.partner_certificate_issued_on is not null),
            a.kind = 'tilsynsperson' or c.home_visit_held_on is not null or a.status = 'approved',
            coalesce(c.references_checked, false) or (a.referees_wanted > 0 and r.done >= a.referees_wanted),
            e.ended] as steps) as d
      where pg_catalog.lower(a.email) = address
    ) as x), '[]'::jsonb));
end;
$$;

revoke all on function public.applicant_page(text) from public, anon, authenticated, service_role;
grant execute on function public.applicant_page(text) to service_role;

comment on function public.applicant_page(text) is
  'For nettstedet (service_role), med en levende økt på Min søknad: søkerens egne søknader med status, steg, hva søkeren må gjøre og svarene slik de ble gitt. Aldri notater, sjekklistens hvem og når eller referansenes svar.';
