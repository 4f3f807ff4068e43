import { existsSync } from 'node:fs';
import type { APIContext } from 'astro';
import { describe, expect, it } from 'vitest';
import { GET } from '../../src/pages/robots.txt.ts';

async function lines(): Promise<string[]> {
  const response = await GET({ site: new URL('https://example.no/') } as APIContext);
  return (await response.text()).split('\n');
}

async function disallowed(): Promise<string[]> {
  return (await lines()).filter((l) => l.startsWith('Disallow: ')).map((l) => l.slice(10));
}

describe('robots.txt', () => {
  it('keeps crawlers off the receipt page, and only that', async () => {
    const rules = await disallowed();
    const blocked = (path: string) => rules.some((rule) => path.startsWith(rule));
    expect(blocked('/soknad/kvittering/?ref=BH-7K3M-Q9XD')).toBe(true);
    expect(blocked('/besokshjem/soknad/')).toBe(false);
    expect(blocked('/')).toBe(false);
  });

  it('names only folders the site has', async () => {
    for (const path of await disallowed())
      expect(existsSync(`src/pages${path}`), `src/pages${path}`).toBe(true);
  });

  it('is plain text', async () => {
    const response = await GET({ site: new URL('https://example.no/') } as APIContext);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
  });

  it('points to the sitemap', async () => {
    expect(await lines()).toContain('Sitemap: https://example.no/sitemap-index.xml');
  });
});
