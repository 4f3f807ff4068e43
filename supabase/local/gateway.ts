/**
 * The API gateway on :54321, as Supabase's gateway (Kong) routes a project's API: `/rest/v1/*` to
 * PostgREST and `/auth/v1/*` to the local Auth service, both behind the project's `apikey`
 * (a few Auth routes are open, as in Supabase's gateway), and a clear 501 for services the local
 * stack does not have.
 */
import http from 'node:http';
import { jwtVerify } from 'jose';
import type { AuthService } from './auth/service.ts';

/**
 * Where the gateway forwards and how it checks keys. `restPort` and `auth` are read on every
 * request, so the stack binds the gateway first (its URL is the Auth service's issuer, and a busy
 * port fails the start at once) and fills them in once PostgREST and Auth run.
 */
export interface GatewayOptions {
  /** The port to listen on; 0 for one of its own (see the returned server's `address()`). */
  port: number;
  /** PostgREST's port; until it is set, `/rest/v1/*` answers 503. */
  restPort?: number | undefined;
  jwtSecret: string;
  /** Serves `/auth/v1/*`; without it the gateway answers 501 there. */
  auth?: AuthService | undefined;
}

// Auth routes Supabase's gateway forwards without an apikey (links in mails, OAuth callbacks, keys).
const OPEN_AUTH_ROUTES = new Set([
  '/verify',
  '/callback',
  '/authorize',
  '/.well-known/jwks.json',
  '/health',
]);

// Services a hosted project has that this stack does not; callers get a clear 501, not a 404.
const MISSING_SERVICES: Record<string, string> = {
  auth: 'Supabase Auth (GoTrue)',
  storage: 'Supabase Storage',
  realtime: 'Supabase Realtime',
  functions: 'Edge Functions',
  graphql: 'pg_graphql',
};

// Hop-by-hop headers must not be forwarded by a proxy (RFC 9110 §7.6.1).
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
  'host',
]);

const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers':
    'authorization, x-client-info, apikey, content-type, prefer, accept-profile, content-profile, range, x-upsert, x-supabase-api-version',
  'access-control-allow-methods': 'GET, POST, PATCH, PUT, DELETE, OPTIONS',
  'access-control-expose-headers':
    'content-range, content-location, location, x-total-count, link, x-sb-error-code, x-supabase-api-version',
};

/** The project's JWT secret as an HMAC key, imported once for `verifyKeyRole`. */
export function hmacKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['verify'],
  );
}

/** Returns the role of an HS256 JWT signed with `key`, or undefined if it is not valid. */
export async function verifyKeyRole(
  token: string,
  key: CryptoKey,
  now = new Date(),
): Promise<string | undefined> {
  try {
    const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'], currentDate: now });
    return typeof payload['role'] === 'string' ? payload['role'] : undefined;
  } catch {
    return undefined;
  }
}

function sendJson(res: http.ServerResponse, status: number, body: Record<string, string>): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...CORS_HEADERS });
  res.end(JSON.stringify(body));
}

/**
 * Starts the API gateway on 127.0.0.1:`options.port`: `/rest/v1/*` goes to PostgREST when the `apikey` is one of the
 * project's keys (as Supabase's gateway checks it), the services that do not exist locally answer
 * 501, and `/health` says whether the gateway is up.
 */
export async function startGateway(options: GatewayOptions): Promise<http.Server> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const jwtKey = await hmacKey(options.jwtSecret);
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://gateway.local');
    const [, service = '', version = ''] = url.pathname.split('/');

    if (req.method === 'OPTIONS') {
      res.writeHead(204, CORS_HEADERS);
      res.end();
      return;
    }
    if (url.pathname === '/health') {
      sendJson(res, 200, { status: 'ok' });
      return;
    }
    const auth = options.auth;
    const missing = service === 'auth' && auth ? undefined : MISSING_SERVICES[service];
    if (missing && version === 'v1') {
      sendJson(res, 501, {
        message: `${missing} is not part of the local stack. Use a hosted Supabase project for it.`,
      });
      return;
    }
    if ((service !== 'rest' && service !== 'auth') || version !== 'v1') {
      sendJson(res, 404, { message: 'No route matched with those values' });
      return;
    }
    const authPath = url.pathname.slice('/auth/v1'.length) || '/';
    const open = service === 'auth' && OPEN_AUTH_ROUTES.has(authPath);

    const apikey = req.headers['apikey'] ?? url.searchParams.get('apikey') ?? undefined;
    const key = Array.isArray(apikey) ? apikey[0] : apikey;
    if (!key && !open) {
      sendJson(res, 401, {
        message: 'No API key found in request',
        hint: 'No `apikey` request header or url param was found.',
      });
      return;
    }
    const role = key ? await verifyKeyRole(key, jwtKey) : undefined;
    if (!open && role !== 'anon' && role !== 'service_role') {
      sendJson(res, 401, { message: 'Invalid API key', hint: 'Double check your API key.' });
      return;
    }

    if (service === 'auth' && auth) {
      for (const [name, value] of Object.entries(CORS_HEADERS)) res.setHeader(name, value);
      auth.handle(req, res, authPath, url.searchParams);
      return;
    }

    const headers: http.OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (!HOP_BY_HOP.has(name) && name !== 'apikey' && value !== undefined) headers[name] = value;
    }
    // supabase-js always sends Authorization; other clients may send only the apikey.
    headers['authorization'] ??= `Bearer ${key ?? ''}`;
    url.searchParams.delete('apikey');
    const path = url.pathname.slice('/rest/v1'.length) || '/';
    if (options.restPort === undefined) {
      sendJson(res, 503, { message: 'The REST API is not reachable; is the stack starting?' });
      return;
    }

    const upstream = http.request(
      {
        host: '127.0.0.1',
        port: options.restPort,
        method: req.method,
        path: path + (url.search || ''),
        headers,
        agent,
      },
      (answer) => {
        const out: http.OutgoingHttpHeaders = { ...CORS_HEADERS };
        for (const [name, value] of Object.entries(answer.headers)) {
          if (!HOP_BY_HOP.has(name) && value !== undefined) out[name] = value;
        }
        res.writeHead(answer.statusCode ?? 502, out);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) {
        sendJson(res, 503, { message: 'The REST API is not reachable; is the stack starting?' });
      } else {
        res.destroy();
      }
    });
    req.pipe(upstream);
  });
  server.keepAliveTimeout = 65_000;
  server.on('close', () => agent.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}
