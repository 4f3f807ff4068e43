import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from '../../support/axe.ts';
import { contentPages, rolePages } from './site-pages.ts';

for (const { path, subpage } of contentPages) {
  test(`${path} has one h1, a main landmark, a description and no axe violations`, async ({
    page,
  }) => {
    await test.step('the page answers in Norwegian', async () => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(200);
      await expect(page.locator('html')).toHaveAttribute('lang', 'nb');
    });
    await test.step('it has exactly one h1 and one main landmark', async () => {
      await expect(page.locator('h1')).toHaveCount(1);
      await expect(page.getByRole('main')).toHaveCount(1);
    });
    await test.step('it has a meta description and Open Graph tags', async () => {
      const description = await page.locator('meta[name="description"]').getAttribute('content');
      expect(description?.trim().length ?? 0).toBeGreaterThan(40);
      await expect(page.locator('meta[property="og:title"]')).toHaveCount(1);
      await expect(page.locator('meta[property="og:description"]')).toHaveCount(1);
    });
    await test.step(subpage ? 'it shows breadcrumbs' : 'it has no breadcrumbs', async () => {
      const crumbs = page.getByRole('navigation', { name: 'Brødsmulesti' });
      await expect(crumbs).toHaveCount(subpage ? 1 : 0);
      if (subpage) await expect(crumbs.locator('[aria-current="page"]')).toHaveCount(1);
    });
    await test.step('axe finds no WCAG 2.2 A or AA violations', async () => {
      await expectNoAxeViolations(page);
    });
  });
}

test('an unknown address gives a Norwegian 404 page without axe violations', async ({ page }) => {
  await test.step('the server answers 404 with the Norwegian page', async () => {
    const response = await page.goto('/finnes-ikke/');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Fant ikke siden');
    await expect(page.getByRole('link', { name: 'Gå til forsiden' })).toBeVisible();
  });
  await test.step('a form page for a role that has no form answers the same', async () => {
    const response = await page.goto('/fosterhjem/soknad/');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Fant ikke siden');
  });
  await test.step('axe finds no violations', async () => {
    await expectNoAxeViolations(page);
  });
});

test('a keyboard user can skip straight to the main content', async ({ page }) => {
  await page.goto('/besokshjem/');
  await test.step('the first Tab lands on the skip link, which is then visible', async () => {
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Hopp til hovedinnholdet' });
    await expect(skip).toBeFocused();
    await expect(skip).toBeVisible();
  });
  await test.step('following it moves focus to main', async () => {
    await page.keyboard.press('Enter');
    await expect(page.getByRole('main')).toBeFocused();
  });
});

test('the pages fit a 320 px wide screen without sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  for (const { path } of contentPages) {
    await test.step(path, async () => {
      await page.goto(path);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(320);
    });
  }
});

test('role pages print without menus and with the answers to every question', async ({ page }) => {
  await page.emulateMedia({ media: 'print' });
  for (const path of rolePages) {
    await test.step(path, async () => {
      await page.goto(path);
      await expect(page.getByRole('navigation', { name: 'Hovedmeny' })).toBeHidden();
      await expect(page.getByRole('navigation', { name: 'Brødsmulesti' })).toBeHidden();
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      const answers = page.locator('.faq details > div');
      for (const answer of await answers.all()) await expect(answer).toBeVisible();
    });
  }
});
