import { expect, test } from '@playwright/test';
import { contentPages } from './site-pages.ts';

for (const { path, inlineScriptAllowed } of contentPages) {
  test(`${path} fetches no JavaScript`, async ({ page }) => {
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(request.url());
    });
    await test.step('no script is requested while the page loads', async () => {
      await page.goto(path, { waitUntil: 'load' });
      expect(scripts).toEqual([]);
    });
    await test.step(
      inlineScriptAllowed
        ? 'only one small inline script is in the page'
        : 'the page has no script',
      async () => {
        await expect(page.locator('script[src]')).toHaveCount(0);
        await expect(page.locator('script')).toHaveCount(inlineScriptAllowed ? 1 : 0);
      },
    );
  });
}
