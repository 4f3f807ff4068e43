/**
 * How the built site serves, on a site and stack of this file's own (tests/support/own-site.ts):
 * security headers on every kind of response, compression, a CSP the pages run under, and a
 * malformed setting that stops the server before it serves anything.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { projectRoot } from '../../../supabase/local/stack.ts';
import { startOwnSite, type OwnSite } from '../../support/own-site.ts';

test.describe.configure({ mode: 'serial' });

let site: OwnSite;
const ACTION = '/besokshjem/soknad/?_action=applications.submitVisitHome';

test.beforeAll(async () => {
  // A stack and a site to start: as much room as a slow test (test.slow() is not for hooks).
  test.setTimeout(3 * test.info().timeout);
  site = await startOwnSite();
});
test.afterAll(async () => {
  await site?.stop();
});

test('every response carries the security headers; the CSP allows no inline script', async () => {
  const paths = [
    '/',
    '/besokshjem/',
    '/besokshjem/soknad/',
    '/tilsynsperson/soknad/',
    '/informasjonsmoter/',
    '/soknad/kvittering/?ref=BH-2345-6789',
    '/finnes-ikke/',
    '/robots.txt',
    '/besokshjem',
  ];
  const responses = await Promise.all(
    paths.map(
      async (p) => [p, await fetch(`${site.baseURL}${p}`, { redirect: 'manual' })] as const,
    ),
  );
  const formPage = await fetch(`${site.baseURL}/besokshjem/soknad/`);
  const formHtml = await formPage.text();
  // On failure, the status and the site's last log lines say what the page answered instead.
  expect(formPage.status, site.logs().slice(-2000)).toBe(200);
  const asset = /\/_astro\/[^"']+\.js/.exec(formHtml)?.[0];
  expect(asset, 'the form page loads a script').toBeTruthy();
  responses.push([asset ?? '', await fetch(`${site.baseURL}${asset}`)]);
  responses.push([
    'POST (invalid)',
    await fetch(`${site.baseURL}${ACTION}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: site.baseURL, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'fullName=Kari',
    }),
  ]);
  for (const [what, response] of responses) {
    const csp = response.headers.get('content-security-policy') ?? '';
    const directives = new Map(
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .filter((parts) => parts[0])
        .map((parts) => [parts[0] as string, parts.slice(1)]),
    );
    const scripts = directives.get('script-src') ?? directives.get('default-src') ?? [];
    expect(scripts.length, `${what}: script sources`).toBeGreaterThan(0);
    expect(scripts, `${what}: no unsafe-inline scripts`).not.toContain("'unsafe-inline'");
    expect(scripts, `${what}: no unsafe-eval`).not.toContain("'unsafe-eval'");
    expect(directives.get('frame-ancestors'), what).toEqual(["'none'"]);
    expect(directives.get('object-src'), what).toEqual(["'none'"]);
    expect(response.headers.get('referrer-policy'), what).toBe('strict-origin-when-cross-origin');
    expect(response.headers.get('x-content-type-options'), what).toBe('nosniff');
    // Plain http on loopback: HSTS only in production (see the unit test for that switch).
    expect(response.headers.get('strict-transport-security'), what).toBeNull();
  }
});

test('pages, stylesheets and scripts go out compressed, as the browser accepts', async () => {
  const page = await (await fetch(`${site.baseURL}/besokshjem/soknad/`)).text();
  const assets = [...page.matchAll(/\/_astro\/[^"']+\.(?:css|js)/g)].map((m) => m[0]);
  expect(assets.some((a) => a.endsWith('.css')) && assets.some((a) => a.endsWith('.js'))).toBe(
    true,
  );
  for (const target of ['/', '/besokshjem/soknad/', ...new Set(assets)]) {
    const plain = await fetch(`${site.baseURL}${target}`, {
      headers: { 'accept-encoding': 'identity' },
    });
    expect(plain.headers.get('content-encoding'), target).toBeNull();
    // The form page carries a fresh submission id and island id each time: compare the rest.
    const stable = (text: string) =>
      text.replace(/[0-9a-f-]{36}/g, '').replace(/\buid="[^"]*"/g, '');
    const expected = stable(await plain.text());
    // Under 1 KB, compressing gains nothing and the server sends the file as it is.
    if (Buffer.byteLength(expected) < 1024) continue;
    for (const encoding of ['br', 'gzip']) {
      const response = await fetch(`${site.baseURL}${target}`, {
        headers: { 'accept-encoding': encoding },
      });
      const what = `${target} (${encoding})`;
      expect(response.headers.get('content-encoding'), what).toBe(encoding);
      expect(response.headers.get('vary') ?? '', what).toMatch(/accept-encoding/i);
      expect(response.headers.get('content-security-policy'), what).toContain('frame-ancestors');
      // fetch decompresses: the same document arrives.
      expect(stable(await response.text()) === expected, `${what}: same document`).toBe(true);
    }
  }
});

test('the CSP lets the pages run: the island and the meetings script, no violations', async ({
  page,
}) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(message.text()))
      violations.push(message.text());
  });
  await page.goto(`${site.baseURL}/informasjonsmoter/`);
  await page.goto(`${site.baseURL}/besokshjem/soknad/`);
  // The island wakes on first use and hydrates: Astro drops the `ssr` attribute once its inline
  // loader ran it.
  await page.locator('#felt-fullName').focus();
  await expect(page.locator('astro-island').first()).not.toHaveAttribute('ssr', /.*/);
  await page.goto(`${site.baseURL}/`);
  expect(violations).toEqual([]);
});

test('a malformed setting stops the server before it serves anything, naming the setting', () => {
  const started = spawnSync(process.execPath, [path.join(projectRoot, 'src/cli/serve.ts')], {
    cwd: projectRoot,
    env: {
      PATH: process.env['PATH'] ?? '',
      HOST: '127.0.0.1',
      PORT: '1',
      SUPABASE_URL: site.stack.url,
      SUPABASE_ANON_KEY: site.stack.anonKey,
      SUPABASE_SERVICE_ROLE_KEY: site.stack.serviceRoleKey,
      TRUSTED_PROXY_HOPS: 'ja',
    },
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(started.status).toBe(1);
  expect(started.stderr).toContain('TRUSTED_PROXY_HOPS: must be the number of proxies');
  expect(started.stdout).not.toContain('Serving');
});

// --- 2,000 hostile payloads ------------------------------------------------------------------
