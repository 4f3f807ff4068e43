// Every text a citizen or coordinator reads is written anew: no content file, form text, page or
// e-mail may repeat nine or more consecutive words of a source text (case and punctuation ignored).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { emailContent, type Template } from '../../../src/lib/server/email/content.ts';
import { loadProfileFile } from '../../../src/lib/server/email/profile-file.ts';
import {
  copiedRuns,
  fixturePath,
  fixtureText,
  readSeeds,
  RUN,
  seedHashes,
  words,
} from '../../support/copied-words.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const hashes = new Set(readFileSync(fixturePath, 'utf8').split('\n').filter(Boolean));

function files(dir: string, pattern: RegExp): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && pattern.test(e.name))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
    .sort();
}

/** Everything people read: content, form definitions, pages, layouts, components and e-mails. */
const checked = [
  ...files('content', /\.(mdx|md|yaml)$/),
  ...files('src/lib/forms', /\.ts$/),
  ...files('src/lib/server/email', /\.(ts|svelte)$/),
  ...files('src/pages', /\.(astro|ts)$/),
  ...files('src/layouts', /\.astro$/),
  ...files('src/components', /\.(astro|svelte)$/),
];

describe('the copy detector', () => {
  // A sentence from seed 004, with its case and punctuation changed.
  const copied = 'BESØKSHJEMMET erstatter ikke barnets hjem – men er en ekstra ressurs for barnet!';

  it.each([
    ['a seed sentence with other case and punctuation', copied, 1],
    ['the same sentence inside other text', `Vi skriver: «${copied}» Slik.`, 1],
    ['eight of its words only', 'erstatter ikke barnets hjem men er en ekstra', 0],
    ['a sentence written anew', 'Barnet bor hjemme og kommer på besøk til deg noen dager.', 0],
  ])('%s', (_name, text, expected) => {
    expect(copiedRuns(text, hashes).length > 0 ? 1 : 0).toBe(expected);
  });

  it('normalises case and punctuation into words', () => {
    expect(words('Hei, DU! Én-to: «tre»')).toEqual(['hei', 'du', 'én', 'to', 'tre']);
    expect(RUN).toBe(9);
  });

  // Where the seeds are at hand (the project's shared folder), the fixture must match them.
  const seedDir = path.resolve(root, '../shared/seeds');
  it.skipIf(!existsSync(seedDir))('holds the hashes of the current seeds', () => {
    expect(readFileSync(fixturePath, 'utf8')).toBe(fixtureText(seedHashes(readSeeds(seedDir))));
  });
});

describe('no text repeats nine words of a seed', () => {
  it('checks the files people read', () => {
    expect(checked.length).toBeGreaterThan(20);
    expect(checked).toEqual(
      expect.arrayContaining([
        'content/roles/besokshjem.mdx',
        'src/lib/forms/common.ts',
        'src/lib/server/email/content.ts',
      ]),
    );
  });

  it.each(checked)('%s', (file) => {
    expect(copiedRuns(readFileSync(path.join(root, file), 'utf8'), hashes)).toEqual([]);
  });

  it('the rendered e-mails', async () => {
    const profile = await loadProfileFile(path.join(root, 'content'));
    const receivedAt = new Date('2026-11-23T13:05:00Z');
    const { building, street, postalCode, city } = profile.visitingAddress;
    const address = [building, street, `${postalCode} ${city}`].filter(Boolean).join(', ');
    for (const template of ['receipt', 'coordinator_notice'] satisfies Template[])
      for (const kind of ['besokshjem', 'tilsynsperson'] as const) {
        // The visiting address is a fact the seed and the profile share, not a sentence.
        const text = JSON.stringify(
          emailContent({ template, kind, reference: 'BH-7K3M-Q9XD', receivedAt }, profile),
        ).replaceAll(address, ' | ');
        expect(copiedRuns(text, hashes), `${template} ${kind}`).toEqual([]);
      }
  });
});
