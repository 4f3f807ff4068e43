/**
 * The parts both application forms share, each section's questions with the zod shape that checks
 * them: contact details and the best time to call, the motivation, the police certificate and the
 * commitment, and the closing section (how they heard about us, the privacy statement). Each form
 * adds its own questions and confirmations (see visit-home.ts and supervisor.ts).
 */
import { z } from 'zod/mini';
import type { Clock } from '../dates.ts';
import { CERTIFICATE_PURPOSE } from '../next-steps.ts';
import type { Field, Section } from './definition.ts';
import {
  CERTIFICATE,
  CERTIFICATE_TO_ORDER_LABEL,
  LIMITS,
  certificateDate,
  certificateIssue,
  choice,
  confirmed,
  email,
  phone,
  postcode,
  requiredText,
  submissionId,
  valuesOf,
} from './rules.ts';

export const YES_NO = [
  { value: 'ja', label: 'Ja' },
  { value: 'nei', label: 'Nei' },
] as const;

/** Daytime only: the service does not call in the evening. */
export const CALL_TIMES = [
  { value: 'formiddag', label: 'Formiddag, kl. 8–12' },
  { value: 'ettermiddag', label: 'Ettermiddag, kl. 12–16' },
  { value: 'dagtid', label: 'Når som helst på dagtid, kl. 8–16' },
] as const;

export const contactSection: Section = {
  id: 'om-deg',
  title: 'Hvem er du?',
  fields: [
    {
      type: 'text',
      name: 'fullName',
      column: 'full_name',
      label: 'Fullt navn',
      autocomplete: 'name',
      maxlength: 100,
    },
    {
      type: 'text',
      name: 'email',
      column: 'email',
      label: 'E-postadresse',
      inputType: 'email',
      inputmode: 'email',
      autocomplete: 'email',
      maxlength: 254,
    },
    {
      type: 'text',
      name: 'phone',
      column: 'phone',
      label: 'Telefonnummer',
      hint: '8 siffer, for eksempel 912 34 567',
      inputType: 'tel',
      inputmode: 'tel',
      autocomplete: 'tel',
      maxlength: 20,
      size: 'm',
    },
    {
      type: 'radio',
      name: 'callTime',
      column: 'call_time',
      label: 'Når passer det best at vi ringer deg?',
      options: CALL_TIMES,
    },
    {
      type: 'text',
      name: 'streetAddress',
      column: 'street_address',
      label: 'Adresse',
      autocomplete: 'street-address',
      maxlength: 120,
    },
    {
      type: 'text',
      name: 'postcode',
      column: 'postcode',
      label: 'Postnummer',
      inputmode: 'numeric',
      autocomplete: 'postal-code',
      maxlength: 4,
      size: 'xs',
    },
    {
      type: 'text',
      name: 'postalPlace',
      column: 'postal_place',
      label: 'Poststed',
      autocomplete: 'address-level2',
      maxlength: 60,
      size: 'l',
    },
    {
      type: 'radio',
      name: 'over18',
      column: 'over_18',
      label: 'Er du 18 år eller eldre?',
      options: YES_NO,
    },
  ],
};

export const contactShape = {
  fullName: requiredText(LIMITS.name, 'Skriv inn fullt navn', 'Navnet kan ha høyst 100 tegn'),
  email,
  phone,
  callTime: choice(valuesOf(CALL_TIMES), 'Velg når det passer best at vi ringer deg'),
  streetAddress: requiredText(LIMITS.street, 'Skriv inn adressen din', 'Skriv høyst 120 tegn'),
  postcode,
  postalPlace: requiredText(LIMITS.postalPlace, 'Skriv inn poststedet', 'Skriv høyst 60 tegn'),
  over18: z.pipe(
    z
      .enum(['ja', 'nei'], { error: 'Velg om du er 18 år eller eldre' })
      .check(z.refine((v) => v === 'ja', { error: 'Du må være 18 år eller eldre for å søke' })),
    z.transform(() => true as const),
  ),
};

export function motivationField(roleName: string): Field {
  return {
    type: 'textarea',
    name: 'motivation',
    column: 'motivation',
    label: `Hvorfor vil du bli ${roleName}?`,
    hint: 'Skriv kort med egne ord, høyst 1000 tegn.',
    warning:
      'Ikke skriv om helse, diagnoser, rus eller straffbare forhold, verken om deg selv eller andre. Slikt snakker vi om i samtalen.',
    maxlength: LIMITS.motivation,
  };
}

export const motivationShape = {
  motivation: requiredText(
    LIMITS.motivation,
    'Skriv kort om hvorfor du vil søke',
    'Teksten kan ha høyst 1000 tegn',
    true,
  ),
};

