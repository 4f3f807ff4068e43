/**
 * Finds what in content/ is still an example or not yet confirmed by the municipality, so a
 * production build can refuse it (src/cli/check-examples.ts). The content marks these itself: an
 * object with `example: true` (a meeting, a contact, the placeholder logo), a file's `unconfirmed`
 * list (a sentence per fact the municipality must confirm), and any `.invalid` address. Plain
 * Node (no Astro import): it runs before `astro build`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';

export interface ExampleFinding {
  /** The file to change, relative to the project (e.g. `content/meetings/2026-12-03-x.yaml`). */
  file: string;
  /** What is still an example, in Norwegian. */
  what: string;
}

/** The data a content file holds: a YAML file whole, an MDX or Markdown file's front matter. */
function dataOf(name: string, text: string): unknown {
  if (/\.ya?ml$/.test(name)) return load(text);
  const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  return front ? load(front[1] ?? '') : undefined;
}

/** How an example object is named in the list: a meeting by title, a contact by role, … */
function describe(value: Record<string, unknown>, at: string[], file: string): string {
  const text = (key: string) => (typeof value[key] === 'string' ? String(value[key]) : undefined);
  if (file.includes('/meetings/') && at.length === 0)
    return `Møtet «${text('title') ?? '?'}»${text('date') ? ` (${text('date')})` : ''} er et eksempel.`;
  if (at[0] === 'contacts') return `Kontakten «${text('role') ?? '?'}» er et eksempel.`;
  if (at[0] === 'logo')
    return `Logoen (${text('src') ?? '?'}, «${text('alt') ?? ''}») er en plassholder.`;
  return `${at.join('.') || 'Filen'} er et eksempel.`;
}

function walk(value: unknown, at: string[], file: string, found: ExampleFinding[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => walk(item, [...at, String(index)], file, found));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const object = value as Record<string, unknown>;
  if (object['example'] === true) found.push({ file, what: describe(object, at, file) });
  const unconfirmed = object['unconfirmed'];
  if (Array.isArray(unconfirmed))
    for (const item of unconfirmed) found.push({ file, what: `Ikke bekreftet: ${String(item)}` });
  for (const [key, child] of Object.entries(object))
    if (key !== 'unconfirmed' && key !== 'example') walk(child, [...at, key], file, found);
}

// An address on the reserved .invalid domain (RFC 2606) can never be the municipality's.
const INVALID_ADDRESS = /[\w.+-]*[\w-]+\.invalid\b/g;

/** Every example and unconfirmed fact in `contentDir`, file by file, in a stable order. */
export function findExamples(
  contentDir: string,
  projectDir = path.dirname(contentDir),
): ExampleFinding[] {
  const found: ExampleFinding[] = [];
  const names = readdirSync(contentDir, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.(ya?ml|mdx?)$/.test(name) && path.basename(name) !== 'README.md')
    .sort();
  for (const name of names) {
    const full = path.join(contentDir, name);
    const file = path.relative(projectDir, full).split(path.sep).join('/');
    const text = readFileSync(full, 'utf8');
    walk(dataOf(name, text), [], file, found);
    for (const match of text.matchAll(INVALID_ADDRESS))
      found.push({ file, what: `«${match[0]}» er en eksempeladresse (.invalid).` });
  }
  return found;
}

/** The Norwegian message a production build stops with. */
export function examplesMessage(found: ExampleFinding[]): string {
  return [
    'Bygget for produksjon stopper: innholdet har fortsatt eksempler eller opplysninger kommunen ikke har bekreftet.',
    'Rett eller bekreft hvert punkt i filen som står først på linjen, og fjern merket («example: true» eller linjen under «unconfirmed»). Se content/README.md.',
    '',
    ...found.map(({ file, what }) => `- ${file}: ${what}`),
  ].join('\n');
}
