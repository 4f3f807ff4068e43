-- The personal links of the co-applicant's and the referees' pages (issue 24): one row per link
-- e-mailed (first request, reminder, resend). A token is 32 random bytes, base64url without padding
-- (43 characters, 256 bits), made by private.issue_link_token when the sender claims the e-mail;
-- only its SHA-256 is stored, so the table cannot give anyone a working link. A token is valid
-- while its subject (the co-applicant's part, or one referee) waits for an answer and its expires_at
-- has not passed; one answer per subject (public.open_link, answer_co_applicant, answer_reference).
-- Deleted with the application.
--
-- Who may do what: nobody but the database owner (and its SECURITY DEFINER functions).

create table private.link_tokens (
  token_hash bytea primary key constraint link_tokens_hash_length check (octet_length(token_hash) = 32),
  application_id uuid not null references public.applications (id) on delete cascade,
  purpose text not null
    constraint link_tokens_purpose_known check (purpose in ('co_applicant', 'referee', 'applicant', 'email_change')),
  subject_id uuid not null,
  issued_at timestamptz not null default now(),
  -- Min søknad (issue 25): the applicant's sign-in link (15 minutes) and the link that confirms a
  -- new e-mail address (24 hours) expire on their own and work once; the links of issue 24 have
  -- neither (their subject's expiry and answer decide).
  expires_at timestamptz,
  used_at timestamptz,
  constraint link_tokens_own_expiry
    check ((purpose in ('applicant', 'email_change')) = (expires_at is not null)),
  constraint link_tokens_used_only_own check (used_at is null or expires_at is not null)
);

create index link_tokens_application_id_idx on private.link_tokens (application_id);

alter table private.link_tokens enable row level security;
revoke all on table private.link_tokens from public, anon, authenticated, service_role;

comment on table private.link_tokens is
  'Personlige lenker til medsøkerens og referansenes sider: bare SHA-256 av lenkens kode lagres. Bare databaseeieren har tilgang; slettes med søknaden.';
comment on column private.link_tokens.token_hash is 'SHA-256 av koden i lenken. Selve koden lagres aldri.';
comment on column private.link_tokens.purpose is
  'co_applicant = medsøkerens side, referee = en referanses side, applicant = søkerens innlogging på Min søknad, email_change = bekreftelse av ny e-postadresse.';
comment on column private.link_tokens.subject_id is
  'Hvem lenken gjelder: søknadens ID for medsøkeren og søkeren, referees.id for en referanse, private.email_changes.id for en ny e-postadresse.';
comment on column private.link_tokens.issued_at is 'Når lenken ble laget (da e-posten ble hentet for sending).';
comment on column private.link_tokens.expires_at is
  'Når søkerens innloggingslenke (15 minutter) eller bekreftelseslenken (24 timer) går ut; tom for medsøkerens og referansenes lenker.';
comment on column private.link_tokens.used_at is 'Når søkerens lenke ble brukt (virker bare én gang).';
