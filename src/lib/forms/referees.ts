/**
 * The referees an application names (both kinds): as many as the municipality's profile asks for
 * (`refereesWanted`; 0 asks none). Their section, their zod shape, how the validated answers become
 * the `referees` array of public.submit_application, and how the database's refusals
 * (`invalid field: referee_<n>_<key>`) name the form's fields. Free of server imports.
 */
import { z } from 'zod/mini';
import type { Field, Section } from './definition.ts';
import { LIMITS, emailAddress, phoneNumber, requiredText } from './rules.ts';

/** The most referees a form may ask for (public.screening_settings allows 0–5). */
export const MAX_REFEREES = 5;

/** A referee's answer as the database takes it (one object of submit_application's `referees`). */
export interface Referee {
  full_name: string;
  relation: string;
  phone: string;
  email: string;
}

/** The database's key of a referee's detail → the form field's suffix. */
const KEYS = {
  full_name: 'FullName',
  relation: 'Relation',
  phone: 'Phone',
  email: 'Email',
} as const satisfies Record<keyof Referee, string>;
type Key = keyof typeof KEYS;

/** The form field of referee `n` (from 1) for a database key: `referee2Email`. */
export function refereeField(n: number, key: Key): string {
  return `referee${n}${KEYS[key]}`;
}

const REFUSED: Record<Key, (n: number) => string> = {
  full_name: (n) => `Sjekk navnet til referanse ${n}`,
  relation: (n) => `Sjekk hvordan referanse ${n} kjenner deg`,
  phone: (n) => `Sjekk telefonnummeret til referanse ${n}`,
  email: (n) => `Sjekk e-postadressen til referanse ${n}. Den kan ikke være din egen`,
};

/**
 * The form field the database names in `invalid field: referee_<n>_<key>`, with the message the
 * applicant reads there, or undefined for any other field.
 */
export function refusedRefereeField(
  column: string,
): { field: string; message: string } | undefined {
  const match = /^referee_([1-9])_(full_name|relation|phone|email)$/.exec(column);
  if (!match) return undefined;
  const n = Number(match[1]);
  const key = match[2] as Key;
  return { field: refereeField(n, key), message: REFUSED[key](n) };
}

/** Whole-number count within 0–MAX_REFEREES (anything else is a programming error). */
function checkedCount(count: number): number {
  if (!Number.isInteger(count) || count < 0 || count > MAX_REFEREES)
    throw new RangeError(`refereesWanted must be a whole number from 0 to ${MAX_REFEREES}`);
  return count;
}

/** The section that asks for `count` referees, or none when the service asks for none. */
export function refereesSection(count: number): Section | undefined {
  if (checkedCount(count) === 0) return undefined;
  const fields: Field[] = [];
  for (let n = 1; n <= count; n++) {
    fields.push(
      {
        type: 'text',
        name: refereeField(n, 'full_name'),
        label: `Fullt navn til referanse ${n}`,
        maxlength: LIMITS.name,
      },
      {
        type: 'text',
        name: refereeField(n, 'relation'),
        label: `Hvordan kjenner referanse ${n} deg?`,
        hint: 'For eksempel venn i ti år, kollega eller nabo. Ikke nær familie.',
        maxlength: LIMITS.relation,
      },
      {
        type: 'text',
        name: refereeField(n, 'phone'),
        label: `Telefonnummeret til referanse ${n}`,
        hint: '8 siffer.',
        inputType: 'tel',
        inputmode: 'tel',
        maxlength: 20,
        size: 'm',
      },
      {
        type: 'text',
        name: refereeField(n, 'email'),
        label: `E-postadressen til referanse ${n}`,
        inputType: 'email',
        inputmode: 'email',
        maxlength: LIMITS.email,
      },
    );
  }
  return {
    id: 'referanser',
    title: count === 1 ? 'Referanse' : 'Referanser',
    description:
      count === 1
        ? 'Skriv inn en person som kjenner deg godt og kan si noe om hvordan du er sammen med barn. Det kan ikke være nær familie, som foreldre, søsken, barn eller den du søker sammen med. Vi kontakter ikke referansen før etter den første samtalen med deg. Da får referansen en e-post fra oss med noen få spørsmål.'
        : `Skriv inn ${count} personer som kjenner deg godt og kan si noe om hvordan du er sammen med barn. Det kan ikke være nær familie, som foreldre, søsken, barn eller den du søker sammen med. Vi kontakter ikke referansene før etter den første samtalen med deg. Da får hver av dem en e-post fra oss med noen få spørsmål.`,
    fields,
  };
}

