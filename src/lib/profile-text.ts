/**
 * How the municipality profile's values are written out: a phone number as a `tel:` link, the
 * visiting address on one line, the retention period in words. Plain functions (no Astro import),
 * so the pages and the e-mails (also sent by `npm run outbox:send` under plain Node) share them.
 */
import type { Profile } from '../schemas/profile.ts';

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

/** A retention period in words, e.g. "6 måneder"; whole years as years ("ett år", "2 år"). */
export function retentionText(months: number): string {
  if (months === 12) return 'ett år';
  if (months % 12 === 0) return `${months / 12} år`;
  return months === 1 ? '1 måned' : `${months} måneder`;
}
