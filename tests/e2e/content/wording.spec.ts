/**
 * One spelling of the service and one wording for which police certificate counts, in everything
 * people read: every built page (content, forms, receipt, sign-in, 404) and every rendered e-mail.
 * The service is "barnevernstjenesten" (the 2021 act's form), never "barneverntjenesten"; a
 * certificate counts when it is "bestilt til oppdrag for barnevernstjenesten, med bekreftelsen på
 * formålet fra oss", and no page or e-mail says it another way.
 */
import { execFileSync } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';
import { projectRoot } from '../../../supabase/local/stack.ts';
import { contentPages, formPages } from './site-pages.ts';

const CHOSEN = 'bestilt til oppdrag for barnevernstjenesten, med bekreftelsen på formålet fra oss';

/** What is wrong with a text's spelling of the service or its certificate wording. */
function wordingProblems(raw: string): string[] {
  const text = raw.replace(/\s+/g, ' ');
  const problems: string[] = [];
  for (const match of text.matchAll(/barneverntjenest\p{L}*/giu))
    problems.push(`«${match[0]}» (skriv barnevernstjenesten)`);
  for (const match of text.matchAll(/\bbestilt\s+(?:til|for)\b/giu)) {
    const at = text.slice(match.index);
    if (!at.toLowerCase().startsWith(CHOSEN)) problems.push(`«${at.slice(0, 70)}…»`);
  }
  for (const match of text.matchAll(
    /\b(?:til|for) (?:dette|det) (?:oppdraget|formålet)\b|\bpolitiattest(?:en)? (?:til|for) oppdrag\b/giu,
  ))
    problems.push(`«${match[0]}»`);
  return problems;
}

/** Everything a visitor reads on the page: the title, the description and the body's text. */
async function pageText(page: Page): Promise<string> {
  const description = await page.locator('meta[name="description"]').getAttribute('content');
  return `${await page.title()}\n${description ?? ''}\n${await page.locator('body').innerText()}`;
}

test('the wording check finds the other spellings and wordings', () => {
  expect(wordingProblems('Ring barneverntjenesten i dag.')).toHaveLength(1);
  expect(wordingProblems('Attesten må være bestilt til dette oppdraget.')).toHaveLength(2);
  expect(
    wordingProblems('Har du en politiattest til oppdrag for barnevernstjenesten?'),
  ).toHaveLength(1);
  expect(wordingProblems(`Den må være ${CHOSEN}. Ta kontakt med barnevernstjenesten.`)).toEqual([]);
});

const receipts = ['/soknad/kvittering/?ref=BH-7K3M-Q9XD', '/soknad/kvittering/?ref=TP-A2B3-C4D5'];
const pages = [
  ...contentPages.map(({ path }) => path),
  ...formPages,
  ...receipts,
  '/koordinator/logg-inn/',
  '/finnes-ikke/',
];
/** The pages that tell an applicant which certificate counts. */
const sayWhichCertificate = ['/besokshjem/', '/tilsynsperson/', ...formPages, ...receipts];

test('every built page spells the service one way and words the certificate one way', async ({
  page,
}) => {
  for (const path of pages) {
    await test.step(path, async () => {
      await page.goto(path);
      const text = await pageText(page);
      expect(wordingProblems(text), path).toEqual([]);
      if (sayWhichCertificate.includes(path)) expect(text.replace(/\s+/g, ' ')).toContain(CHOSEN);
    });
  }
});

test('every rendered e-mail spells the service one way and words the certificate one way', () => {
  // Rendered by the same code `npm run outbox:send` uses, with the real profile.
  const { samples } = JSON.parse(
    execFileSync(process.execPath, ['tests/unit/email/render-samples.ts'], {
      cwd: projectRoot,
      encoding: 'utf8',
    }),
  ) as {
    samples: { template: string; kind: string; subject: string; html: string; text: string }[];
  };
  expect(samples).toHaveLength(4);
  for (const { template, kind, subject, html, text } of samples) {
    const name = `${template} ${kind}`;
    expect(wordingProblems(`${subject}\n${text}`), name).toEqual([]);
    expect(wordingProblems(html.replace(/<[^>]+>/g, ' ')), name).toEqual([]);
    if (template === 'receipt') expect(text.replace(/\s+/g, ' '), name).toContain(CHOSEN);
  }
});
