-- A coordinator sends a personal link again: with `referee_id` null, to the co-applicant (while
-- their part is pending), else to that referee of the case (while asked, also after the link has
-- expired). The subject gets a new requested_at and a link valid for private.link_lifetime() from
-- now, and the request e-mail is queued again (with a fresh token; earlier tokens count by the same
-- expiry). A referee's reminder is not sent again (at most one per referee). Returns false when
-- there is nothing to resend (answered, declined, not asked yet, or no such co-applicant or referee
-- in this case). Logged with the coordinator as actor and the new requested_at only.
--
-- Who may do what: active coordinators (checked inside, private.open_case_for_links); anon and
-- service_role may not execute it.
create function public.resend_link(application_reference text, referee_id uuid default null)
returns boolean
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  case_id uuid := private.open_case_for_links(application_reference);
  old_requested timestamptz;
  subject uuid;
begin
  if referee_id is null then
    select p.requested_at, p.application_id into old_requested, subject
      from public.co_applicant_parts as p
      where p.application_id = case_id and p.status = 'pending'
      for update;
    if subject is null then
      return false;
    end if;
    update public.co_applicant_parts as p
      set requested_at = pg_catalog.now(), expires_at = pg_catalog.now() + private.link_lifetime()
      where p.application_id = case_id;
    insert into public.outbox_messages (application_id, template, recipient, subject_id)
      values (case_id, 'co_applicant_request', 'co_applicant', case_id);
    perform private.log_link_change('co_applicant_parts', case_id, case_id,
      pg_catalog.jsonb_build_object('requested_at',
        pg_catalog.jsonb_build_object('old', old_requested, 'new', pg_catalog.now())));
  else
    select r.requested_at, r.id into old_requested, subject
      from public.referees as r
      where r.id = resend_link.referee_id and r.application_id = case_id and r.status = 'asked'
      for update;
    if subject is null then
      return false;
    end if;
    update public.referees as r
      set requested_at = pg_catalog.now(), expires_at = pg_catalog.now() + private.link_lifetime()
      where r.id = subject;
    insert into public.outbox_messages (application_id, template, recipient, subject_id)
      values (case_id, 'referee_request', 'referee', subject);
    perform private.log_link_change('referees', case_id, subject,
      pg_catalog.jsonb_build_object('requested_at',
        pg_catalog.jsonb_build_object('old', old_requested, 'new', pg_catalog.now())));
  end if;
  return true;
end;
$$;

revoke all on function public.resend_link(text, uuid) from public, anon, authenticated, service_role;
grant execute on function public.resend_link(text, uuid) to authenticated;

comment on function public.resend_link(text, uuid) is
  'For aktive koordinatorer: sender lenken på nytt til medsøkeren (referee_id tom, mens hen ikke har svart) eller til en referanse som er spurt og ikke har svart. Lenken gjelder 21 dager fra nå. Gir false når det ikke er noe å sende.';
