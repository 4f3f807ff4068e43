import { expect, test, type Page } from '@playwright/test';
import { createUser, expectNoAxeViolations, signIn } from './workspace/support.ts';

// Pages that fit the screen: at 1280 px every table shows all its columns without sideways
// scrolling; on a phone (390 px) a table too wide scrolls inside its own box, which takes focus
// (keyboard users can scroll it), has a name, and shows that there is more. The page itself never
// scrolls sideways. Every page with a table is here, and the case page, laid out in two columns.

// A seeded case (supabase/seed.sql) with the most on its page: two who apply together, a home
// visit stage, notes and history. Only read here.
const SEEDED_CASE = 'BH-R8ZS-5GQU';

const pages = [
  { name: 'the home page (the comparison of the roles)', path: '/', tables: 1 },
  { name: 'the queue', path: '/koordinator/', tables: 1 },
  { name: 'the team page', path: '/koordinator/team/', tables: 1 },
  { name: 'the case page', path: `/koordinator/sak/${SEEDED_CASE}/`, tables: 0 },
];

/** What does not fit on the page as the browser laid it out, in words; empty when all is well. */
async function layoutProblems(page: Page, wide: boolean): Promise<string[]> {
  return page.evaluate((wide) => {
    const problems: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > window.innerWidth)
      problems.push(`the page scrolls sideways (${root.scrollWidth} > ${window.innerWidth} px)`);
    for (const table of document.querySelectorAll('table')) {
      const name = table.caption?.textContent?.trim() || table.querySelector('th')?.textContent;
      const label = `table «${name?.trim().slice(0, 40)}»`;
      let box: HTMLElement | null = table.parentElement;
      while (box && !/(auto|scroll)/.test(getComputedStyle(box).overflowX)) box = box.parentElement;
      const container = box ?? table.parentElement!;
      const tableWidth = table.getBoundingClientRect().width;
      if (!box) {
        if (tableWidth > container.clientWidth + 1)
          problems.push(
            `${label} is wider than its container (${Math.round(tableWidth)} > ${container.clientWidth} px) and has no scroll container`,
          );
        continue;
      }
      const overflows = box.scrollWidth > box.clientWidth + 1;
      if (wide) {
        // Every column in view: each header cell's right edge inside the box's visible part.
        const visibleRight = box.getBoundingClientRect().left + box.clientLeft + box.clientWidth;
        for (const th of table.querySelectorAll('thead th')) {
          const right = th.getBoundingClientRect().right;
          if (right > visibleRight + 1)
            problems.push(
              `${label}: the column «${th.textContent?.trim()}» is cut off (its right edge at ${Math.round(right)} px, the box ends at ${Math.round(visibleRight)} px)`,
            );
        }
        if (overflows)
          problems.push(
            `${label} scrolls sideways inside its box (${box.scrollWidth} > ${box.clientWidth} px)`,
          );
      } else {
        // The table's own box (not a wrapper around more of the page), reachable by keyboard
        // and saying what it holds.
        if (box !== table.parentElement)
          problems.push(`${label}: it scrolls inside a box around more than the table`);
        if (box.tabIndex < 0) problems.push(`${label}: its scroll container cannot take focus`);
        const named =
          (box.getAttribute('aria-label') ?? '').trim() !== '' ||
          (box.getAttribute('aria-labelledby') ?? '')
            .split(/\s+/)
            .some((id) => document.getElementById(id)?.textContent?.trim());
        if (!named || box.getAttribute('role') !== 'region')
          problems.push(`${label}: its scroll container is not a named region`);
        // The cue that there is more: shadows at the edges that scroll with the content.
        const style = getComputedStyle(box);
        if (
          overflows &&
          !(style.backgroundImage.includes('gradient') && /local/.test(style.backgroundAttachment))
        )
          problems.push(`${label}: its scroll container shows no cue that there is more`);
      }
    }
    return problems;
  }, wide);
}

for (const { wide, viewport } of [
  { wide: true, viewport: { width: 1280, height: 800 } },
  { wide: false, viewport: { width: 390, height: 844 } },
]) {
  test.describe(`at ${viewport.width} px`, () => {
    test.use({ viewport });

    test(`every table ${wide ? 'shows all its columns' : 'scrolls inside its own named, focusable box'}`, async ({
      page,
    }, testInfo) => {
      // Signing in and four pages, each with axe: more than 30 s on a busy machine.
      test.setTimeout(120_000);
      const lead = await createUser('lead');
      await signIn(page, lead.email);
      for (const entry of pages) {
        await test.step(entry.name, async () => {
          await page.goto(entry.path);
          await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
          await expect(page.locator('table')).toHaveCount(entry.tables);
          expect.soft(await layoutProblems(page, wide)).toEqual([]);
          await expectNoAxeViolations(page);
          // For a person to look at (LAYOUT_SCREENSHOTS=1); kept in test-results/, out of git.
          if (process.env['LAYOUT_SCREENSHOTS'])
            await page.screenshot({
              path: testInfo.outputPath(`${entry.path.replace(/\W+/g, '-')}${viewport.width}.png`),
              fullPage: true,
            });
        });
      }
    });
  });
}

test.describe('the case page', () => {
  /** Where a section of the case page is, by its heading's id. */
  const box = (page: Page, id: string) =>
    page.locator(`section[aria-labelledby="${id}"]`).boundingBox();

  test('at 1280 px: the summary and next steps on top, the application beside the work', async ({
    page,
  }) => {
    test.setTimeout(90_000);
    await page.setViewportSize({ width: 1280, height: 800 });
    const lead = await createUser('lead');
    await signIn(page, lead.email);
    await page.goto(`/koordinator/sak/${SEEDED_CASE}/`);
    const [steps, answers, checklist, notes, history] = await Promise.all(
      ['steg', 'soknaden', 'sjekkliste', 'notater', 'historikk'].map((id) => box(page, id)),
    );
    if (!steps || !answers || !checklist || !notes || !history)
      throw new Error('a section is missing');
    // Next steps above both columns; the application on one side, the work on the other.
    expect(steps.y + steps.height).toBeLessThanOrEqual(Math.min(answers.y, checklist.y) + 1);
    expect(answers.x + answers.width).toBeLessThanOrEqual(checklist.x + 1);
    expect(checklist.y).toBeLessThan(answers.y + answers.height);
    for (const side of [notes, history]) expect(side.x).toBe(checklist.x);
    // One even list: every answer's label column starts and ends at the same place.
    const labels = await page.locator('section[aria-labelledby="soknaden"] dt').evaluateAll((dts) =>
      dts.map((dt) => {
        const r = dt.getBoundingClientRect();
        return `${Math.round(r.left)}–${Math.round(r.width)}`;
      }),
    );
    expect(labels.length).toBeGreaterThan(10);
    expect(new Set(labels).size).toBe(1);
    await expectNoAxeViolations(page);
  });

  test('at 390 px: one column, in the order of the page', async ({ page }) => {
    test.setTimeout(90_000);
    await page.setViewportSize({ width: 390, height: 844 });
    const lead = await createUser('lead');
    await signIn(page, lead.email);
    await page.goto(`/koordinator/sak/${SEEDED_CASE}/`);
    const boxes = await Promise.all(
      ['steg', 'soknaden', 'sjekkliste', 'notater', 'historikk'].map((id) => box(page, id)),
    );
    const xs = new Set(boxes.map((b) => Math.round(b?.x ?? -1)));
    expect(xs.size).toBe(1);
    const ys = boxes.map((b) => b?.y ?? 0);
    expect(ys).toEqual([...ys].sort((a, b) => a - b));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    await expectNoAxeViolations(page);
  });
});
