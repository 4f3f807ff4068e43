/**
 * Application references: a kind prefix and eight characters from an alphabet without the
 * look-alikes 0/O and 1/I, grouped for reading aloud (`BH-7K3M-Q9XD`). The database makes the
 * real ones (public.submit_application, with its own copy of the alphabet, held to this one by
 * tests/db/references.test.ts). This module holds the alphabet, the kinds and their
 * prefixes, and reads a reference the way an applicant may type it.
 */

/** The 32 characters a reference may use (no 0, O, 1 or I). */
export const REFERENCE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

export const REFERENCE_PREFIXES = { besokshjem: 'BH', tilsynsperson: 'TP' } as const;

export type ApplicationKind = keyof typeof REFERENCE_PREFIXES;

const kinds = Object.entries(REFERENCE_PREFIXES) as [ApplicationKind, string][];
const group = `[${REFERENCE_ALPHABET}]{4}`;
const pattern = new RegExp(`^(${kinds.map(([, prefix]) => prefix).join('|')})-${group}-${group}$`);

/** The kind a well-formed reference belongs to, or undefined. Accepts lower case and spaces. */
export function parseReference(
  input: string,
): { reference: string; kind: ApplicationKind } | undefined {
  const reference = input.trim().toUpperCase();
  const match = pattern.exec(reference);
  if (!match) return undefined;
  const [kind] = kinds.find(([, prefix]) => prefix === match[1]) as [ApplicationKind, string];
  return { reference, kind };
}
