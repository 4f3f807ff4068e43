-- Records the two messages of a new application in the e-mail outbox (public.outbox_messages), in
-- the inserting transaction. SECURITY DEFINER because applications are inserted by a role (the
-- site's, through submit_application) that may not write the outbox itself.
create function private.enqueue_application_messages()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into public.outbox_messages (application_id, template, recipient)
    values (new.id, 'receipt', 'applicant'), (new.id, 'coordinator_notice', 'coordinators');
  return null;
end;
$$;

create trigger applications_enqueue_messages
  after insert on public.applications
  for each row execute function private.enqueue_application_messages();

revoke all on function private.enqueue_application_messages() from public, anon, authenticated;
