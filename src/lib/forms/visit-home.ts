/**
 * The visit-home (besøkshjem) application: its questions, texts and schema, with the rules that tie
 * its answers together (who applies, who lives in the home).
 */
import { z } from 'zod/mini';
import { systemClock, type Clock } from '../dates.ts';
import {
  certificateSection,
  certificateShape,
  closingSection,
  closingShape,
  confirmField,
  contactSection,
  contactShape,
  motivationField,
  motivationShape,
  withCertificateRule,
  YES_NO,
} from './common.ts';
import type { FormDefinition, Section } from './definition.ts';
import {
  LIMITS,
  choice,
  choices,
  confirmed,
  emailAddress,
  optionalText,
  phoneNumber,
  requiredText,
  wholeNumber,
} from './rules.ts';

/** The approval requirements the applicant confirms (never describes); field → code. */
export const VISIT_HOME_REQUIREMENTS = {
  confirmStable: 'stabil-livssituasjon',
  confirmCapacity: 'overskudd-og-tid',
  confirmLikesChildren: 'glad-i-barn',
  confirmRoutines: 'trygge-rutiner',
} as const;

const AGE_GROUPS = ['0-5', '6-12', '13-18'] as const;
const ALSO = ['ferier', 'hverdager'] as const;
const APPLYING_WITH = ['alene', 'sammen'] as const;
const OTHERS_INFORMED = ['ja', 'ingen-andre'] as const;

const partnerHint = 'Fylles ut hvis du søker sammen med noen.';

const applicantsSection: Section = {
  id: 'hvem-soker',
  title: 'Hvem søker?',
  fields: [
    {
      type: 'radio',
      name: 'applyingWith',
      label: 'Søker du alene eller sammen med noen?',
      hint: 'Søker du sammen med noen, vurderer vi både deg og den du søker sammen med. Begge må legge fram en politiattest som er bestilt til dette formålet.',
      options: [
        { value: 'alene', label: 'Jeg søker alene' },
        {
          value: 'sammen',
          label: 'Jeg søker sammen med ektefelle, samboer eller registrert partner',
        },
      ],
    },
    {
      type: 'text',
      name: 'partnerName',
      label: 'Fullt navn til den du søker sammen med',
      hint: `${partnerHint} Den andre må vite om søknaden og være enig i at du gir oss navnet og kontaktopplysningene.`,
      maxlength: LIMITS.name,
      showIf: { field: 'applyingWith', equals: 'sammen' },
    },
    {
      type: 'text',
      name: 'partnerPhone',
      label: 'Telefonnummeret til den du søker sammen med',
      hint: `${partnerHint} 8 siffer.`,
      inputType: 'tel',
      inputmode: 'tel',
      maxlength: 20,
      size: 'm',
      showIf: { field: 'applyingWith', equals: 'sammen' },
    },
    {
      type: 'text',
      name: 'partnerEmail',
      label: 'E-postadressen til den du søker sammen med',
      hint: partnerHint,
      inputType: 'email',
      inputmode: 'email',
      maxlength: LIMITS.email,
      showIf: { field: 'applyingWith', equals: 'sammen' },
    },
  ],
};

const homeSection: Section = {
  id: 'hjemmet',
  title: 'Hvordan bor du?',
  description: 'Vi spør om antall og alder, ikke navn.',
  fields: [
    {
      type: 'text',
      name: 'adults',
      label: 'Hvor mange voksne bor i hjemmet?',
      hint: 'Tell med deg selv.',
      inputmode: 'numeric',
      maxlength: 2,
      size: 'xs',
    },
    {
      type: 'radio',
      name: 'othersInformed',
      label: 'Vet de andre voksne i hjemmet at du søker?',
      hint: 'Et barn på besøk merker alle som bor i hjemmet. Snakk med de andre voksne før du sender søknaden.',
      options: [
        { value: 'ja', label: 'Ja, de vet at jeg søker' },
        { value: 'ingen-andre', label: 'Det bor ingen andre voksne i hjemmet' },
      ],
    },
    {
      type: 'text',
      name: 'children',
      label: 'Hvor mange barn bor i hjemmet?',
      hint: 'Skriv 0 hvis ingen barn bor der.',
      inputmode: 'numeric',
      maxlength: 2,
      size: 'xs',
    },
    {
      type: 'text',
      name: 'childrenAges',
      label: 'Hvor gamle er barna?',
      hint: 'Bare alder, skilt med komma, for eksempel 4, 9.',
      optional: true,
      maxlength: 60,
      size: 'm',
    },
    {
      type: 'radio',
      name: 'spareBed',
      label: 'Har du en ledig seng til barnet?',
      options: YES_NO,
    },
    {
      type: 'radio',
      name: 'weekendsPerMonth',
      label: 'Hvor mange helger i måneden kan du ta imot et barn?',
      options: [
        { value: '1', label: '1 helg' },
        { value: '2', label: '2 helger' },
        { value: '3', label: '3 helger eller flere' },
      ],
    },
    {
      type: 'checkboxes',
      name: 'alsoAvailable',
      label: 'Kan du også ta imot barnet i ferier eller på hverdager?',
      hint: 'Velg det som passer, eller ingen.',
      optional: true,
      options: [
        { value: 'ferier', label: 'I ferier' },
        { value: 'hverdager', label: 'På hverdager' },
      ],
    },
    {
      type: 'radio',
      name: 'siblings',
      label: 'Kan du ta imot søsken?',
      options: [...YES_NO, { value: 'kanskje', label: 'Kanskje' }],
    },
    {
      type: 'checkboxes',
      name: 'suitedAges',
      label: 'Hvilken alder passer best hos deg?',
      options: [
        { value: '0-5', label: '0–5 år' },
        { value: '6-12', label: '6–12 år' },
        { value: '13-18', label: '13–18 år' },
      ],
    },
  ],
};

