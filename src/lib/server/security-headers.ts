/**
 * Security headers for every response the site sends, prerendered files included (Astro's
 * middleware never sees those: the node adapter serves them straight from dist/client).
 * Used by src/cli/serve.ts, which wraps the adapter's handler.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** For responses with no page of their own (assets, Action answers, redirects). */
export const FALLBACK_CSP =
  "default-src 'self'; img-src 'self' data:; base-uri 'self'; form-action 'self'; object-src 'none'; frame-ancestors 'none'";

/** HSTS is sent only when the site is served over HTTPS (see `hstsEnabled`). */
export const HSTS = 'max-age=63072000; includeSubDomains';

/**
 * True when the site runs in production behind HTTPS: `NODE_ENV=production`, or a `SITE_URL` that
 * starts with `https://`. Never on a developer's http://localhost.
 */
export function hstsEnabled(env: Record<string, string | undefined> = process.env): boolean {
  return env['NODE_ENV'] === 'production' || /^https:\/\//i.test(env['SITE_URL'] ?? '');
}

/** The headers every response carries, whatever it is. */
export function baseHeaders(options: { hsts: boolean }): Record<string, string> {
  return {
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
    ...(options.hsts ? { 'Strict-Transport-Security': HSTS } : {}),
  };
}

/** Adds `frame-ancestors 'none'` to a policy that lacks it (a <meta> policy cannot carry it). */
export function withFrameAncestors(csp: string): string {
  const policy = csp.trim().replace(/;+\s*$/, '');
  return /(^|;)\s*frame-ancestors\s/i.test(policy) ? policy : `${policy}; frame-ancestors 'none'`;
}

const META_CSP = /<meta\s+http-equiv="content-security-policy"\s+content="([^"]+)"/i;

/**
 * The policy of every prerendered page, by URL path (`/besokshjem/` for besokshjem/index.html,
 * `/404.html` for the not-found page): Astro writes it, with the hashes of that page's inline
 * scripts and styles, as a <meta> tag; the server repeats it as a header.
 */
export function prerenderedPolicies(clientDir: string): Map<string, string> {
  const policies = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith('.html')) {
        const match = META_CSP.exec(readFileSync(file, 'utf8'));
        if (!match?.[1]) continue;
        const relative = `/${path.relative(clientDir, file).split(path.sep).join('/')}`;
        const urlPath = relative.endsWith('/index.html')
          ? relative.slice(0, -'index.html'.length)
          : relative;
        policies.set(urlPath, withFrameAncestors(match[1].replace(/&#39;/g, "'")));
      }
    }
  };
  walk(clientDir);
  return policies;
}

type HeaderValue = number | string | readonly string[];
type HeaderBag = Record<string, HeaderValue | undefined>;

/** Reads one header, case-insensitively, from writeHead's object or flat-array form. */
function findHeader(headers: unknown, name: string): string | undefined {
  if (Array.isArray(headers)) {
    for (let i = 0; i < headers.length; i += 2)
      if (String(headers[i]).toLowerCase() === name) return String(headers[i + 1]);
    return undefined;
  }
  if (headers && typeof headers === 'object') {
    for (const [key, value] of Object.entries(headers as HeaderBag))
      if (key.toLowerCase() === name && value !== undefined) return String(value);
  }
  return undefined;
}

/** Removes one header, case-insensitively, from writeHead's object or flat-array form. */
function dropHeader(headers: unknown, name: string): unknown {
  if (Array.isArray(headers)) {
    const kept: unknown[] = [];
    for (let i = 0; i < headers.length; i += 2)
      if (String(headers[i]).toLowerCase() !== name) kept.push(headers[i], headers[i + 1]);
    return kept;
  }
  if (headers && typeof headers === 'object') {
    return Object.fromEntries(
      Object.entries(headers as HeaderBag).filter(([key]) => key.toLowerCase() !== name),
    );
  }
  return headers;
}

/** What the wrapper needs to decide one response's policy. */
export interface HeaderContext {
  /** The request's path, without the query. */
  pathname: string;
  status: number;
  /** The policy the page itself set (Astro sets one on pages rendered on request), if any. */
  pagePolicy: string | undefined;
}

/** The Content-Security-Policy for one response. */
export function policyFor(context: HeaderContext, policies: Map<string, string>): string {
  if (context.pagePolicy) return withFrameAncestors(context.pagePolicy);
  const own = policies.get(context.pathname);
  if (own) return own;
  if (context.status === 404) return policies.get('/404.html') ?? FALLBACK_CSP;
  return FALLBACK_CSP;
}

/** The minimal slice of http.ServerResponse the wrapper touches. */
interface ResponseLike {
  statusCode: number;
  setHeader(name: string, value: HeaderValue): unknown;
  getHeader(name: string): HeaderValue | undefined;
  removeHeader(name: string): void;
  writeHead: (...args: never[]) => unknown;
}

/**
 * Makes `res` carry the security headers when its head is written, whoever writes it (the static
 * file server, Astro's renderer, an error path): the base headers, and the one
 * Content-Security-Policy that fits the response.
 */
export function secureResponse(
  res: ResponseLike,
  pathname: string,
  policies: Map<string, string>,
  options: { hsts: boolean },
): void {
  for (const [name, value] of Object.entries(baseHeaders(options))) res.setHeader(name, value);
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => unknown;
  res.writeHead = ((status: number, ...rest: unknown[]) => {
    // writeHead(status, [message], [headers])
    const headersIndex = typeof rest[0] === 'string' ? 1 : 0;
    const headers = rest[headersIndex];
    const pagePolicy =
      findHeader(headers, 'content-security-policy') ??
      (res.getHeader('content-security-policy') as string | undefined);
    const csp = policyFor({ pathname, status, pagePolicy }, policies);
    if (headers !== undefined) rest[headersIndex] = dropHeader(headers, 'content-security-policy');
    res.setHeader('Content-Security-Policy', csp);
    return writeHead(status, ...rest);
  }) as never;
}
