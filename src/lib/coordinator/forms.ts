/**
 * The workspace's forms: one zod schema each (status, assignment, checklist, note, the links to
 * the co-applicant and referees, a phone reference, journal, team). The database checks the same
 * things again (workflow, dates not in the future, note length, roles), and has the last word.
 * Free of server imports.
 */
import { z } from 'zod';
import { Constants } from '../database.types.ts';
import { parseNorwegianDate } from '../dates.ts';
import { requiredText } from '../forms/rules.ts';
import { duration, PERSONAL_LINK } from '../link-lifetimes.ts';
import { hasVisibleCharacter, NUL } from '../text.ts';

const reference = z.string().regex(/^(BH|TP)-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/, 'Ukjent sak.');
// A user id as Postgres and Auth write it (lower case), whatever case the form sent: the site then
// compares ids as UUIDs, so an upper-case own id is still one's own.
const userId = z.uuid('Velg en koordinator fra listen.').toLowerCase();

/**
 * Free text the database can store and a reader can see: trimmed, `required` when empty or only
 * invisible characters (a zero-width space), `unstorable` with a NUL, at most `max` characters.
 */
function freeText(max: number, messages: { required: string; tooLong: string; nul: string }) {
  return z
    .string()
    .trim()
    .refine(hasVisibleCharacter, { error: messages.required, abort: true })
    .refine((value) => !NUL.test(value), { error: messages.nul, abort: true })
    .refine((value) => value.length <= max, messages.tooLong);
}

export const StatusFormSchema = z
  .object({
    reference,
    status: z.string().regex(/^[a-z_]{1,40}$/, 'Velg et av stegene på siden.'),
    confirm: z.string().optional(),
  })
  .refine((form) => !['declined', 'withdrawn'].includes(form.status) || form.confirm === 'ja', {
    path: ['confirm'],
    message: 'Kryss av for at du er sikker før du avslutter saken.',
  });

export const AssignFormSchema = z.object({ reference, assignee: userId });

/** A lead erases an application because the applicant asked for it (GDPR art. 17). */
export const EraseFormSchema = z.object({
  reference,
  confirm: z.literal('ja', {
    error: 'Kryss av for at søkeren har bedt om sletting, og at du vet at det ikke kan angres.',
  }),
});

/** A date field of the checklist: empty clears it, else dd.mm.åååå. */
const optionalDate = z
  .string()
  .trim()
  .transform((value, ctx) => {
    if (value === '') return null;
    const iso = parseNorwegianDate(value);
    if (!iso) {
      ctx.addIssue({
        code: 'custom',
        message: 'Skriv datoen som dd.mm.åååå, for eksempel 01.12.2026.',
      });
      return z.NEVER;
    }
    return iso;
  });

/** The checklist's items: the database's enum public.checklist_item (see checklist_items). */
export type ChecklistItem = (typeof Constants.public.Enums.checklist_item)[number];

/** One checklist item: a date field (`date`) or a toggle (`checked`), whichever the form posts. */
export const ChecklistFormSchema = z.object({
  reference,
  item: z.enum(Constants.public.Enums.checklist_item, 'Ukjent punkt på sjekklisten.'),
  date: optionalDate.optional(),
  checked: z.string().optional(),
});

export const NoteFormSchema = z.object({
  reference,
  body: freeText(4000, {
    required: 'Skriv notatet før du lagrer.',
    tooLong: 'Notatet kan ha høyst 4000 tegn.',
    nul: 'Fjern tegn som ikke er bokstaver, tall eller tegnsetting fra notatet.',
  }),
  isContact: z.string().optional(),
});

/** "Send forespørsel til referansene": every referee not yet asked (or whose link expired). */
export const RequestReferencesFormSchema = z.object({ reference });

/** "Send lenken på nytt": to the co-applicant (no referee) or to one referee. */
export const ResendLinkFormSchema = z.object({
  reference,
  referee: z
    .string()
    .trim()
    .transform((value) => value || null)
    .pipe(z.uuid('Ukjent referanse.').toLowerCase().nullable())
    .optional(),
});

