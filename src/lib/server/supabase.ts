import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../database.types.ts';
import { serverConfig } from './config.ts';
import { supabaseFetch } from './supabase-fetch.ts';

let submitClient: SupabaseClient<Database> | undefined;

/**
 * The site's client for applications, server-only: the service-role key, no session. The database
 * lets that role execute submit_application, application_receipt and the outbox functions and
 * nothing else (no table), and the public anon key cannot submit at all, so the site's checks
 * (honeypot, rate limit) cannot be skipped by calling the database directly.
 */
export function createSubmitClient(): SupabaseClient<Database> {
  if (submitClient) return submitClient;
  const config = serverConfig();
  submitClient = createClient<Database>(config.SUPABASE_URL, config.SUPABASE_SERVICE_ROLE_KEY, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    global: { headers: { 'x-client-info': 'fosterportal-site' }, fetch: supabaseFetch },
  });
  return submitClient;
}
