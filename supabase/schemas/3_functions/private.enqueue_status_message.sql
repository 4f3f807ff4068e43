-- The status e-mails of Min søknad (issue 25): when a case moves to a step the applicant should know
-- of (conversation_scheduled, home_visit, approved, declined, or withdrawn by the service), one
-- outbox message status_<status> to the applicant, exactly once per application and status (the
-- unique index outbox_messages_one_status_email). Never for the applicant's own withdrawal (the
-- page confirms it). The e-mail holds only the first name and a link to /min-soknad/
-- (public.claim_outbox_messages).
create function private.enqueue_status_message()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.status in ('conversation_scheduled', 'home_visit', 'approved', 'declined')
      or (new.status = 'withdrawn' and not new.withdrawn_by_applicant) then
    insert into public.outbox_messages (application_id, template, recipient)
      values (new.id, 'status_' || new.status, 'applicant')
      on conflict (application_id, template) where template like 'status\_%' do nothing;
  end if;
  return null;
end;
$$;

create trigger applications_status_messages
  after update of status on public.applications
  for each row when (old.status is distinct from new.status)
  execute function private.enqueue_status_message();

revoke all on function private.enqueue_status_message() from public, anon, authenticated, service_role;
