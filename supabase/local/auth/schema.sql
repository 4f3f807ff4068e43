-- The tables of the local Auth service, named as hosted Supabase Auth names them (auth.users,
-- auth.sessions, auth.refresh_tokens, auth.mfa_amr_claims, auth.one_time_tokens), so that a
-- migration referencing auth.users means the same on a hosted project. Idempotent: applied on every stack start, before
-- the migrations, so a cluster created before these tables existed gets them too.
-- Nothing in supabase/migrations may depend on anything here beyond auth.users (id, email, …) and
-- auth.sessions (id, user_id, not_after: private.signed_in_user_id asks whether a token's session
-- is live), columns hosted Supabase Auth has had since 2022 (its migrations 20220811173540 and
-- 20221114143122).

create table if not exists auth.users (
  instance_id uuid,
  id uuid primary key,
  aud varchar(255),
  role varchar(255),
  email varchar(255) unique,
  encrypted_password varchar(255),
  email_confirmed_at timestamptz,
  raw_app_meta_data jsonb,
  raw_user_meta_data jsonb,
  is_super_admin boolean,
  created_at timestamptz default now(),
  updated_at timestamptz default now(),
  is_anonymous boolean not null default false
);
-- Columns a cluster from before the local Auth service lacks.
alter table auth.users
  add column if not exists invited_at timestamptz,
  add column if not exists confirmation_token varchar(255),
  add column if not exists confirmation_sent_at timestamptz,
  add column if not exists recovery_token varchar(255),
  add column if not exists recovery_sent_at timestamptz,
  add column if not exists last_sign_in_at timestamptz,
  add column if not exists phone text unique default null,
  add column if not exists phone_confirmed_at timestamptz,
  add column if not exists banned_until timestamptz,
  add column if not exists deleted_at timestamptz,
  add column if not exists is_sso_user boolean not null default false,
  add column if not exists email_change_token_new varchar(255),
  add column if not exists email_change varchar(255),
  add column if not exists email_change_sent_at timestamptz,
  add column if not exists email_change_token_current varchar(255) default '',
  add column if not exists phone_change text default '',
  add column if not exists phone_change_token varchar(255) default '',
  add column if not exists reauthentication_token varchar(255) default '';
comment on table auth.users is
  'Local stand-in for Supabase Auth users (same column names); only the Auth service and service_role use it.';

do $$
begin
  if not exists (select from pg_type t join pg_namespace n on n.oid = t.typnamespace
                 where n.nspname = 'auth' and t.typname = 'aal_level') then
    create type auth.aal_level as enum ('aal1', 'aal2', 'aal3');
  end if;
  if not exists (select from pg_type t join pg_namespace n on n.oid = t.typnamespace
                 where n.nspname = 'auth' and t.typname = 'one_time_token_type') then
    create type auth.one_time_token_type as enum ('confirmation_token', 'reauthentication_token',
      'recovery_token', 'email_change_token_new', 'email_change_token_current', 'phone_change_token');
  end if;
end
$$;

create table if not exists auth.sessions (
  id uuid primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  created_at timestamptz,
  updated_at timestamptz,
  factor_id uuid,
  aal auth.aal_level,
  not_after timestamptz,
  refreshed_at timestamp without time zone,
  user_agent text,
  ip inet,
  tag text
);
create index if not exists sessions_user_id_idx on auth.sessions (user_id);
comment on table auth.sessions is 'Local stand-in for Supabase Auth sessions; the Auth service only.';

create table if not exists auth.refresh_tokens (
  instance_id uuid,
  id bigserial primary key,
  token varchar(255) unique,
  user_id varchar(255),
  revoked boolean,
  created_at timestamptz,
  updated_at timestamptz,
  parent varchar(255),
  session_id uuid references auth.sessions (id) on delete cascade
);
create index if not exists refresh_tokens_session_id_revoked_idx on auth.refresh_tokens (session_id, revoked);
create index if not exists refresh_tokens_parent_idx on auth.refresh_tokens (parent);
comment on table auth.refresh_tokens is 'Local stand-in for Supabase Auth refresh tokens; the Auth service only.';

create table if not exists auth.mfa_amr_claims (
  session_id uuid not null references auth.sessions (id) on delete cascade,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  authentication_method text not null,
  id uuid primary key,
  unique (session_id, authentication_method)
);
comment on table auth.mfa_amr_claims is 'Local stand-in for Supabase Auth sign-in methods per session (the amr claim); the Auth service only.';

create table if not exists auth.one_time_tokens (
  id uuid primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  token_type auth.one_time_token_type not null,
  token_hash text not null check (char_length(token_hash) > 0),
  relates_to text not null,
  created_at timestamp without time zone not null default now(),
  updated_at timestamp without time zone not null default now(),
  unique (user_id, token_type)
);
create index if not exists one_time_tokens_token_hash_idx on auth.one_time_tokens (token_hash);
comment on table auth.one_time_tokens is 'Local stand-in for Supabase Auth one-time tokens (hashed codes); the Auth service only.';

-- Hosted Supabase keeps the auth tables from the API roles; service_role may manage users.
revoke all on auth.sessions, auth.refresh_tokens, auth.one_time_tokens, auth.mfa_amr_claims
  from anon, authenticated;
grant all on auth.users, auth.sessions, auth.refresh_tokens, auth.one_time_tokens,
  auth.mfa_amr_claims to service_role;
