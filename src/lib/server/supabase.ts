import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../database.types.ts';
import { serverConfig } from './config.ts';
import { httpFetch } from './http-fetch.ts';

let anonClient: SupabaseClient<Database> | undefined;

/**
 * The site's only Supabase client: the anon (publishable) key, no session. It can do exactly what
 * the database grants anon (submit through the intended path) and nothing else.
 */
export function createAnonClient(): SupabaseClient<Database> {
  if (anonClient) return anonClient;
  const config = serverConfig();
  anonClient = createClient<Database>(config.SUPABASE_URL, config.SUPABASE_ANON_KEY, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    global: { headers: { 'x-client-info': 'fosterportal-site' }, fetch: httpFetch },
  });
  return anonClient;
}