const requirementsSection: Section = {
  id: 'krav',
  title: 'Bekreft kravene til et besøkshjem',
  description:
    'Kryss av for hvert krav du oppfyller. Du skal ikke beskrive noe her, vi snakker om det i samtalen.',
  fields: [
    confirmField('confirmStable', 'Jeg har en stabil livssituasjon'),
    confirmField('confirmCapacity', 'Jeg har overskudd og tid til et barn'),
    confirmField('confirmLikesChildren', 'Jeg liker barn og kan bli glad i andres barn'),
    confirmField('confirmRoutines', 'Jeg har forutsigbare og trygge rutiner i hverdagen'),
  ],
};

const childrenAges = optionalText(60, 'Skriv høyst 60 tegn').check(
  z.refine(
    (value: string | null) => value === null || /^[0-9]{1,2}(?: *[,;] *[0-9]{1,2})*$/.test(value),
    {
      error: 'Skriv bare alder i hele år, skilt med komma, for eksempel 4, 9',
    },
  ),
);

/** The partner's details, checked in full only when the two apply together. */
const partner = {
  partnerName: requiredText(
    LIMITS.name,
    'Skriv inn fullt navn til den du søker sammen med',
    'Navnet kan ha høyst 100 tegn',
  ),
  partnerPhone: phoneNumber('Skriv inn telefonnummeret til den du søker sammen med'),
  partnerEmail: emailAddress('Skriv inn e-postadressen til den du søker sammen med'),
};
type PartnerField = keyof typeof partner;
const PARTNER_FIELDS = Object.keys(partner) as PartnerField[];

export const HOUSEHOLD_MESSAGES = {
  togetherNeedsTwoAdults:
    'Når du søker sammen med noen, bor det minst 2 voksne i hjemmet. Skriv hvor mange voksne som bor der',
  othersLiveThere:
    'Du har skrevet at flere voksne bor i hjemmet. Velg «Ja» når de vet at du søker, eller rett antallet voksne',
  nobodyElse:
    'Du har skrevet at du er den eneste voksne i hjemmet. Velg «Det bor ingen andre voksne i hjemmet», eller rett antallet voksne',
} as const;

/** The answers the household rules read, as zod has them so far (a field may have failed). */
interface HouseholdAnswers {
  applyingWith?: unknown;
  adults?: unknown;
  othersInformed?: unknown;
  partnerName?: unknown;
  partnerPhone?: unknown;
  partnerEmail?: unknown;
}

/**
 * The rules between the visit-home answers, field → message: applying together needs the
 * partner's name, phone and e-mail and at least 2 adults in the home; "the other adults know"
 * needs other adults (2 or more), "nobody else lives here" needs exactly 1. A rule whose inputs
 * failed their own checks is skipped, so that each field gets one message.
 */
export function householdIssues(value: HouseholdAnswers): Partial<Record<string, string>> {
  const issues: Partial<Record<string, string>> = {};
  const adults =
    typeof value.adults === 'number' &&
    Number.isInteger(value.adults) &&
    value.adults >= 1 &&
    value.adults <= 10
      ? value.adults
      : undefined;
  if (value.applyingWith === 'sammen') {
    for (const field of PARTNER_FIELDS) {
      const result = partner[field].safeParse(value[field]);
      if (!result.success) issues[field] = result.error.issues[0]?.message ?? 'Sjekk svaret';
    }
    if (adults !== undefined && adults < 2)
      issues['adults'] = HOUSEHOLD_MESSAGES.togetherNeedsTwoAdults;
  }
  if (adults !== undefined) {
    if (value.othersInformed === 'ingen-andre' && adults >= 2)
      issues['othersInformed'] = HOUSEHOLD_MESSAGES.othersLiveThere;
    if (value.othersInformed === 'ja' && adults === 1)
      issues['othersInformed'] = HOUSEHOLD_MESSAGES.nobodyElse;
  }
  return issues;
}

