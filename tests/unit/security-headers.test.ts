import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  FALLBACK_CSP,
  hstsEnabled,
  policyFor,
  securityHeaders,
  withFrameAncestors,
} from '../../src/lib/server/security-headers.ts';

const policies = new Map([
  ['/', "script-src 'self' 'sha256-a'; frame-ancestors 'none'"],
  ['/404.html', "script-src 'self' 'sha256-b'; frame-ancestors 'none'"],
]);

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** The headers of one answer from a real server: the middleware around `handler`. */
async function headersOf(
  pathname: string,
  handler: (res: http.ServerResponse) => void,
  options = { hsts: false },
): Promise<Headers> {
  const secure = securityHeaders(policies, options);
  const server = http.createServer((req, res) => secure(req, res, () => handler(res)));
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const response = await fetch(`http://127.0.0.1:${port}${pathname}`, { redirect: 'manual' });
  await response.arrayBuffer();
  return response.headers;
}

describe('security headers', () => {
  it('sends HSTS only in production or behind an https SITE_URL', async () => {
    expect(hstsEnabled({})).toBe(false);
    expect(hstsEnabled({ SITE_URL: 'http://localhost:4321' })).toBe(false);
    expect(hstsEnabled({ NODE_ENV: 'production' })).toBe(true);
    expect(hstsEnabled({ SITE_URL: 'https://fosterhjem.kommune.no' })).toBe(true);
    const ok = (res: http.ServerResponse) => res.end('ok');
    expect((await headersOf('/', ok)).get('strict-transport-security')).toBeNull();
    expect((await headersOf('/', ok, { hsts: true })).get('strict-transport-security')).toBe(
      'max-age=63072000; includeSubDomains',
    );
  });

  it('gives every answer the fixed headers, whoever writes its head', async () => {
    const answers = [
      (res: http.ServerResponse) => res.end('implicit head'),
      (res: http.ServerResponse) => res.writeHead(302, { Location: '/' }).end(),
      (res: http.ServerResponse) => res.writeHead(500, 'Feil', ['x-a', '1']).end(),
    ];
    for (const answer of answers) {
      const headers = await headersOf('/_astro/x.js', answer);
      expect(headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(headers.get('x-frame-options')).toBe('DENY');
      expect(headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(headers.get('permissions-policy')).toContain('camera=()');
      expect(headers.get('content-security-policy')).toBe(FALLBACK_CSP);
    }
  });

  it("sends a page's own policy once, with frame-ancestors, in any form writeHead takes", async () => {
    const own = "script-src 'self' 'sha256-c'";
    const forms = [
      (res: http.ServerResponse) => res.writeHead(200, { 'content-security-policy': own }).end(),
      (res: http.ServerResponse) => res.writeHead(200, ['Content-Security-Policy', own]).end(),
      (res: http.ServerResponse) => {
        res.setHeader('Content-Security-Policy', own);
        res.end();
      },
    ];
    for (const form of forms) {
      const csp = (await headersOf('/besokshjem/soknad/', form)).get('content-security-policy');
      expect(csp).toBe(`${own}; frame-ancestors 'none'`);
    }
  });

  it('gives a prerendered page its policy, and a not-found answer the 404 page’s', async () => {
    const file = (status: number) => (res: http.ServerResponse) => {
      res.statusCode = status;
      res.end();
    };
    expect((await headersOf('/?a=1', file(200))).get('content-security-policy')).toContain(
      'sha256-a',
    );
    expect((await headersOf('/nope/', file(404))).get('content-security-policy')).toContain(
      'sha256-b',
    );
  });

  it('always forbids framing, once', () => {
    expect(withFrameAncestors("default-src 'self';")).toBe(
      "default-src 'self'; frame-ancestors 'none'",
    );
    expect(withFrameAncestors("default-src 'self'; frame-ancestors 'none'")).toBe(
      "default-src 'self'; frame-ancestors 'none'",
    );
    expect(FALLBACK_CSP).toContain("frame-ancestors 'none'");
    expect(FALLBACK_CSP).not.toContain('unsafe-inline');
  });

  it("uses the page's own policy, then the prerendered file's, then the 404 page's", () => {
    expect(
      policyFor({ pathname: '/x/', status: 200, pagePolicy: "script-src 'self'" }, policies),
    ).toBe("script-src 'self'; frame-ancestors 'none'");
    expect(policyFor({ pathname: '/', status: 200, pagePolicy: undefined }, policies)).toContain(
      'sha256-a',
    );
    expect(
      policyFor({ pathname: '/nope/', status: 404, pagePolicy: undefined }, policies),
    ).toContain('sha256-b');
    expect(
      policyFor({ pathname: '/_astro/x.js', status: 200, pagePolicy: undefined }, policies),
    ).toBe(FALLBACK_CSP);
  });
});
