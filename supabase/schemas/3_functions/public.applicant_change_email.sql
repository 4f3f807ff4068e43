-- "Min søknad" (issue 25): the applicant asks to use a new e-mail address for an open case of their
-- own. The address waits in private.email_changes (a newer request replaces an unconfirmed one) and
-- applicant_email_confirm is queued to it; its link (token purpose email_change,
-- private.email_change_link_lifetime(), issued when the sender claims it) goes to
-- /min-soknad/bekreft-epost/<token>, and public.confirm_email_change makes it the application's
-- address. Answers {"state": "pending"}, {"state": "signed_out"}, {"state": "not_found"}, {"state":
-- "closed"}, or {"state": "unchanged"} for the address the case already has; text that is no
-- address is `invalid field: email` (22023).
--
-- Who may do what: only service_role (the site's server), and then only with a live session.
create function public.applicant_change_email(session text, reference text, new_email text)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  address constant text := private.applicant_session(session);
  application public.applications;
  change_id uuid;
begin
  if address is null then
    return '{"state": "signed_out"}'::jsonb;
  end if;
  application := private.applicant_case(address, reference);
  if application.id is null then
    return '{"state": "not_found"}'::jsonb;
  end if;
  if application.status in ('approved', 'declined', 'withdrawn') then
    return '{"state": "closed"}'::jsonb;
  end if;
  if not private.is_email_address(pg_catalog.to_jsonb(new_email)) then
    raise exception 'invalid field: email' using errcode = '22023';
  end if;
  if pg_catalog.lower(new_email) = pg_catalog.lower(application.email) then
    return '{"state": "unchanged"}'::jsonb;
  end if;
  delete from private.email_changes as e where e.application_id = application.id and e.confirmed_at is null;
  insert into private.email_changes (application_id, new_email) values (application.id, new_email)
    returning id into change_id;
  insert into public.outbox_messages (application_id, template, recipient, subject_id)
    values (application.id, 'applicant_email_confirm', 'applicant', change_id);
  return '{"state": "pending"}'::jsonb;
end;
$$;

revoke all on function public.applicant_change_email(text, text, text) from public, anon, authenticated, service_role;
grant execute on function public.applicant_change_email(text, text, text) to service_role;

comment on function public.applicant_change_email(text, text, text) is
  'For nettstedet (service_role), med en levende økt på Min søknad: søkeren ber om ny e-postadresse; den tas i bruk først når den er bekreftet fra lenken sendt til den nye adressen.';
