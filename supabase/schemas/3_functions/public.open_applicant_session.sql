-- "Min søknad" (issue 25): the applicant pressed the button of their sign-in link. Uses the link
-- up and opens a session: {"state": "open", "session": "<43-character token>", "expires_at": "…"}
-- (the latest it can last: private.applicant_session_lifetime() after opening; it ends earlier
-- when unused, see private.applicant_session), or {"state": "unknown" | "used" | "expired"} and
-- nothing happens. Only the session token's SHA-256 is stored (private.applicant_sessions).
-- `client` is accepted for the site's logs' sake and not stored: a 256-bit token leaves nothing to
-- guess, so no limit.
--
-- Who may do what: only service_role (the site's server).
create function public.open_applicant_session(link_token text, client text)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  link private.link_tokens;
  session text := pg_catalog.rtrim(
    pg_catalog.translate(pg_catalog.encode(extensions.gen_random_bytes(32), 'base64'), '+/', '-_'), '=');
  opened timestamptz := pg_catalog.now();
begin
  select * into link from private.link_tokens as t
    where t.token_hash = private.link_token_hash(link_token) and t.purpose = 'applicant'
    for update;
  if not found then
    return '{"state": "unknown"}'::jsonb;
  elsif link.used_at is not null then
    return '{"state": "used"}'::jsonb;
  elsif link.expires_at <= pg_catalog.now() then
    return '{"state": "expired"}'::jsonb;
  end if;
  update private.link_tokens as t set used_at = pg_catalog.now() where t.token_hash = link.token_hash;
  insert into private.applicant_sessions (token_hash, application_id, created_at, last_seen_at)
    values (private.link_token_hash(session), link.application_id, opened, opened);
  return pg_catalog.jsonb_build_object('state', 'open', 'session', session,
    'expires_at', opened + private.applicant_session_lifetime());
end;
$$;

revoke all on function public.open_applicant_session(text, text) from public, anon, authenticated, service_role;
grant execute on function public.open_applicant_session(text, text) to service_role;

comment on function public.open_applicant_session(text, text) is
  'For nettstedet (service_role): bruker opp søkerens innloggingslenke og åpner en økt på Min søknad, eller svarer at lenken er ukjent, brukt eller utløpt.';
