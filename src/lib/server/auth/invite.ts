/**
 * Inviting a coordinator: the one place in the site that uses the service-role key with Auth's
 * admin API (where the key can do anything, so it is used for the invitation only). The caller must first have been confirmed as an active lead by the
 * database, through RLS with the lead's own token (see `confirmActiveLead`); the coordinators row
 * is then written as the lead, through RLS, not with this key.
 */
import { createClient } from '@supabase/supabase-js';
import { serverConfig } from '../config.ts';
import type { SessionClient } from './session.ts';

/**
 * Asks the database, as the signed-in user, whether they are an active lead right now. The
 * coordinators policy lets only active coordinators read; the row says whether they lead.
 */
export async function confirmActiveLead(client: SessionClient, userId: string): Promise<boolean> {
  const { data, error } = await client
    .from('coordinators')
    .select('role, active')
    .eq('user_id', userId)
    .maybeSingle();
  return !error && data?.active === true && data.role === 'lead';
}

export type InviteResult =
  { ok: true; userId: string } | { ok: false; reason: 'exists' | 'unavailable' | 'not-configured' };

/**
 * Sends Auth's invitation to `email` and returns the new user's id. Call only after
 * `confirmActiveLead` said yes for this request.
 */
export async function inviteByEmail(email: string, siteUrl: string): Promise<InviteResult> {
  const config = serverConfig();
  if (!config.SUPABASE_SERVICE_ROLE_KEY) return { ok: false, reason: 'not-configured' };
  const admin = createClient(config.SUPABASE_URL, config.SUPABASE_SERVICE_ROLE_KEY, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  }).auth.admin;
  const { data, error } = await admin.inviteUserByEmail(email, {
    redirectTo: `${siteUrl}/koordinator/logg-inn/bekreft/`,
  });
  if (error || !data.user) {
    if (error?.code === 'email_exists' || error?.status === 422)
      return { ok: false, reason: 'exists' };
    console.error(`team: invitation not sent (${error?.code ?? 'no user'})`);
    return { ok: false, reason: 'unavailable' };
  }
  return { ok: true, userId: data.user.id };
}
