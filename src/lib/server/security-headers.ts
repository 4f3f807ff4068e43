/**
 * Security headers for every response the site sends, prerendered files included (Astro's
 * middleware never sees those: the node adapter serves them straight from dist/client). The fixed
 * headers come from helmet; the Content-Security-Policy is chosen per response just before its
 * head is written. Used by src/cli/serve.ts, around the adapter's handler.
 *
 * Why not the adapter's `staticHeaders` option (@astrojs/node 11.1.6) for the pages' policies: it
 * looks a request's path up by substring in route paths written without the trailing slash, so
 * with `trailingSlash: 'always'` seven of the nine prerendered pages (/besokshjem/,
 * /informasjonsmoter/, …) and the not-found answer get no policy at all, and / gets the 404
 * page's (measured in commit c771291; see docs/performance.md).
 */
import { readdirSync, readFileSync } from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import helmet from 'helmet';
import onHeaders from 'on-headers';

/** For responses with no page of their own (assets, Action answers, redirects). */
export const FALLBACK_CSP =
  "default-src 'self'; img-src 'self' data:; base-uri 'self'; form-action 'self'; object-src 'none'; frame-ancestors 'none'";

/** Two years; sent only when the site is served over HTTPS (see `hstsEnabled`). */
const HSTS_MAX_AGE = 63_072_000;

/** Browser features no page of the portal uses (helmet does not set this header). */
const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=(), usb=()';

/**
 * True when the site runs in production behind HTTPS: `NODE_ENV=production`, or a `SITE_URL` that
 * starts with `https://`. Never on a developer's http://localhost.
 */
export function hstsEnabled(env: Record<string, string | undefined> = process.env): boolean {
  return env['NODE_ENV'] === 'production' || /^https:\/\//i.test(env['SITE_URL'] ?? '');
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

/** What decides one response's policy. */
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

type Middleware = (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void;

/**
 * A middleware that gives every response the security headers: helmet's (with HSTS only when
 * `hsts`), Permissions-Policy, and, when the head is written by whoever writes it (the static
 * file server, Astro's renderer, an error path), the one Content-Security-Policy that fits it.
 */
export function securityHeaders(
  policies: Map<string, string>,
  options: { hsts: boolean },
): Middleware {
  const fixed = helmet({
    // Chosen per response below.
    contentSecurityPolicy: false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    xFrameOptions: { action: 'deny' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: options.hsts
      ? { maxAge: HSTS_MAX_AGE, includeSubDomains: true }
      : false,
  });
  return (req, res, next) => {
    const pathname = (req.url ?? '/').split(/[?#]/)[0] ?? '/';
    res.setHeader('Permissions-Policy', PERMISSIONS_POLICY);
    onHeaders(res, () => {
      const own = res.getHeader('content-security-policy');
      const pagePolicy = typeof own === 'string' ? own : undefined;
      res.setHeader(
        'Content-Security-Policy',
        policyFor({ pathname, status: res.statusCode, pagePolicy }, policies),
      );
    });
    fixed(req, res, next);
  };
}
