import { describe, expect, it } from 'vitest';
import {
  baseHeaders,
  FALLBACK_CSP,
  hstsEnabled,
  policyFor,
  withFrameAncestors,
} from '../../src/lib/server/security-headers.ts';

describe('security headers', () => {
  it('sends HSTS only in production or behind an https SITE_URL', () => {
    expect(hstsEnabled({})).toBe(false);
    expect(hstsEnabled({ SITE_URL: 'http://localhost:4321' })).toBe(false);
    expect(hstsEnabled({ NODE_ENV: 'production' })).toBe(true);
    expect(hstsEnabled({ SITE_URL: 'https://fosterhjem.kommune.no' })).toBe(true);
    expect(baseHeaders({ hsts: false })).not.toHaveProperty('Strict-Transport-Security');
    expect(baseHeaders({ hsts: true })['Strict-Transport-Security']).toMatch(/^max-age=\d{7,}/);
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
    const policies = new Map([
      ['/', "script-src 'self' 'sha256-a'; frame-ancestors 'none'"],
      ['/404.html', "script-src 'self' 'sha256-b'; frame-ancestors 'none'"],
    ]);
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