/**
 * The zod shape of `count` referees' fields, keyed by form field, to spread into a form's object.
 * Typed as no keys: `gatherReferees` turns them into the output's `referees`.
 */
export function refereesShape(count: number): Record<never, z.ZodMiniType> {
  const shape: Record<string, z.ZodMiniType> = {};
  for (let n = 1; n <= checkedCount(count); n++) {
    shape[refereeField(n, 'full_name')] = requiredText(
      LIMITS.name,
      `Skriv inn fullt navn til referanse ${n}`,
      'Navnet kan ha høyst 100 tegn',
    );
    shape[refereeField(n, 'relation')] = requiredText(
      LIMITS.relation,
      `Skriv hvordan referanse ${n} kjenner deg`,
      `Skriv høyst ${LIMITS.relation} tegn`,
    );
    shape[refereeField(n, 'phone')] = phoneNumber(`Skriv inn telefonnummeret til referanse ${n}`);
    shape[refereeField(n, 'email')] = emailAddress(`Skriv inn e-postadressen til referanse ${n}`);
  }
  return shape;
}

/**
 * The key an e-mail address counts under, as the database's private.address_key: lower case,
 * a `+tag` in the local part removed.
 */
export function addressKey(email: string): string {
  return email.toLowerCase().replace(/^([^@+]+)\+[^@]*@/, '$1@');
}

/** The rule between answers: a referee's e-mail is not the applicant's own. Field → message. */
export function refereeIssues(
  value: Record<string, unknown>,
  count: number,
): Partial<Record<string, string>> {
  const issues: Partial<Record<string, string>> = {};
  const own = typeof value['email'] === 'string' ? addressKey(value['email'].trim()) : undefined;
  if (!own) return issues;
  for (let n = 1; n <= count; n++) {
    const field = refereeField(n, 'email');
    const theirs = value[field];
    if (typeof theirs === 'string' && addressKey(theirs.trim()) === own)
      issues[field] =
        `Skriv inn e-postadressen til referanse ${n}. Det kan ikke være din egen e-postadresse`;
  }
  return issues;
}

/**
 * Adds the rule between answers (a referee's e-mail is not the applicant's own) to a form's
 * object schema, checked also when other fields have errors.
 */
export function withRefereeRule<S extends z.ZodMiniType<Record<string, unknown>>>(
  schema: S,
  count: number,
): S {
  return schema.check(
    z.superRefine(
      (value: Record<string, unknown>, context) => {
        for (const [field, message] of Object.entries(refereeIssues(value, count)))
          context.addIssue({ code: 'custom', path: [field], message: message ?? '', input: value });
      },
      { when: () => true },
    ),
  );
}

/**
 * The validated answers with the referees' fields gathered into `referees`, in order, as the
 * database takes them; the flat fields are removed.
 */
export function gatherReferees<T extends Record<string, unknown>>(
  value: T,
  count: number,
): T & { referees: Referee[] } {
  const rest: Record<string, unknown> = { ...value };
  const referees: Referee[] = [];
  for (let n = 1; n <= count; n++) {
    const referee = {} as Referee;
    for (const key of Object.keys(KEYS) as Key[]) {
      const field = refereeField(n, key);
      referee[key] = String(rest[field]);
      delete rest[field];
    }
    referees.push(referee);
  }
  return { ...(rest as T), referees };
}
