import { expect, test } from '@playwright/test';
import { e2eState } from '../support/e2e.ts';

test('the built site serves the front page in Norwegian, beside its own stack', async ({
  page,
  request,
}) => {
  await test.step('the front page answers with lang="nb"', async () => {
    const response = await page.goto('/');
    expect(response?.status()).toBe(200);
    await expect(page.locator('html')).toHaveAttribute('lang', 'nb');
    await expect(page.locator('h1')).toHaveCount(1);
  });
  await test.step('the stack the site uses answers through its gateway', async () => {
    const { url, anonKey } = e2eState();
    expect((await request.get(`${url}/rest/v1/`, { headers: { apikey: anonKey } })).status()).toBe(
      200,
    );
    expect((await request.get(`${url}/rest/v1/`)).status()).toBe(401);
  });
});