/**
 * "Registrer referanse tatt på telefon": which referee, and a note of the call. The note follows
 * the database's rule for form text (private.is_form_text, multiline, at most 1000 characters).
 */
export const PhoneReferenceFormSchema = z.object({
  reference,
  referee: z.uuid('Ukjent referanse.').toLowerCase(),
  note: requiredText(
    1000,
    'Skriv et kort notat fra samtalen med referansen.',
    'Notatet kan ha høyst 1000 tegn.',
    true,
  ),
});

/**
 * A journal reference: the municipality's journalpost or case number as sak/arkiv systems print
 * it (year/sequence, optionally -document): 2026/1234-1, 26/01234-1, 2026/1234. The database
 * checks the same pattern (private.is_journal_reference); tests/db/journal.test.ts holds the two
 * to each other.
 */
export const JOURNAL_REFERENCE_PATTERN =
  /^(?:[0-9]{2}|(?:19|20)[0-9]{2})\/[0-9]{1,7}(?:-[0-9]{1,4})?$/;

/** A coordinator records that the case is journalført, with its number (or corrects the number). */
export const JournalFormSchema = z.object({
  reference,
  journalReference: z
    .string()
    .trim()
    .min(1, 'Skriv journalpostnummeret eller saksnummeret fra sak/arkivsystemet.')
    .regex(
      JOURNAL_REFERENCE_PATTERN,
      'Skriv nummeret slik sak/arkivsystemet viser det, for eksempel 2026/1234-1, 26/1234-1 eller 2026/1234.',
    ),
});

export const InviteFormSchema = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, 'Skriv inn e-postadressen til den nye koordinatoren.')
    .max(254, 'Skriv inn en e-postadresse med høyst 254 tegn.')
    .pipe(z.email('Skriv inn en gyldig e-postadresse, for eksempel navn@kommune.no.')),
  name: freeText(100, {
    required: 'Skriv inn navnet slik kollegene kjenner personen.',
    tooLong: 'Navnet kan ha høyst 100 tegn.',
    nul: 'Fjern tegn som ikke er bokstaver, tall eller tegnsetting fra navnet.',
  }),
  role: z.enum(['coordinator', 'lead'], 'Velg koordinator eller leder.'),
});

export const MemberFormSchema = z.object({
  userId,
  change: z.enum(['role', 'deactivate', 'activate'], 'Ukjent endring.'),
  role: z.enum(['coordinator', 'lead'], 'Velg koordinator eller leder.').optional(),
});

/** Notices shown after a saved change (`?lagret=`). */
export const SAVED_NOTICES: Record<string, string> = {
  status: 'Statusen er endret.',
  tildelt: 'Saken er tildelt.',
  sjekkliste: 'Sjekklisten er oppdatert.',
  notat: 'Notatet er lagret.',
  journalfort: 'Journalføringen er lagret.',
  invitert: 'Invitasjonen er sendt. Koordinatoren kan logge inn med koden fra e-posten.',
  rolle: 'Rollen er endret.',
  deaktivert: 'Koordinatoren er deaktivert og kommer ikke lenger inn i arbeidsflaten.',
  aktivert: 'Koordinatoren er aktivert igjen.',
  referanser: 'Forespørselen er lagt i kø til referansene. E-postene går ut om kort tid.',
  lenke: `Lenken sendes på nytt om kort tid. Den nye lenken gjelder i ${duration(PERSONAL_LINK)}.`,
  telefonreferanse: 'Referansen er registrert som tatt på telefon.',
  slettet: 'Søknaden er slettet. Loggen viser bare at en søknad ble slettet, og av hvem.',
};

/**
 * The error summary's entries for a form whose fields have the ids `${prefix}-${name}`: one per
 * field with a message, in `names`' order (the form's), or the messages' own order.
 */
export function summaryErrors(
  errors: Record<string, string>,
  prefix: string,
  names: readonly string[] = Object.keys(errors),
): { id: string; message: string }[] {
  return names
    .filter((name) => errors[name])
    .map((name) => ({ id: `${prefix}-${name}`, message: errors[name] ?? '' }));
}
