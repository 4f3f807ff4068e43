// The police certificate is one story everywhere an applicant reads about it: the form, the role
// pages and their FAQ, the receipt page and the receipt e-mail say when the confirmation of
// purpose comes (after the first conversation), where to order (politiet.no), that a certificate
// ordered for something else does not count, and that it may be at most three months old.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { emailContent } from '../../../src/lib/server/email/content.ts';
import { loadProfileFile } from '../../../src/lib/server/email/profile-file.ts';

const root = path.resolve(import.meta.dirname, '../../..');
/** A file's text with line breaks and indentation folded into single spaces. */
const read = (file: string) => readFileSync(path.join(root, file), 'utf8').replace(/\s+/g, ' ');

const places: [string, () => Promise<string>][] = [
  ['the form (src/lib/forms/common.ts)', async () => read('src/lib/forms/common.ts')],
  ['the visit-home page', async () => read('content/roles/besokshjem.mdx')],
  ['the supervisor page', async () => read('content/roles/tilsynsperson.mdx')],
  [
    'the receipt page (its steps and certificate text in src/lib/next-steps.ts)',
    async () => read('src/pages/soknad/kvittering/index.astro') + read('src/lib/next-steps.ts'),
  ],
  [
    'the receipt e-mail',
    async () => {
      const profile = await loadProfileFile(path.join(root, 'content'));
      const facts = { template: 'receipt', reference: 'BH-7K3M-Q9XD', receivedAt: new Date() };
      return ['besokshjem', 'tilsynsperson']
        .map((kind) =>
          JSON.stringify(
            emailContent({ ...facts, kind } as Parameters<typeof emailContent>[0], profile),
          ),
        )
        .join(' ');
    },
  ],
];

describe.each(places)('%s', (_name, text) => {
  it.each([
    [
      'when the confirmation comes',
      /Etter den første samtalen sender vi deg en bekreftelse på formålet/,
    ],
    ['where to order', /politiet\.no/],
    ['that another purpose does not count', /idrettslaget eller jobben/],
  ])('says %s', async (_what, pattern) => {
    expect(await text()).toMatch(pattern);
  });

  it.each([
    ['the confirmation comes with the application', /den får du når du søker/i],
    ['the confirmation comes "when we talk"', /bekreftelsen når vi snakkes/i],
  ])('never says %s', async (_what, pattern) => {
    expect(await text()).not.toMatch(pattern);
  });
});

describe('the role pages and the receipt', () => {
  it.each([
    'content/roles/besokshjem.mdx',
    'content/roles/tilsynsperson.mdx',
    'src/lib/next-steps.ts',
  ])('%s says the certificate may be at most three months old', (file) => {
    expect(read(file)).toMatch(/ikke være eldre enn tre måneder/);
  });
});
