/**
 * Who is behind a workspace request: nobody, an active coordinator (read from
 * `public.coordinators` through PostgREST with their own token, so the database decides), or
 * someone signed in who may not use the workspace.
 */
import { isAuthError } from '@supabase/supabase-js';
import type { SessionClient } from './session.ts';

/** An active coordinator, as the workspace greets and credits them. */
export interface Coordinator {
  id: string;
  name: string;
  role: 'coordinator' | 'lead';
}

/** The answer for one request. */
export type Access =
  | { kind: 'anonymous' }
  | { kind: 'denied' }
  | { kind: 'unavailable' }
  | { kind: 'coordinator'; coordinator: Coordinator };

/**
 * Asks Auth whose session this is (`getUser()`, which `GET /user` answers only for a live session),
 * then asks the database whether that user is an active coordinator. The cookie alone decides
 * nothing. Not `getClaims()`: with a project's asymmetric keys it checks the token's signature
 * locally and accepts a token copied before sign-out until it expires; `getUser()` refuses it at once.
 */
export async function resolveAccess(client: SessionClient): Promise<Access> {
  let userId: string;
  try {
    const { data, error } = await client.auth.getUser();
    if (error || !data.user) return authFailure(error);
    userId = data.user.id;
  } catch (error) {
    return authFailure(error);
  }
  const { data, error } = await client
    .from('coordinators')
    .select('name, role')
    .eq('user_id', userId)
    .maybeSingle();
  // 42501: the policy's helper refuses anyone who is not an active coordinator.
  if (error) return error.code === '42501' ? { kind: 'denied' } : { kind: 'unavailable' };
  if (!data) return { kind: 'denied' };
  return {
    kind: 'coordinator',
    coordinator: {
      id: userId,
      name: data.name,
      role: data.role === 'lead' ? 'lead' : 'coordinator',
    },
  };
}

/** Auth refused the session (signed out, expired, banned) or could not be reached. */
function authFailure(error: unknown): Access {
  if (!error) return { kind: 'anonymous' };
  if (isAuthError(error)) {
    if (error.code === 'user_banned') return { kind: 'denied' };
    // Auth unreachable or failing: say so, rather than sending a coordinator to sign in again.
    if (error.name === 'AuthRetryableFetchError' || (error.status ?? 0) >= 500) {
      return { kind: 'unavailable' };
    }
    return { kind: 'anonymous' };
  }
  return { kind: 'unavailable' };
}
