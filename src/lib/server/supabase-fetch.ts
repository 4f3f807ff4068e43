/**
 * The fetch the server's supabase-js clients use: undici's fetch over one keep-alive `Agent` that
 * gives up on a server silent for 30 seconds (fetch alone waits five minutes), so a hung API
 * cannot keep an applicant waiting: they get the "try again" message, their answers kept.
 *
 * undici's own fetch, not the global one: an `Agent` from the npm package is only sure to work
 * with the fetch of the same undici version, and Node bundles a version of its own.
 */
import { Agent, fetch as undiciFetch } from 'undici';

type Fetch = typeof fetch;

/**
 * A fetch for a URL (string or URL object) and an init, as supabase-js calls it; `timeoutMs` is
 * how long the server may stay silent, while its headers are awaited and between two pieces of
 * its body.
 */
export function createSupabaseFetch({ timeoutMs = 30_000 }: { timeoutMs?: number } = {}): Fetch {
  // At most 64 connections to the API: a burst of submissions queues here rather than opening
  // a connection each.
  const dispatcher = new Agent({
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    connections: 64,
  });
  return ((input: string | URL, init?: RequestInit) =>
    undiciFetch(input, { ...(init as object), dispatcher })) as unknown as Fetch;
}

/** The site's fetch for supabase-js: `createClient(…, { global: { fetch: supabaseFetch } })`. */
export const supabaseFetch: Fetch = createSupabaseFetch();
