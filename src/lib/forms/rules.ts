/**
 * Zod building blocks for the application forms. The messages are the copy the applicant reads:
 * action-led Norwegian bokmål. Written with zod/mini (functions, not methods) so that the island
 * bundles only the checks it uses; the server runs the very same schemas.
 */
import { z } from 'zod/mini';
import { certificateValidOn, parseNorwegianDate, todayInOslo, type Clock } from '../dates.ts';
import { hasVisibleCharacter } from '../text.ts';

export const LIMITS = {
  name: 100,
  /** How a referee knows the applicant. */
  relation: 100,
  email: 254,
  street: 120,
  postalPlace: 60,
  motivation: 1000,
  date: 20,
} as const;

/**
 * Characters no answer may hold: control characters (NUL too, which Postgres cannot store) and
 * bidirectional formatting characters.
 */
const FORBIDDEN =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
/** The same, but line breaks and tabs are allowed (a textarea). */
const FORBIDDEN_MULTILINE =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

export const TEXT_MESSAGES = {
  forbidden: 'Fjern tegn som ikke er bokstaver, tall eller tegnsetting',
} as const;

/** Length in code points (characters as the database counts them), not UTF-16 units. */
export function textLength(value: string): number {
  let count = 0;
  for (const _ of value) count++;
  return count;
}

function textChecks(max: number, tooLong: string, multiline: boolean) {
  return [
    z.refine<string>((value) => textLength(value) <= max, { error: tooLong }),
    z.refine<string>((value) => !(multiline ? FORBIDDEN_MULTILINE : FORBIDDEN).test(value), {
      error: TEXT_MESSAGES.forbidden,
    }),
  ] as const;
}

/**
 * Required, trimmed text with a maximum length; one line unless `multiline`. Text of invisible
 * characters only (a zero-width space) is no answer: it gets the `required` message.
 */
export function requiredText(max: number, required: string, tooLong?: string, multiline = false) {
  return z.string({ error: required }).check(
    z.trim(),
    z.minLength(1, { error: required }),
    z.refine<string>((value) => value === '' || hasVisibleCharacter(value), {
      error: required,
      abort: true,
    }),
    ...textChecks(max, tooLong ?? `Skriv høyst ${max} tegn`, multiline),
  );
}

/**
 * Optional, trimmed text, one line unless `multiline`; empty becomes null. Invisible characters
 * only are refused with `invisible`: the applicant meant either an answer or none.
 */
export function optionalText(
  max: number,
  tooLong?: string,
  invisible = 'Skriv svaret med bokstaver eller tall, eller la feltet stå tomt',
  multiline = false,
) {
  return z.pipe(
    z.optional(
      z.string().check(
        z.trim(),
        z.refine<string>((value) => value === '' || hasVisibleCharacter(value), {
          error: invisible,
          abort: true,
        }),
        ...textChecks(max, tooLong ?? `Skriv høyst ${max} tegn`, multiline),
      ),
    ),
    z.transform((value: string | undefined) => (value ? value : null)),
  );
}

/** A whole number typed as text, within [min, max]. */
export function wholeNumber(min: number, max: number, required: string, outOfRange: string) {
  return z
    .pipe(
      z
        .string({ error: required })
        .check(
          z.trim(),
          z.minLength(1, { error: required }),
          z.regex(/^\d{1,3}$/, { error: outOfRange }),
        ),
      z.transform(Number),
    )
    .check(z.refine((n: number) => n >= min && n <= max, { error: outOfRange }));
}

/** An optional whole number typed as text, within [min, max]; empty becomes null. */
export function optionalWholeNumber(min: number, max: number, outOfRange: string) {
  return z
    .pipe(
      z
        .string({ error: outOfRange })
        .check(z.trim(), z.regex(/^(?:\d{1,3})?$/, { error: outOfRange })),
      z.transform((value: string) => (value === '' ? null : Number(value))),
    )
    .check(
      z.refine((n: number | null) => n === null || (n >= min && n <= max), { error: outOfRange }),
    );
}

/**
 * The values of a list of options (declared `as const`), as the tuple zod's enum takes: the list
 * the form shows is the one definition, and the schema's values derive from it.
 */
export function valuesOf<const T extends readonly [{ value: string }, ...{ value: string }[]]>(
  options: T,
): { -readonly [K in keyof T]: T[K] extends { value: infer V } ? V : never } {
  return options.map((option) => option.value) as never;
}

