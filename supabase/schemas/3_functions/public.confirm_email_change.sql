-- "Min søknad" (issue 25): the link sent to a new address was followed and its button pressed. Makes
-- the waiting address (private.email_changes) the application's, once: {"state": "confirmed"}, or
-- {"state": "unknown" | "used" | "expired"} and nothing changes (expired also when the case has
-- ended, or a newer request replaced this one). The audit row has actor_role applicant and no
-- value. Sessions opened with the old address now see the new one's applications (the session
-- follows its application).
--
-- Who may do what: only service_role (the site's server).
create function public.confirm_email_change(token text)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  link private.link_tokens;
  change private.email_changes;
begin
  select * into link from private.link_tokens as t
    where t.token_hash = private.link_token_hash(token) and t.purpose = 'email_change'
    for update;
  if not found then
    return '{"state": "unknown"}'::jsonb;
  elsif link.used_at is not null then
    return '{"state": "used"}'::jsonb;
  end if;
  select * into change from private.email_changes as e where e.id = link.subject_id for update;
  if link.expires_at <= pg_catalog.now() or change.id is null or change.confirmed_at is not null
      or exists (select from public.applications as a
                 where a.id = link.application_id and a.status in ('approved', 'declined', 'withdrawn')) then
    return '{"state": "expired"}'::jsonb;
  end if;
  update private.link_tokens as t set used_at = pg_catalog.now() where t.token_hash = link.token_hash;
  update private.email_changes as e set confirmed_at = pg_catalog.now() where e.id = change.id;
  perform private.act_as_applicant();
  update public.applications as a set email = change.new_email where a.id = change.application_id;
  return '{"state": "confirmed"}'::jsonb;
end;
$$;

revoke all on function public.confirm_email_change(text) from public, anon, authenticated, service_role;
grant execute on function public.confirm_email_change(text) to service_role;

comment on function public.confirm_email_change(text) is
  'For nettstedet (service_role): bekrefter søkerens nye e-postadresse fra lenken sendt dit, én gang.';
