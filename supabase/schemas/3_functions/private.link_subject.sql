-- What a personal link leads to, for the link pages' functions (public.open_link,
-- answer_co_applicant, answer_reference): its purpose, application and subject, the applicant's
-- name and the kind of application, when it expires, and its state:
--   unknown  no such token (or text that is no token);
--   used     its subject has answered (confirmed or declined; answered, declined or taken by phone);
--   expired  its subject's expires_at has passed, or the case has ended (approved, declined,
--            withdrawn), or the referee is not asked (any more);
--   open     it may be answered.
-- Every token of a subject counts the same: the subject's own expiry and answer decide. With
-- `lock`, the subject's row is locked (FOR UPDATE) so that two answers at once are taken one after
-- the other and the second finds the link used.
create function private.link_subject(
  token text,
  lock boolean,
  out state text,
  out purpose text,
  out application_id uuid,
  out subject_id uuid,
  out applicant_name text,
  out kind text,
  out expires_at timestamptz
)
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  subject_status text;
  case_status text;
begin
  select t.purpose, t.application_id, t.subject_id into purpose, application_id, subject_id
    from private.link_tokens as t
    where t.token_hash = private.link_token_hash(token);
  if not found then
    state := 'unknown';
    purpose := null;
    return;
  end if;

  if purpose = 'co_applicant' then
    if lock then
      perform from public.co_applicant_parts as p where p.application_id = link_subject.subject_id for update;
    end if;
    select p.status, p.expires_at, a.status, a.full_name, a.kind
      into subject_status, expires_at, case_status, applicant_name, kind
      from public.co_applicant_parts as p
        join public.applications as a on a.id = p.application_id
      where p.application_id = link_subject.subject_id;
    state := case when subject_status is null then 'unknown'
      when subject_status <> 'pending' then 'used' end;
  else
    if lock then
      perform from public.referees as r where r.id = link_subject.subject_id for update;
    end if;
    select r.status, r.expires_at, a.status, a.full_name, a.kind
      into subject_status, expires_at, case_status, applicant_name, kind
      from public.referees as r
        join public.applications as a on a.id = r.application_id
      where r.id = link_subject.subject_id;
    state := case when subject_status is null then 'unknown'
      when subject_status in ('answered', 'declined', 'by_phone') then 'used'
      when subject_status <> 'asked' then 'expired' end;
  end if;
  if state is null then
    state := case
      when expires_at is null or expires_at <= pg_catalog.now()
        or case_status in ('approved', 'declined', 'withdrawn') then 'expired'
      else 'open' end;
  end if;
  if state <> 'open' then
    purpose := null; application_id := null; subject_id := null; applicant_name := null;
    kind := null; expires_at := null;
  end if;
end;
$$;

revoke all on function private.link_subject(text, boolean) from public, anon, authenticated, service_role;
