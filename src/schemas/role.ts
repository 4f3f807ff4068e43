import { z } from 'zod';

/** A question and its answer, shown in the FAQ of a role page. */
export const FaqItemSchema = z.strictObject({
  question: z.string().min(5),
  answer: z.string().min(5),
});

/** A recruitment page for one role (foster home, visit home, supervisor); the body is MDX. */
export const RoleSchema = z.strictObject({
  /** Page title, also the h1. */
  title: z.string().min(3),
  /** Meta description: one or two sentences, at most 160 characters. */
  description: z.string().min(20).max(160),
  /** The lead paragraph under the h1: the most important thing first. */
  lead: z.string().min(20),
  /** Short name of the role used in navigation and on the front page, e.g. "Besøkshjem". */
  name: z.string().min(3),
  /** One sentence for the role's card on the front page. */
  summary: z.string().min(20),
  /** Position among the roles on the front page and in the menu. */
  order: z.int().min(1),
  /** The call to action: where to apply or get in touch. */
  action: z.strictObject({
    href: z.string().regex(/^(\/|https:\/\/)/, 'Lenken må starte med / eller https://'),
    label: z.string().min(3),
  }),
  /** Frequently asked questions. */
  faq: z.array(FaqItemSchema).default([]),
  /** When the content was last reviewed. */
  updated: z.coerce.date(),
  /** What this page says that the municipality has not confirmed yet (see content/README.md). */
  unconfirmed: z.array(z.string().min(5)).optional(),
});

export type Role = z.output<typeof RoleSchema>;
export type FaqItem = z.output<typeof FaqItemSchema>;
