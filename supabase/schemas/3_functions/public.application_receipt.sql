-- The receipt of an already stored submission, for a resend the form itself would now refuse
-- (for example after midnight, when the certificate date has aged by a day).
--
-- Who may do what: only service_role (the site's server).
create function public.application_receipt(submission_id uuid)
returns text
language sql
stable
security definer
set search_path = ''
as $$
  select a.reference from public.applications as a where a.submission_id = application_receipt.submission_id
$$;

revoke all on function public.application_receipt(uuid) from public, anon, authenticated, service_role;
grant execute on function public.application_receipt(uuid) to service_role;

comment on function public.application_receipt(uuid) is
  'For nettstedet (service_role): referansen til en søknad som allerede er lagret med denne innsendings-ID-en, ellers tom.';
