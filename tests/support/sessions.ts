// Sessions for tests: a real one from the Auth service, signed in with an admin link's code (no
// mail, no per-address limit); or a live row in auth.sessions and the JWT claims that name it, for
// tests that sign in without the Auth service (a minted token, or claims set in SQL as PostgREST
// sets them). The workspace's policies accept a token only while its session_id is a live session
// of its user (private.signed_in_user_id).
import type { Session, SupabaseClient } from '@supabase/supabase-js';
import type pg from 'pg';

/**
 * Signs `email` in on `client` (an anon-key client) with the code of a magic link that `admin` (a
 * service-role client) made: Auth's own session, as a sign-in through the site gets.
 */
export async function signInWithAdminLink(
  admin: SupabaseClient,
  client: SupabaseClient,
  email: string,
): Promise<Session> {
  const link = await admin.auth.admin.generateLink({ type: 'magiclink', email });
  if (link.error) throw link.error;
  const { data, error } = await client.auth.verifyOtp({
    email,
    token: link.data.properties?.email_otp ?? '',
    type: 'email',
  });
  if (error) throw error;
  if (!data.session) throw new Error('Auth verified the code but gave no session');
  return data.session;
}

/** Inserts a live session for `userId` (who must be in auth.users) and returns its id. */
export async function openSession(db: pg.ClientBase, userId: string): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `insert into auth.sessions (id, user_id, created_at, updated_at, aal)
       values (gen_random_uuid(), $1, now(), now(), 'aal1') returning id`,
    [userId],
  );
  return rows[0]?.id ?? '';
}

/** The claims PostgREST sets for a signed-in user's token with that session. */
export const sessionClaims = (userId: string, sessionId: string) =>
  JSON.stringify({ sub: userId, role: 'authenticated', session_id: sessionId });
