/**
 * Application references: a kind prefix and eight characters from an alphabet without the
 * look-alikes 0/O and 1/I, grouped for reading aloud (`BH-7K3M-Q9XD`). The database makes them
 * (public.submit_application); this module only recognises and describes them.
 */

/** The 32 characters a reference may use (no 0, O, 1 or I). */
export const REFERENCE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

export const REFERENCE_PREFIXES = { besokshjem: 'BH', tilsynsperson: 'TP' } as const;

export type ApplicationKind = keyof typeof REFERENCE_PREFIXES;

const pattern = /^(BH|TP)-([2-9A-HJ-NP-Z]{4})-([2-9A-HJ-NP-Z]{4})$/;

/** The kind a well-formed reference belongs to, or undefined. Accepts lower case and spaces. */
export function parseReference(
  input: string,
): { reference: string; kind: ApplicationKind } | undefined {
  const reference = input.trim().toUpperCase();
  const match = pattern.exec(reference);
  if (!match) return undefined;
  const kind = match[1] === 'BH' ? 'besokshjem' : 'tilsynsperson';
  return { reference, kind };
}
