-- A new personal link for one subject (the co-applicant's part of an application, or one referee):
-- 32 random bytes as base64url without padding (43 characters), of which only the SHA-256 is
-- stored (private.link_tokens). Returns the token, to be put in the e-mail and nowhere else.
-- Called by public.claim_outbox_messages when the sender takes a link e-mail. The applicant's
-- sign-in link (purpose applicant) works for private.applicant_link_lifetime() and the
-- confirmation of a new address (email_change) for private.email_change_link_lifetime(), each once
-- (issue 25); the others live as long as their subject.
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
  insert into private.link_tokens (token_hash, application_id, purpose, subject_id, expires_at)
    values (private.link_token_hash(token), issue_link_token.application_id, issue_link_token.purpose,
      issue_link_token.subject_id,
      pg_catalog.now() + case issue_link_token.purpose
        when 'applicant' then private.applicant_link_lifetime()
        when 'email_change' then private.email_change_link_lifetime() end);
  return token;
end;
$$;

revoke all on function private.issue_link_token(uuid, text, uuid) from public, anon, authenticated, service_role;
