/**
 * A small `fetch` for supabase-js on the server, over node:http with kept-alive connections.
 *
 * Why: Node's built-in fetch (undici) streams every request body as an async iterator, so each
 * call to PostgREST costs a write for the headers and more for the body, plus web-stream
 * machinery. Profiling the submit Action put that at about a fifth of the site's CPU per
 * application. Here the headers and the (string) body leave in one write. Only what supabase-js
 * uses is supported: a URL, method, headers, a string or byte body and an abort signal. Unlike
 * fetch it gives up on a connection that stays silent for 30 seconds, so a hung API cannot keep
 * an applicant waiting for minutes (they get the "try again" message, their answers kept).
 */
import http from 'node:http';
import https from 'node:https';

const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 64 }),
} as const;

type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** The site's fetch for supabase-js: `createClient(…, { global: { fetch: httpFetch } })`. */
export const httpFetch: Fetch = createHttpFetch();

/** A fetch with the standard signature; `timeoutMs` is how long a connection may stay silent. */
export function createHttpFetch({ timeoutMs = 30_000 }: { timeoutMs?: number } = {}): Fetch {
  return (input, init = {}) => send(input, init, timeoutMs);
}

function send(
  input: string | URL | Request,
  init: RequestInit,
  timeoutMs: number,
): Promise<Response> {
  // supabase-js passes a URL string and an init object; a Request (never passed) goes to fetch.
  if (input instanceof Request) return fetch(input, init);
  const url = new URL(input);
  const protocol = url.protocol === 'https:' ? 'https:' : url.protocol === 'http:' ? 'http:' : '';
  if (!protocol) return Promise.reject(new TypeError(`httpFetch: unsupported URL ${url.protocol}`));
  const body = bodyBytes(init.body);
  if (body === null) return fetch(input, init);
  const headers: Record<string, string> = {};
  new Headers(init.headers).forEach((value, key) => {
    headers[key] = value;
  });
  if (body) headers['content-length'] = String(body.byteLength);
  const signal = init.signal ?? undefined;

  return new Promise<Response>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const request = (protocol === 'https:' ? https : http).request(
      url,
      { method: init.method ?? 'GET', headers, agent: agents[protocol], signal },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const status = response.statusCode ?? 502;
          const responseHeaders = new Headers();
          for (const [key, value] of Object.entries(response.headers)) {
            if (Array.isArray(value)) for (const v of value) responseHeaders.append(key, v);
            else if (value !== undefined) responseHeaders.set(key, value);
          }
          // These statuses (and HEAD) carry no body; Response refuses one for them.
          const empty = [101, 103, 204, 205, 304].includes(status) || init.method === 'HEAD';
          resolve(
            new Response(empty ? null : Buffer.concat(chunks), {
              status,
              statusText: response.statusMessage ?? '',
              headers: responseHeaders,
            }),
          );
        });
      },
    );
    // As fetch does: network failures reject with a TypeError (supabase-js reports them as such).
    request.on('error', (error) =>
      reject(signal?.aborted ? signal.reason : new TypeError('fetch failed', { cause: error })),
    );
    request.setTimeout(timeoutMs, () => request.destroy(new Error('no answer in time')));
    request.end(body);
  });
}

/** The body as bytes; undefined for none; null for kinds this fetch leaves to the real one. */
function bodyBytes(body: RequestInit['body']): Uint8Array | undefined | null {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return Buffer.from(body);
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  return null;
}
