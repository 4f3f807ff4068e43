import { z } from 'zod';

/** An ordinary content page (follow-up, privacy, accessibility); the body is MDX. */
export const PageSchema = z.strictObject({
  /** Page title, also the h1. */
  title: z.string().min(3),
  /** Meta description: one or two sentences, at most 160 characters. */
  description: z.string().min(20).max(160),
  /** The lead paragraph under the h1. */
  lead: z.string().min(20),
  /** When the content was last reviewed. */
  updated: z.coerce.date(),
  /**
   * Version of a statement people consent to (the privacy statement). Bump it whenever the
   * statement changes in substance; the forms store the version the applicant saw.
   */
  version: z
    .string()
    .regex(/^\d+\.\d+$/, 'Versjonen skrives som hovednummer.undernummer, f.eks. 1.0')
    .optional(),
  /** What this page says that the municipality has not confirmed yet (see content/README.md). */
  unconfirmed: z.array(z.string().min(5)).optional(),
});

export type Page = z.output<typeof PageSchema>;
