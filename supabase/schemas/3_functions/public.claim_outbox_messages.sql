-- Claims up to `batch` due messages of the e-mail outbox for one sender: pending messages whose
-- time has come, and messages whose sender stopped before its lease ran out. FOR UPDATE SKIP LOCKED
-- means two senders running at once never claim the same message. A claimed message is 'sending'
-- with a lease of `lease_seconds`; a message whose lease ran out after `max_attempts` tries is
-- failed instead. A link e-mail (co_applicant_request, referee_request, referee_reminder) whose link
-- would not open any more (private.link_state: the person has answered online or been taken by
-- phone, the case has ended, the link has expired) is not claimed but cancelled, and never retried:
-- a reminder or a resend waiting for its time must not ask someone who has answered. Its
-- last_error says why, without personal data. (The referee_notice has no link and always goes.)
-- Returns what the templates need: the applicant's address for receipts only; for
-- the link e-mails (co_applicant_request, referee_request, referee_reminder) the co-applicant's or
-- referee's address and name, the applicant's name, and a fresh link token
-- (private.issue_link_token; every claim of a link e-mail makes its own, so a retried send carries a
-- working link too). The token is returned once, here, and stored only as its hash.
-- A referee_notice gets the address and the two names, and no token (it has no link). For the daily
-- overview (no application): the coordinator's address from auth.users while they are an active
-- coordinator (else none, and the sender gives up on it), the day and the counts.
-- Min søknad (issue 25): applicant_link (a sign-in link, token purpose applicant) and the status
-- e-mails go to the applicant's address, applicant_email_confirm (token purpose email_change) to the
-- new address waiting in private.email_changes; for these recipient_name is the applicant's first
-- name (the first word of full_name), the only personal data those e-mails hold.
--
-- Who may do what: only service_role (the sender in server code).
create function public.claim_outbox_messages(
  batch integer default 10,
  lease_seconds integer default 300,
  max_attempts integer default 10
)
returns table (
  id uuid,
  template text,
  recipient text,
  to_address text,
  reference text,
  kind text,
  received_at timestamptz,
  attempts integer,
  idempotency_key text,
  link_token text,
  applicant_name text,
  recipient_name text,
  overview_on date,
  overview_counts jsonb
)
language plpgsql
security definer
set search_path = ''
as $$
#variable_conflict use_column
begin
  if batch is null or batch not between 1 and 100 then
    raise exception 'batch must be between 1 and 100' using errcode = '22023';
  end if;
  if lease_seconds is null or lease_seconds not between 1 and 3600 then
    raise exception 'lease_seconds must be between 1 and 3600' using errcode = '22023';
  end if;
  if max_attempts is null or max_attempts not between 1 and 100 then
    raise exception 'max_attempts must be between 1 and 100' using errcode = '22023';
  end if;

  -- A due link e-mail whose link would not open: cancel it (before giving up on any, so that one
  -- whose sender stopped is cancelled, not failed).
  update public.outbox_messages as m
    set status = 'cancelled', locked_until = null,
        last_error = 'ikke sendt: ' || case gone.state
          when 'used' then 'har svart'
          when 'expired' then 'lenken er utløpt eller saken er avsluttet'
          else 'finnes ikke lenger' end
    from (
      -- recipient co_applicant or referee: the link's purpose.
      select s.id, private.link_state(s.recipient, s.subject_id) as state
        from public.outbox_messages as s
        where s.template in ('co_applicant_request', 'referee_request', 'referee_reminder')
          and ((s.status = 'pending' and s.next_attempt_at <= pg_catalog.now())
            or (s.status = 'sending' and s.locked_until < pg_catalog.now()))
          and private.link_state(s.recipient, s.subject_id) <> 'open'
        for update skip locked
    ) as gone
    where m.id = gone.id;

  -- A sender that stopped mid-send after the last allowed try: give up on the message.
  update public.outbox_messages as m
    set status = 'failed', locked_until = null,
        last_error = 'avsenderen stoppet underveis; ga opp etter ' || m.attempts || ' forsøk'
    where m.id in (
      select s.id from public.outbox_messages as s
        where s.status = 'sending' and s.locked_until < pg_catalog.now()
          and s.attempts >= max_attempts
        for update skip locked);

  return query
  with due as (
    select s.id
      from public.outbox_messages as s
      where (s.status = 'pending' and s.next_attempt_at <= pg_catalog.now())
         or (s.status = 'sending' and s.locked_until < pg_catalog.now())
      order by s.next_attempt_at, s.id
      limit batch
      for update skip locked
  ), claimed as (
    update public.outbox_messages as m
      set status = 'sending',
          attempts = m.attempts + 1,
          locked_until = pg_catalog.now() + pg_catalog.make_interval(secs => lease_seconds)
      from due
      where m.id = due.id
      returning m.id, m.application_id, m.template, m.recipient, m.attempts, m.idempotency_key,
        m.next_attempt_at, m.subject_id, m.overview_on, m.overview_counts
  )
  select c.id, c.template, c.recipient,
         case when c.template = 'applicant_email_confirm' then e.new_email
           else case c.recipient
             when 'applicant' then a.email
             when 'co_applicant' then a.partner_email
             when 'referee' then r.email
             when 'coordinator' then (
               select u.email from auth.users as u
                 join public.coordinators as co on co.user_id = u.id and co.active
                 where u.id = c.subject_id) end end,
         a.reference, a.kind, a.received_at, c.attempts, c.idempotency_key,
         case when c.recipient in ('co_applicant', 'referee') and c.template <> 'referee_notice'
             then private.issue_link_token(c.application_id, c.recipient, c.subject_id)
           when c.template = 'applicant_link'
             then private.issue_link_token(c.application_id, 'applicant', c.subject_id)
           when c.template = 'applicant_email_confirm' and e.id is not null
             then private.issue_link_token(c.application_id, 'email_change', c.subject_id) end,
         case when c.recipient in ('co_applicant', 'referee') then a.full_name end,
         case when c.recipient = 'co_applicant' then a.partner_name
           when c.recipient = 'referee' then r.full_name
           when c.template <> 'receipt' and c.recipient = 'applicant'
             then pg_catalog.split_part(pg_catalog.btrim(a.full_name), ' ', 1) end,
         c.overview_on, c.overview_counts
    from claimed as c
    left join public.applications as a on a.id = c.application_id
    left join public.referees as r on c.recipient = 'referee' and r.id = c.subject_id
    left join private.email_changes as e
      on c.template = 'applicant_email_confirm' and e.id = c.subject_id and e.confirmed_at is null
    order by c.next_attempt_at, c.id;
end;
$$;

revoke all on function public.claim_outbox_messages(integer, integer, integer)
  from public, anon, authenticated;
grant execute on function public.claim_outbox_messages(integer, integer, integer) to service_role;

comment on function public.claim_outbox_messages(integer, integer, integer) is
  'For avsenderen (service_role): reserverer inntil batch meldinger som skal sendes nå, og returnerer det malene trenger. To avsendere får aldri samme melding.';