/** One of the given option values. */
export function choice<const T extends readonly [string, ...string[]]>(values: T, error: string) {
  return z.enum(values, { error });
}

/** Zero or more of the given option values, each at most once. */
export function choices<const T extends readonly [string, ...string[]]>(
  values: T,
  error: string,
  min = 0,
) {
  return z.array(z.enum(values, { error }), { error }).check(
    z.maxLength(values.length, { error }),
    z.refine((list: T[number][]) => new Set(list).size === list.length, { error }),
    z.refine((list: T[number][]) => list.length >= min, { error }),
  );
}

/** A ticked confirmation checkbox (value `ja`). */
export function confirmed(error: string) {
  return z.pipe(
    z.literal('ja', { error }),
    z.transform(() => true as const),
  );
}

/** An e-mail address (trimmed); `required` when empty. */
export function emailAddress(required: string) {
  return z.pipe(
    z
      .string({ error: required })
      .check(
        z.trim(),
        z.minLength(1, { error: required }),
        z.maxLength(LIMITS.email, { error: 'E-postadressen er for lang' }),
      ),
    z.email({ error: 'Skriv inn en gyldig e-postadresse, for eksempel navn@eksempel.no' }),
  );
}

export const email = emailAddress('Skriv inn e-postadressen din');

/**
 * A Norwegian phone number: 8 digits, optionally +47 or 0047 first, spaces and dashes allowed;
 * stored as the 8 digits. `required` when empty.
 */
export function phoneNumber(required: string) {
  return z.pipe(
    z.pipe(
      z.pipe(
        z.string({ error: required }),
        z.transform((value: string) => value.replace(/[\s-]/g, '')),
      ),
      z.string().check(
        z.minLength(1, { error: required }),
        z.regex(/^(?:\+47|0047)?\d{8}$/, {
          error: 'Skriv inn et norsk telefonnummer med 8 siffer, for eksempel 912 34 567',
        }),
      ),
    ),
    z.transform((value: string) => value.slice(-8)),
  );
}

export const phone = phoneNumber('Skriv inn telefonnummeret ditt');

export const postcode = z
  .string({ error: 'Skriv inn postnummeret ditt' })
  .check(
    z.trim(),
    z.minLength(1, { error: 'Skriv inn postnummeret ditt' }),
    z.regex(/^\d{4}$/, { error: 'Skriv postnummeret med 4 siffer, for eksempel 7010' }),
  );

export const submissionId = z.uuid({ error: 'Last inn siden på nytt og send søknaden igjen' });

export const CERTIFICATE = ['har', 'bestiller'] as const;

/** The answer for an applicant without a certificate yet; the too-old message quotes it. */
export const CERTIFICATE_TO_ORDER_LABEL = 'Nei, jeg bestiller en når jeg får bekreftelsen fra dere';

export const CERTIFICATE_MESSAGES = {
  required: 'Skriv inn datoen politiattesten ble utstedt',
  format: 'Skriv datoen som dd.mm.åååå, for eksempel 01.11.2026',
  future: 'Datoen kan ikke være fram i tid. Sjekk datoen på politiattesten',
  tooOld: `Politiattesten er eldre enn tre måneder. Velg «${CERTIFICATE_TO_ORDER_LABEL}», så hjelper vi deg`,
} as const;

/**
 * The certificate rule, checked for the whole object so it runs even when other fields have
 * errors: with "har", the issue date must be a real date, not in the future, and at most three
 * calendar months old in Europe/Oslo.
 */
export function certificateIssue(
  value: { certificate?: unknown; certificateIssuedOn?: unknown },
  clock: Clock,
): string | undefined {
  if (value.certificate !== 'har') return undefined;
  const typed = typeof value.certificateIssuedOn === 'string' ? value.certificateIssuedOn : '';
  if (typed.trim() === '') return CERTIFICATE_MESSAGES.required;
  const iso = parseNorwegianDate(typed);
  if (!iso) return CERTIFICATE_MESSAGES.format;
  const today = todayInOslo(clock);
  if (iso > today) return CERTIFICATE_MESSAGES.future;
  if (!certificateValidOn(iso, today)) return CERTIFICATE_MESSAGES.tooOld;
  return undefined;
}

/** The issue date as ISO when the applicant has a certificate, else null. */
export function certificateDate(certificate: string, typed: string | null): string | null {
  return certificate === 'har' && typed ? (parseNorwegianDate(typed) ?? null) : null;
}
