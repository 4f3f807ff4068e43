/**
 * Finds runs of nine or more words that a portal text shares with the source texts (the seeds in
 * ../shared/seeds/), after normalising case and punctuation. The repository keeps only hashes of
 * the seeds' nine-word runs (tests/fixtures/seed-9grams.txt), not the seeds themselves, so the
 * check runs on a clean clone and no seed text (with its named people) is copied in.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** How many consecutive shared words count as copying. */
export const RUN = 9;

/** Lower-case words, with every character that is not a letter or a digit treated as a space. */
export function words(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** A short, stable hash of one run of words. */
export function hashRun(run: string[]): string {
  return createHash('sha256').update(run.join(' ')).digest('hex').slice(0, 16);
}

/** Every run of RUN consecutive words in a text, with its position. */
export function* runs(text: string): Generator<{ at: number; run: string[] }> {
  const list = words(text);
  for (let at = 0; at + RUN <= list.length; at += 1) yield { at, run: list.slice(at, at + RUN) };
}

/** The hashes of every nine-word run in the given seed texts. */
export function seedHashes(texts: string[]): Set<string> {
  const hashes = new Set<string>();
  for (const text of texts) for (const { run } of runs(text)) hashes.add(hashRun(run));
  return hashes;
}

/** The nine-word runs of `text` that also occur in a seed, as readable phrases. */
export function copiedRuns(text: string, hashes: Set<string>): string[] {
  const found: string[] = [];
  for (const { run } of runs(text)) if (hashes.has(hashRun(run))) found.push(run.join(' '));
  return found;
}

/** The fixture file with the seeds' run hashes, one per line, sorted. */
export const fixturePath = path.resolve(import.meta.dirname, '../fixtures/seed-9grams.txt');

/** The seed texts in a folder (all .txt files). */
export function readSeeds(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => readFileSync(path.join(dir, name), 'utf8'));
}

/** The fixture's content for a set of hashes. */
export function fixtureText(hashes: Set<string>): string {
  return `${[...hashes].sort().join('\n')}\n`;
}

// `node tests/support/copied-words.ts <seeds folder>` rewrites the fixture from the seeds.
if (import.meta.main) {
  const { writeFileSync } = await import('node:fs');
  const dir = process.argv[2] ?? path.resolve(import.meta.dirname, '../../../shared/seeds');
  writeFileSync(fixturePath, fixtureText(seedHashes(readSeeds(dir))));
  console.log(`Wrote ${fixturePath}`);
}
