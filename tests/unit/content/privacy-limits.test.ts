// The privacy statement names the time limits of links and sessions as src/lib/link-lifetimes.ts
// writes them. The statement's text is tied to a published privacy version and is not generated
// from the constants, so changing a constant without a new statement fails here.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APPLICANT_LINK,
  APPLICANT_SESSION_IDLE,
  APPLICANT_SESSION_MAX,
  duration,
  PERSONAL_LINK,
  REFEREE_REMINDER_AFTER,
} from '../../../src/lib/link-lifetimes.ts';

const root = path.resolve(import.meta.dirname, '../../..');
/** The statement with line breaks and indentation folded into single spaces. */
const statement = readFileSync(path.join(root, 'content/pages/personvern.mdx'), 'utf8').replace(
  /\s+/g,
  ' ',
);

describe('the privacy statement (content/pages/personvern.mdx)', () => {
  it.each([
    ['a personal link lasts', `er personlig, virker i ${duration(PERSONAL_LINK)} og`],
    [
      'a referee is reminded after',
      `sender vi én påminnelse etter ${duration(REFEREE_REMINDER_AFTER, { words: true })}.`,
    ],
    ['a sign-in link lasts', `Lenken virker i ${duration(APPLICANT_LINK)} og kan brukes én gang.`],
    [
      'an unused session ends after',
      `logget ut etter ${duration(APPLICANT_SESSION_IDLE)} uten bruk`,
    ],
    [
      'a session lasts at most',
      `og senest etter ${duration(APPLICANT_SESSION_MAX, { words: true })}.`,
    ],
  ])('says how long %s as the site does', (_what, phrase) => {
    expect(statement).toContain(phrase);
  });
});
