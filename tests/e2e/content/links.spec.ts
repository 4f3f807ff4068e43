import { expect, test, type Page } from '@playwright/test';
import { contentPages, formPages } from './site-pages.ts';

/** Same-site links on the current page, as paths (with any #fragment kept). */
async function internalLinks(page: Page): Promise<string[]> {
  const origin = new URL(page.url()).origin;
  const hrefs = await page
    .locator('a[href]')
    .evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).href));
  return hrefs
    .map((href) => new URL(href))
    .filter((url) => url.origin === origin)
    .map((url) => url.pathname + url.hash);
}

test('every internal link on every page resolves', async ({ page, request }) => {
  const checked = new Map<string, number>();
  for (const { path } of contentPages) {
    await test.step(`links on ${path}`, async () => {
      await page.goto(path);
      for (const link of await internalLinks(page)) {
        const [target = '/', fragment] = link.split('#');
        if (!checked.has(target)) checked.set(target, (await request.get(target)).status());
        const status = checked.get(target);
        expect(status, `${path} links to ${target}`).toBe(200);
        if (fragment && target === path) {
          await expect(
            page.locator(`[id="${fragment}"]`),
            `${path} links to #${fragment}`,
          ).toHaveCount(1);
        }
      }
    });
  }
});

test('every page is reachable from the front page within two clicks', async ({ page }) => {
  const depth = new Map<string, number>([['/', 0]]);
  let frontier = ['/'];
  for (let click = 1; click <= 2; click += 1) {
    const next: string[] = [];
    for (const path of frontier) {
      await page.goto(path);
      for (const link of await internalLinks(page)) {
        const [target = '/'] = link.split('#');
        if (!depth.has(target)) {
          depth.set(target, click);
          next.push(target);
        }
      }
    }
    frontier = next.filter((path) => !formPages.includes(path));
  }
  for (const { path } of contentPages) {
    expect(depth.get(path), `${path} within two clicks of /`).toBeLessThanOrEqual(2);
  }
});
