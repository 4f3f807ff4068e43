/**
 * The lead's bulk export of archive copies: its form's one zod schema (the cases ended from and
 * to a day, both optional, dd.mm.åååå) and those days as the instants the database compares
 * with. Free of server imports: the page and the ZIP's route both read it.
 */
import { z } from 'zod';
import { osloDate, parseNorwegianDate } from '../dates.ts';

const day = (label: string) =>
  z
    .string()
    .trim()
    .transform((value, ctx) => {
      if (value === '') return null;
      const iso = parseNorwegianDate(value);
      if (iso) return iso;
      ctx.addIssue({
        code: 'custom',
        message: `Skriv ${label} som dd.mm.åååå, for eksempel 01.03.2026.`,
      });
      return z.NEVER;
    });

export const ArchiveExportSchema = z
  .object({ fra: day('fra-datoen').default(null), til: day('til-datoen').default(null) })
  .refine((form) => !form.fra || !form.til || form.fra <= form.til, {
    path: ['til'],
    message: 'Til-datoen kan ikke være før fra-datoen.',
  });

export type ArchiveExport = z.output<typeof ArchiveExportSchema>;

/** The instant a day begins in Europe/Oslo (UTC+1 or +2; clocks never change at midnight). */
export function osloMidnight(iso: string): Date {
  const utcMidnight = new Date(`${iso}T00:00:00Z`).getTime();
  for (const hours of [1, 2]) {
    const instant = new Date(utcMidnight - hours * 3_600_000);
    if (osloDate(instant) === iso && osloDate(new Date(instant.getTime() - 1)) !== iso)
      return instant;
  }
  return new Date(utcMidnight);
}

/** The filter on when a case ended: from the start of `fra` to the end of `til`. */
export function endedBetween(form: ArchiveExport): { from?: Date; until?: Date } {
  const next = (iso: string) => {
    const d = new Date(`${iso}T12:00:00Z`);
    d.setUTCDate(d.getUTCDate() + 1);
    return d.toISOString().slice(0, 10);
  };
  return {
    ...(form.fra ? { from: osloMidnight(form.fra) } : {}),
    ...(form.til ? { until: osloMidnight(next(form.til)) } : {}),
  };
}

/** The form's fields from a URL's query, as typed (to validate, or to show again). */
export function exportQuery(url: URL): { fra: string; til: string } {
  return { fra: url.searchParams.get('fra') ?? '', til: url.searchParams.get('til') ?? '' };
}

/** What a coordinator who is not a lead is told, on the page and by the ZIP. */
export const EXPORT_FOR_LEADS = 'Bare ledere kan laste ned arkivkopier av mange saker.';
