/**
 * The municipality profile and the privacy-statement version, read from the content
 * collections. Pages, layouts and the application forms all read contact details from here.
 */
import { getCollection, getEntry } from 'astro:content';
import type { Profile } from '../schemas/profile.ts';

export type { Profile } from '../schemas/profile.ts';

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

/** A `tel:` link for a Norwegian phone number as written in the profile ("72 54 22 40"). */
export function telHref(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return `tel:+${digits.length === 8 ? `47${digits}` : digits}`;
}

/** The visiting address on one line, e.g. "Rådhuset, Gata 1, 7725 Steinkjer". */
export function addressText(address: Profile['visitingAddress']): string {
  return [address.building, address.street, `${address.postalCode} ${address.city}`]
    .filter(Boolean)
    .join(', ');
}

/** The retention period in words, e.g. "6 måneder". */
export function retentionText(months: number): string {
  return months === 1 ? '1 måned' : `${months} måneder`;
}
