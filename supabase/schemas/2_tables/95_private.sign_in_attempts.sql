-- The site's own sign-in limits, kept in the database so that every site process shares them
-- (public.sign_in_attempt writes and reads it; the numbers are the site's, in
-- src/lib/server/auth/sign-in-limits.ts). One row per code request, code verification or refusal.
--
-- No personal data beyond what the limits need: the e-mail address only as the SHA-256 of its
-- private.address_key, the client address only as its SHA-256; never the plain values. Rows older
-- than a day are deleted by sign_in_attempt itself (no limit looks further back than an hour).
--
-- Who may do what: nobody but the database owner reads or writes it; the site reaches it only
-- through public.sign_in_attempt (service_role).

create table private.sign_in_attempts (
  id bigint generated always as identity primary key,
  at timestamptz not null default pg_catalog.now(),
  step text not null constraint sign_in_attempts_step check (
    step in ('request', 'request_refused', 'verify', 'verify_refused', 'signed_in', 'applicant_link',
      'applicant_link_refused')),
  address bytea constraint sign_in_attempts_address_hash check (pg_catalog.length(address) = 32),
  client bytea not null constraint sign_in_attempts_client_hash check (pg_catalog.length(client) = 32)
);
create index sign_in_attempts_address_idx on private.sign_in_attempts (address, at) where address is not null;
create index sign_in_attempts_client_idx on private.sign_in_attempts (client, at);
create index sign_in_attempts_at_idx on private.sign_in_attempts (at);

alter table private.sign_in_attempts enable row level security;
revoke all on table private.sign_in_attempts from public, anon, authenticated, service_role;

comment on table private.sign_in_attempts is
  'Innloggingsforsøk for nettstedets egne grenser (koder bedt om, koder prøvd). Bare hash av adressen og klientens IP-adresse. Slettes etter et døgn.';
comment on column private.sign_in_attempts.step is
  'request: kode bedt om; verify: kode prøvd (feil til det motsatte er vist); signed_in: koden stemte; applicant_link: søker ba om lenke til Min søknad; *_refused: avvist av grensene.';
comment on column private.sign_in_attempts.address is
  'SHA-256 av private.address_key(e-postadressen); tom for forsøk uten adresse (lenken i e-posten, avvisninger).';
comment on column private.sign_in_attempts.client is 'SHA-256 av klientens IP-adresse.';