/** The partner's details as stored: checked and normalised when together, else null. */
function partnerDetails(value: HouseholdAnswers): Record<PartnerField, string | null> {
  const together = value.applyingWith === 'sammen';
  return {
    partnerName: together ? partner.partnerName.parse(value.partnerName) : null,
    partnerPhone: together ? partner.partnerPhone.parse(value.partnerPhone) : null,
    partnerEmail: together ? partner.partnerEmail.parse(value.partnerEmail) : null,
  };
}

/** The visit-home form's one schema, for the island and the Action alike. */
export function visitHomeSchema(clock: Clock = systemClock) {
  const shape = z.strictObject({
    ...contactShape,
    applyingWith: choice(APPLYING_WITH, 'Velg om du søker alene eller sammen med noen'),
    // Checked by the household rules below: only when the two apply together.
    partnerName: z.string({ error: 'Skriv inn fullt navn til den du søker sammen med' }),
    partnerPhone: z.string({ error: 'Skriv inn telefonnummeret til den du søker sammen med' }),
    partnerEmail: z.string({ error: 'Skriv inn e-postadressen til den du søker sammen med' }),
    adults: wholeNumber(
      1,
      10,
      'Skriv hvor mange voksne som bor i hjemmet',
      'Skriv et tall fra 1 til 10',
    ),
    othersInformed: choice(OTHERS_INFORMED, 'Velg om de andre voksne i hjemmet vet at du søker'),
    children: wholeNumber(
      0,
      10,
      'Skriv hvor mange barn som bor i hjemmet',
      'Skriv et tall fra 0 til 10',
    ),
    childrenAges,
    spareBed: z.pipe(
      z
        .enum(['ja', 'nei'], { error: 'Velg om du har en ledig seng' })
        .check(
          z.refine((v) => v === 'ja', { error: 'Et besøkshjem må ha en ledig seng til barnet' }),
        ),
      z.transform(() => true as const),
    ),
    weekendsPerMonth: z.pipe(
      z.enum(['1', '2', '3'], { error: 'Velg hvor mange helger i måneden' }),
      z.transform(Number),
    ),
    alsoAvailable: choices(ALSO, 'Velg ferier, hverdager eller ingen av dem'),
    siblings: choice(['ja', 'nei', 'kanskje'], 'Velg om du kan ta imot søsken'),
    suitedAges: choices(AGE_GROUPS, 'Velg minst én aldersgruppe', 1),
    ...motivationShape,
    ...certificateShape,
    confirmStable: confirmed('Bekreft at du har en stabil livssituasjon'),
    confirmCapacity: confirmed('Bekreft at du har overskudd og tid til et barn'),
    confirmLikesChildren: confirmed('Bekreft at du liker barn'),
    confirmRoutines: confirmed('Bekreft at du har forutsigbare og trygge rutiner'),
    ...closingShape,
  });
  const checked = withCertificateRule(
    shape.check(
      z.superRefine(
        (value, context) => {
          for (const [field, message] of Object.entries(householdIssues(value)))
            context.addIssue({ code: 'custom', path: [field], message, input: value });
        },
        // Also when other fields have errors, so the applicant sees every problem at once.
        { when: () => true },
      ),
    ),
    clock,
  );
  return z.pipe(
    checked,
    z.transform((value: z.output<typeof checked>) => ({ ...value, ...partnerDetails(value) })),
  );
}

export type VisitHomeApplication = z.output<ReturnType<typeof visitHomeSchema>>;

export const visitHomeForm = {
  kind: 'besokshjem',
  path: '/besokshjem/soknad/',
  title: 'Søk om å bli besøkshjem',
  intro:
    'Det tar omtrent ti minutter. Alle spørsmål må besvares, unntatt de som er merket «valgfritt». Vi tar kontakt innen fem arbeidsdager etter at du har sendt søknaden.',
  sections: [
    contactSection,
    applicantsSection,
    homeSection,
    {
      id: 'motivasjon',
      title: 'Fortell hvorfor du søker',
      fields: [motivationField('besøkshjem')],
    },
    certificateSection,
    requirementsSection,
    closingSection,
  ],
  schema: visitHomeSchema,
} satisfies FormDefinition<VisitHomeApplication>;
