-- The sessions of Min søknad (issue 25): one row per sign-in through an applicant's link
-- (public.open_applicant_session). The session token (32 random bytes, base64url, 43 characters)
-- lives only in the applicant's HttpOnly cookie; only its SHA-256 is stored here. A session shows
-- every application whose lower-case address equals that of the application it was opened for
-- (private.applicant_session). It ends 30 minutes after its last use, 2 hours after it opened, at
-- "Logg ut" (ended_at), and is deleted with its application.
--
-- Who may do what: nobody but the database owner (and its SECURITY DEFINER functions).

create table private.applicant_sessions (
  token_hash bytea primary key constraint applicant_sessions_hash_length check (octet_length(token_hash) = 32),
  application_id uuid not null references public.applications (id) on delete cascade,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  ended_at timestamptz
);

create index applicant_sessions_application_id_idx on private.applicant_sessions (application_id);

alter table private.applicant_sessions enable row level security;
revoke all on table private.applicant_sessions from public, anon, authenticated, service_role;

comment on table private.applicant_sessions is
  'Økter på Min søknad: bare SHA-256 av øktens kode lagres. Bare databaseeieren har tilgang; slettes med søknaden.';
comment on column private.applicant_sessions.token_hash is 'SHA-256 av øktens kode (i søkerens informasjonskapsel).';
comment on column private.applicant_sessions.application_id is
  'Søknaden hvis e-postadresse økten ble åpnet for; økten viser alle søknader med samme adresse.';
comment on column private.applicant_sessions.created_at is 'Når økten ble åpnet (varer høyst 2 timer).';
comment on column private.applicant_sessions.last_seen_at is 'Når økten sist ble brukt (utløper etter 30 minutter uten bruk).';
comment on column private.applicant_sessions.ended_at is 'Når søkeren logget ut.';
