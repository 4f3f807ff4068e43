-- When two apply together to become a visit home, the co-applicant's part
-- (public.co_applicant_parts, pending) and the e-mail with their link (public.outbox_messages,
-- co_applicant_request) are made with the application, in the inserting transaction: the link is
-- valid for private.link_lifetime(). SECURITY DEFINER because applications are inserted by a role
-- (the site's, through submit_application) that may write neither table.
create function private.co_applicant_parts_create()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if private.applies_together(new.applying_with) then
    insert into public.co_applicant_parts (application_id, requested_at, expires_at)
      values (new.id, pg_catalog.now(), pg_catalog.now() + private.link_lifetime());
    insert into public.outbox_messages (application_id, template, recipient, subject_id)
      values (new.id, 'co_applicant_request', 'co_applicant', new.id);
  end if;
  return null;
end;
$$;

create trigger applications_co_applicant_part
  after insert on public.applications
  for each row execute function private.co_applicant_parts_create();

revoke all on function private.co_applicant_parts_create() from public, anon, authenticated, service_role;
