// A live Auth session for a user, as Supabase Auth records one at sign-in (auth.sessions), and the
// JWT claims that name it: the workspace's policies accept a token only while its session_id is a
// live session of its user (private.signed_in_user_id). For tests that sign in without the Auth
// service (a minted token, or claims set in SQL as PostgREST sets them).
import type pg from 'pg';

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
