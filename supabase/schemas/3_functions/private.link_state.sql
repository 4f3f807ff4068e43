-- Whether a personal link of a subject (the co-applicant's part of an application, or one referee)
-- may be answered now; the one definition that private.link_subject (the link pages) and
-- public.claim_outbox_messages (the link e-mails) share, so that an e-mail is sent only while the
-- link it carries would open:
--   unknown  no such subject (or a purpose without a subject of this kind);
--   used     its subject has answered (confirmed or declined; answered, declined or taken by phone);
--   expired  its subject's expires_at has passed, or the case has ended (approved, declined,
--            withdrawn: what private.open_case_for_links and the reminder job refuse too), or the
--            referee is not asked (any more);
--   open     it may be answered.
-- Locks nothing: private.link_subject locks the subject's row first when it is about to answer.
create function private.link_state(purpose text, subject_id uuid)
returns text
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  subject_status text;
  expires timestamptz;
  case_status text;
begin
  if purpose = 'co_applicant' then
    select p.status, p.expires_at, a.status into subject_status, expires, case_status
      from public.co_applicant_parts as p
        join public.applications as a on a.id = p.application_id
      where p.application_id = link_state.subject_id;
    if subject_status is null then
      return 'unknown';
    elsif subject_status <> 'pending' then
      return 'used';
    end if;
  elsif purpose = 'referee' then
    select r.status, r.expires_at, a.status into subject_status, expires, case_status
      from public.referees as r
        join public.applications as a on a.id = r.application_id
      where r.id = link_state.subject_id;
    if subject_status is null then
      return 'unknown';
    elsif subject_status in ('answered', 'declined', 'by_phone') then
      return 'used';
    elsif subject_status <> 'asked' then
      return 'expired';
    end if;
  else
    return 'unknown';
  end if;
  if expires is null or expires <= pg_catalog.now()
      or case_status in ('approved', 'declined', 'withdrawn') then
    return 'expired';
  end if;
  return 'open';
end;
$$;

revoke all on function private.link_state(text, uuid) from public, anon, authenticated, service_role;
