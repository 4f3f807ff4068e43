/**
 * The workspace's Supabase client, made per request from the coordinator's session cookies
 * (`@supabase/ssr`): the anon key plus the signed-in user's access token, so PostgREST runs every
 * query as that user and row-level security decides.
 */
import type { AstroCookies } from 'astro';
import { createServerClient, parseCookieHeader } from '@supabase/ssr';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../../database.types.ts';
import { serverConfig } from '../config.ts';
import { hstsEnabled } from '../security-headers.ts';

/** The session cookies live only under the workspace, for about one working day. */
export const SESSION_COOKIE_PATH = '/koordinator/';
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

/** A coordinator's per-request client. */
export type SessionClient = SupabaseClient<Database>;

/** What the client needs of the request it serves. */
export interface SessionContext {
  request: Request;
  url: URL;
  cookies: AstroCookies;
}

/**
 * Creates the per-request client. Cookies the client writes (a new or refreshed session, its
 * removal at sign-out) go onto the response through Astro's cookies; the cache headers
 * `@supabase/ssr` hands over with them go to `onHeaders`, for the response.
 */
export function createSessionClient(
  context: SessionContext,
  onHeaders: (headers: Record<string, string>) => void,
): SessionClient {
  const config = serverConfig();
  const secure = context.url.protocol === 'https:' || hstsEnabled();
  // The cookies as they stand in this request: those it came with, then whatever the client set or
  // removed. @supabase/ssr removes a session by the names getAll() reports, so a session created
  // and ended in the same request (a sign-in refused for a non-coordinator) must be listed too.
  const current = new Map(
    parseCookieHeader(context.request.headers.get('cookie') ?? '').map(({ name, value }) => [
      name,
      value ?? '',
    ]),
  );
  return createServerClient<Database>(config.SUPABASE_URL, config.SUPABASE_ANON_KEY, {
    cookieOptions: {
      path: SESSION_COOKIE_PATH,
      httpOnly: true,
      sameSite: 'lax',
      secure,
    },
    cookies: {
      getAll: () => [...current].map(([name, value]) => ({ name, value })),
      setAll: (list, headers) => {
        for (const { name, value, options } of list) {
          const removal = value === '' || options.maxAge === 0;
          if (removal) current.delete(name);
          else current.set(name, value);
          // @supabase/ssr always writes its own 400-day lifetime; the workspace's is a working day.
          context.cookies.set(
            name,
            value,
            removal ? options : { ...options, maxAge: SESSION_MAX_AGE_SECONDS },
          );
        }
        onHeaders(headers);
      },
    },
    global: { headers: { 'x-client-info': 'fosterportal-workspace' } },
  });
}

/** The names of the request's Supabase session cookies (`sb-…-auth-token`, chunked `.0`, `.1`…). */
export function sessionCookieNames(request: Request): string[] {
  return parseCookieHeader(request.headers.get('cookie') ?? '')
    .map(({ name }) => name)
    .filter((name) => /^sb-.+-auth-token(\.\d+)?$/.test(name));
}
