-- A coordinator asks the referees of an open case (typically after the first conversation): every
-- referee not asked yet, or asked but whose link has expired, becomes asked, with a link valid for
-- private.link_lifetime(), and gets one referee_request e-mail through the outbox. Returns
-- how many were asked (0 when none was waiting to be). Each change is logged with the coordinator
-- as actor and only the status (private.log_link_change).
--
-- Who may do what: active coordinators (checked inside, private.open_case_for_links); anon and
-- service_role may not execute it.
create function public.request_references(application_reference text)
returns integer
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  case_id uuid := private.open_case_for_links(application_reference);
  asked record;
  asked_count integer := 0;
begin
  for asked in
    with waiting as (
      select r.id, r.status from public.referees as r
        where r.application_id = case_id
          and (r.status = 'not_asked' or (r.status = 'asked' and r.expires_at <= pg_catalog.now()))
        order by r.position
        for update
    )
    update public.referees as r
      set status = 'asked', requested_at = pg_catalog.now(),
          expires_at = pg_catalog.now() + private.link_lifetime()
      from waiting as w
      where r.id = w.id
      returning r.id, w.status as old_status
  loop
    insert into public.outbox_messages (application_id, template, recipient, subject_id)
      values (case_id, 'referee_request', 'referee', asked.id);
    perform private.log_link_change('referees', case_id, asked.id,
      pg_catalog.jsonb_build_object('status', pg_catalog.jsonb_build_object('old', asked.old_status, 'new', 'asked')));
    asked_count := asked_count + 1;
  end loop;
  return asked_count;
end;
$$;

revoke all on function public.request_references(text) from public, anon, authenticated, service_role;
grant execute on function public.request_references(text) to authenticated;

comment on function public.request_references(text) is
  'For aktive koordinatorer: sender forespørsel (e-post med personlig lenke) til referansene i en åpen sak som ikke er spurt ennå, eller der lenken er utløpt. Gir hvor mange som ble spurt.';
