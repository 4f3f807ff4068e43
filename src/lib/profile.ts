/**
 * The municipality profile and the privacy-statement version, read from the content
 * collections. Pages, layouts and the application forms all read contact details from here.
 */
import { getCollection, getEntry } from 'astro:content';
import type { Profile } from '../schemas/profile.ts';

export type { Profile } from '../schemas/profile.ts';
// Written in profile-text.ts (no Astro import) so the e-mails share them; re-exported for pages.
export { addressText, retentionText, telHref } from './profile-text.ts';

/** The validated municipality profile (content/profile/*.yaml holds exactly one). */
export async function getProfile(): Promise<Profile> {
  const entries = await getCollection('profile');
  const [first] = entries;
  if (!first || entries.length > 1) {
    throw new Error(
      `content/profile/ must hold exactly one profile file; found ${entries.length}.`,
    );
  }
  return first.data;
}

/** The version of the privacy statement (content/pages/personvern.mdx) the forms ask consent to. */
export async function getPrivacyVersion(): Promise<string> {
  const entry = await getEntry('pages', 'personvern');
  const version = entry?.data.version;
  if (!version) {
    throw new Error('content/pages/personvern.mdx must have a `version` in its front matter.');
  }
  return version;
}
