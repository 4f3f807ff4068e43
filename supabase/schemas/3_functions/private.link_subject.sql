-- What a personal link leads to, for the link pages' functions (public.open_link,
-- answer_co_applicant, answer_reference): its purpose, application and subject, the applicant's
-- name and the kind of application, when it expires, and its state: unknown for no such token (or
-- text that is no token), else its subject's private.link_state (unknown, used, expired, open).
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
begin
  select t.purpose, t.application_id, t.subject_id into purpose, application_id, subject_id
    from private.link_tokens as t
    where t.token_hash = private.link_token_hash(token);
  if not found then
    state := 'unknown';
    purpose := null;
    return;
  end if;

  if lock and purpose = 'co_applicant' then
    perform from public.co_applicant_parts as p where p.application_id = link_subject.subject_id for update;
  elsif lock and purpose = 'referee' then
    perform from public.referees as r where r.id = link_subject.subject_id for update;
  end if;
  state := private.link_state(purpose, subject_id);
  if state <> 'open' then
    purpose := null; application_id := null; subject_id := null;
    return;
  end if;
  select coalesce(p.expires_at, r.expires_at), a.full_name, a.kind into expires_at, applicant_name, kind
    from public.applications as a
      left join public.co_applicant_parts as p
        on link_subject.purpose = 'co_applicant' and p.application_id = link_subject.subject_id
      left join public.referees as r on link_subject.purpose = 'referee' and r.id = link_subject.subject_id
    where a.id = link_subject.application_id;
end;
$$;

revoke all on function private.link_subject(text, boolean) from public, anon, authenticated, service_role;
