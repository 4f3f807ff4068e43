-- The stored form of a link token: its SHA-256, or null for text that is no token (43 characters of
-- base64url), so that a made-up link is answered without a lookup.
create function private.link_token_hash(token text)
returns bytea
language sql
immutable
set search_path = ''
as $$
  select case when token ~ '^[A-Za-z0-9_-]{43}$'
    then extensions.digest(pg_catalog.convert_to(token, 'UTF8'), 'sha256') end
$$;

revoke all on function private.link_token_hash(text) from public, anon, authenticated, service_role;
