-- For the link pages (/soknad/medsoker/…, /referanse/…): what a personal link is, without using it
-- up. Open: {"state": "open", "purpose": "co_applicant" | "referee", "applicant_name": "…",
-- "kind": "besokshjem" | "tilsynsperson", "expires_at": "…"}; otherwise only
-- {"state": "unknown" | "used" | "expired"}, never whose link it was (private.link_subject).
--
-- Who may do what: only service_role (the site's server). The anon key is public; anon gets 42501.
create function public.open_link(token text)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  link record;
begin
  select * into link from private.link_subject(token, false);
  if link.state <> 'open' then
    return pg_catalog.jsonb_build_object('state', link.state);
  end if;
  return pg_catalog.jsonb_build_object('state', 'open', 'purpose', link.purpose,
    'applicant_name', link.applicant_name, 'kind', link.kind, 'expires_at', link.expires_at);
end;
$$;

revoke all on function public.open_link(text) from public, anon, authenticated, service_role;
grant execute on function public.open_link(text) to service_role;

comment on function public.open_link(text) is
  'For nettstedet (service_role): hva en personlig lenke gjelder (medsøker eller referanse, søkerens navn, når den går ut), eller bare at den er ukjent, brukt eller utløpt. Bruker ikke opp lenken.';
