-- A new personal link for one subject (the co-applicant's part of an application, or one referee):
-- 32 random bytes as base64url without padding (43 characters), of which only the SHA-256 is
-- stored (private.link_tokens). Returns the token, to be put in the e-mail and nowhere else.
-- Called by public.claim_outbox_messages when the sender takes a link e-mail.
create function private.issue_link_token(application_id uuid, purpose text, subject_id uuid)
returns text
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  token text := pg_catalog.rtrim(
    pg_catalog.translate(pg_catalog.encode(extensions.gen_random_bytes(32), 'base64'), '+/', '-_'), '=');
begin
  insert into private.link_tokens (token_hash, application_id, purpose, subject_id)
    values (private.link_token_hash(token), issue_link_token.application_id, issue_link_token.purpose,
      issue_link_token.subject_id);
  return token;
end;
$$;

revoke all on function private.issue_link_token(uuid, text, uuid) from public, anon, authenticated, service_role;
