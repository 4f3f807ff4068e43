import { expect, test } from '@playwright/test';

test('past meetings are not shown', async ({ page }) => {
  await test.step('a meeting that ended before the build is left out', async () => {
    await page.goto('/informasjonsmoter/');
    await expect(page.getByText('Informasjonsmøte om besøkshjem høsten 2025')).toHaveCount(0);
  });
  await test.step('every meeting shown ends in the future', async () => {
    const ends = await page
      .locator('#meetings [data-ends]')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-ends') ?? ''));
    expect(ends.length).toBeGreaterThan(0);
    for (const end of ends) expect(Date.parse(end)).toBeGreaterThan(Date.now());
  });
  await test.step('each meeting shows date, time, place or link, and organiser', async () => {
    const first = page.locator('#meetings > li').first();
    for (const term of ['Dato', 'Tid', 'Arrangør']) {
      await expect(first.locator('dt', { hasText: term })).toHaveCount(1);
    }
    await expect(first.locator('dt', { hasText: /^(Sted|Digitalt)$/ })).toHaveCount(1);
  });
});

test('a meeting that ends after the build is hidden in the browser', async ({ page }) => {
  const ends = await test.step('read when the first meeting ends', async () => {
    await page.goto('/informasjonsmoter/');
    return page.locator('#meetings [data-ends]').first().getAttribute('data-ends');
  });
  const endsAt = Date.parse(ends ?? '');
  await test.step('one minute after it ends, it is gone', async () => {
    await page.clock.install({ time: new Date(endsAt + 60_000) });
    await page.goto('/informasjonsmoter/');
    await expect(page.locator(`#meetings [data-ends="${ends}"]`)).toHaveCount(0);
  });
  await test.step('when every meeting is over, the page says so', async () => {
    const last = await page
      .locator('#meetings [data-ends]')
      .evaluateAll((items) =>
        Math.max(0, ...items.map((item) => Date.parse(item.getAttribute('data-ends') ?? ''))),
      );
    await page.clock.install({ time: new Date(Math.max(last, endsAt) + 60_000) });
    await page.goto('/informasjonsmoter/');
    await expect(page.locator('#meetings > li')).toHaveCount(0);
    await expect(page.getByText('Det er ingen planlagte møter akkurat nå.')).toBeVisible();
  });
});