export const HEARD_ABOUT = [
  { value: 'nettside', label: 'Nettsidene til kommunen' },
  { value: 'sosiale-medier', label: 'Sosiale medier' },
  { value: 'bekjent', label: 'Familie, venner eller kolleger' },
  { value: 'annonse', label: 'Annonse eller plakat' },
  { value: 'informasjonsmote', label: 'Informasjonsmøte' },
  { value: 'annet', label: 'Annet' },
] as const;
const HEARD_ABOUT_VALUES = valuesOf(HEARD_ABOUT);

export const COMMITMENT_OPTIONS = [
  { value: '12', label: '1 år' },
  { value: '24', label: '2 år' },
  { value: '36', label: '3 år eller mer' },
];

export const certificateSection: Section = {
  id: 'politiattest',
  title: 'Politiattest og hvor lenge du kan være med',
  fields: [
    {
      type: 'radio',
      name: 'certificate',
      column: 'certificate_status',
      label: `Har du en politiattest som er ${CERTIFICATE_PURPOSE}, og som er utstedt de siste tre månedene?`,
      hint: 'En attest til noe annet, for eksempel idrettslaget eller jobben, gjelder ikke. Du kan søke uten attest. Etter den første samtalen sender vi deg en bekreftelse på formålet. Den legger du ved når du bestiller attesten på politiet.no.',
      options: [
        { value: 'har', label: 'Ja, jeg har en slik politiattest' },
        { value: 'bestiller', label: CERTIFICATE_TO_ORDER_LABEL },
      ],
    },
    {
      type: 'text',
      name: 'certificateIssuedOn',
      column: 'certificate_issued_on',
      label: 'Når ble politiattesten utstedt?',
      hint: 'Har du en politiattest, skriver du datoen den ble utstedt, som dd.mm.åååå.',
      inputmode: 'numeric',
      maxlength: 10,
      size: 's',
      showIf: { field: 'certificate', equals: 'har' },
    },
    {
      type: 'radio',
      name: 'commitmentMonths',
      column: 'commitment_months',
      label: 'Hvor lenge kan du være med?',
      hint: 'Du må kunne love å være med i minst ett år.',
      options: COMMITMENT_OPTIONS,
    },
  ],
};

export const certificateShape = {
  certificate: choice(CERTIFICATE, 'Velg om du har en politiattest'),
  certificateIssuedOn: z
    .string()
    .check(z.trim(), z.maxLength(LIMITS.date, { error: 'Skriv datoen som dd.mm.åååå' })),
  commitmentMonths: z
    .pipe(
      z
        .string({ error: 'Velg hvor lenge du kan være med' })
        .check(
          z.trim(),
          z.minLength(1, { error: 'Velg hvor lenge du kan være med' }),
          z.regex(/^\d{1,3}$/, { error: 'Velg hvor lenge du kan være med' }),
        ),
      z.transform(Number),
    )
    .check(
      z.refine((n: number) => n >= 12, { error: 'Du må kunne være med i minst ett år' }),
      z.refine((n: number) => n <= 120, { error: 'Velg hvor lenge du kan være med' }),
    ),
};

export const closingSection: Section = {
  id: 'til-slutt',
  title: 'Gjør ferdig søknaden',
  fields: [
    {
      type: 'radio',
      name: 'heardAbout',
      column: 'heard_about',
      label: 'Hvor hørte du om oss?',
      optional: true,
      options: HEARD_ABOUT,
    },
    {
      type: 'confirm',
      name: 'consent',
      column: 'privacy_consent',
      label:
        'Jeg har lest personvernerklæringen, som forteller hvordan kommunen behandler opplysningene i søknaden',
      link: { href: '/personvern/', text: 'Les personvernerklæringen' },
    },
  ],
};

export const closingShape = {
  heardAbout: z.pipe(
    z.optional(
      z.union([z.literal(''), z.enum(HEARD_ABOUT_VALUES)], { error: 'Velg et av svarene' }),
    ),
    z.transform((v: (typeof HEARD_ABOUT_VALUES)[number] | '' | undefined) => (v ? v : null)),
  ),
  consent: confirmed('Bekreft at du har lest personvernerklæringen'),
  submissionId,
};

/** Adds the certificate rule to a form's object schema and normalises the issue date. */
export function withCertificateRule<
  S extends z.ZodMiniType<
    { certificate: string; certificateIssuedOn: string },
    Record<string, unknown>
  >,
>(schema: S, clock: Clock) {
  return z.pipe(
    schema.check(
      z.refine((value: z.output<S>) => certificateIssue(value, clock) === undefined, {
        path: ['certificateIssuedOn'],
        error: (issue) =>
          certificateIssue(issue.input as Record<string, unknown>, clock) ?? 'Sjekk datoen',
        // Also when other fields have errors, so the applicant sees every problem at once.
        when: () => true,
      }),
    ),
    z.transform((value: z.output<S>) => ({
      ...value,
      certificateIssuedOn: certificateDate(value.certificate, value.certificateIssuedOn),
    })),
  );
}

/** A confirmation checkbox field (value `ja`). */
export function confirmField(name: string, label: string): Field {
  return { type: 'confirm', name, label };
}
