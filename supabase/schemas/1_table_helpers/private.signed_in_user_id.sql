-- The signed-in user, while the session their token names is live: auth.uid() when the token's
-- session_id claim is a session of that user in auth.sessions that has not passed its not_after;
-- else null. A token outlives its session (it is valid until it expires, up to an hour): signing
-- out (/auth/v1/logout) and revoking a user's sessions delete the rows, so without this check such
-- a token would still read and write through PostgREST. A token without session_id (minted by hand
-- with the JWT secret) is no session. auth.sessions is Supabase Auth's table (hosted Supabase
-- grants postgres select on it); the local stack's stand-in has the same columns. SECURITY
-- DEFINER: the API roles may not read auth.sessions.
create function private.signed_in_user_id()
returns uuid
language sql
stable
security definer
set search_path = ''
as $$
  select s.user_id
    from auth.sessions as s
    where s.id = (select nullif((select auth.jwt()) ->> 'session_id', '')::uuid)
      and s.user_id = (select auth.uid())
      and (s.not_after is null or s.not_after > pg_catalog.now())
$$;

revoke all on function private.signed_in_user_id() from public, anon, authenticated;
