/**
 * The visit-home (besøkshjem) application: its questions, texts and schema, with the rules that tie
 * its answers together (who applies, who lives in the home: household.ts).
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
import { APPLYING_WITH, applicantsSection, householdIssues, partnerDetails } from './household.ts';
import { gatherReferees, refereesShape, withRefereeRule } from './referees.ts';
import { choice, choices, confirmed, optionalText, valuesOf, wholeNumber } from './rules.ts';

/** The approval requirements the applicant confirms (never describes); field → code. */
export const VISIT_HOME_REQUIREMENTS = {
  confirmStable: 'stabil-livssituasjon',
  confirmCapacity: 'overskudd-og-tid',
  confirmLikesChildren: 'glad-i-barn',
  confirmRoutines: 'trygge-rutiner',
} as const;

// The option lists, each shown by its field and read by the schema (valuesOf).
const OTHERS_INFORMED = [
  { value: 'ja', label: 'Ja, de vet at jeg søker' },
  { value: 'ingen-andre', label: 'Det bor ingen andre voksne i hjemmet' },
] as const;
const WEEKENDS = [
  { value: '1', label: '1 helg' },
  { value: '2', label: '2 helger' },
  { value: '3', label: '3 helger eller flere' },
] as const;
const ALSO = [
  { value: 'ferier', label: 'I ferier' },
  { value: 'hverdager', label: 'På hverdager' },
] as const;
const SIBLINGS = [...YES_NO, { value: 'kanskje', label: 'Kanskje' }] as const;
const AGE_GROUPS = [
  { value: '0-5', label: '0–5 år' },
  { value: '6-12', label: '6–12 år' },
  { value: '13-18', label: '13–18 år' },
] as const;

const homeSection: Section = {
  id: 'hjemmet',
  title: 'Hvordan bor du?',
  description: 'Vi spør om antall og alder, ikke navn.',
  fields: [
    {
      type: 'text',
      name: 'adults',
      column: 'adults',
      label: 'Hvor mange voksne bor i hjemmet?',
      hint: 'Tell med deg selv.',
      inputmode: 'numeric',
      maxlength: 2,
      size: 'xs',
    },
    {
      type: 'radio',
      name: 'othersInformed',
      column: 'others_informed',
      label: 'Vet de andre voksne i hjemmet at du søker?',
      hint: 'Et barn på besøk merker alle som bor i hjemmet. Snakk med de andre voksne før du sender søknaden.',
      options: OTHERS_INFORMED,
    },
    {
      type: 'text',
      name: 'children',
      column: 'children',
      label: 'Hvor mange barn bor i hjemmet?',
      hint: 'Skriv 0 hvis ingen barn bor der.',
      inputmode: 'numeric',
      maxlength: 2,
      size: 'xs',
    },
    {
      type: 'text',
      name: 'childrenAges',
      column: 'children_ages',
      label: 'Hvor gamle er barna?',
      hint: 'Bare alder, skilt med komma, for eksempel 4, 9.',
      optional: true,
      maxlength: 60,
      size: 'm',
    },
    {
      type: 'radio',
      name: 'spareBed',
      column: 'spare_bed',
      label: 'Har du en ledig seng til barnet?',
      options: YES_NO,
    },
    {
      type: 'radio',
      name: 'weekendsPerMonth',
      column: 'weekends_per_month',
      label: 'Hvor mange helger i måneden kan du ta imot et barn?',
      options: WEEKENDS,
    },
    {
      type: 'checkboxes',
      name: 'alsoAvailable',
      column: 'also_available',
      label: 'Kan du også ta imot barnet i ferier eller på hverdager?',
      hint: 'Velg det som passer, eller ingen.',
      optional: true,
      options: ALSO,
    },
    {
      type: 'radio',
      name: 'siblings',
      column: 'siblings',
      label: 'Kan du ta imot søsken?',
      options: SIBLINGS,
    },
    {
      type: 'checkboxes',
      name: 'suitedAges',
      column: 'suited_ages',
      label: 'Hvilken alder passer best hos deg?',
      options: AGE_GROUPS,
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

/**
 * The visit-home form's one schema, for the island and the Action alike, with the `referees` the
 * municipality's profile asks for (refereesWanted; see referees.ts).
 */
export function visitHomeSchema(clock: Clock = systemClock, referees = 0) {
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
    othersInformed: choice(
      valuesOf(OTHERS_INFORMED),
      'Velg om de andre voksne i hjemmet vet at du søker',
    ),
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
      z.enum(valuesOf(WEEKENDS), { error: 'Velg hvor mange helger i måneden' }),
      z.transform(Number),
    ),
    alsoAvailable: choices(valuesOf(ALSO), 'Velg ferier, hverdager eller ingen av dem'),
    siblings: choice(valuesOf(SIBLINGS), 'Velg om du kan ta imot søsken'),
    suitedAges: choices(valuesOf(AGE_GROUPS), 'Velg minst én aldersgruppe', 1),
    ...motivationShape,
    ...certificateShape,
    confirmStable: confirmed('Bekreft at du har en stabil livssituasjon'),
    confirmCapacity: confirmed('Bekreft at du har overskudd og tid til et barn'),
    confirmLikesChildren: confirmed('Bekreft at du liker barn'),
    confirmRoutines: confirmed('Bekreft at du har forutsigbare og trygge rutiner'),
    ...closingShape,
    ...refereesShape(referees),
  });
  const checked = withCertificateRule(
    withRefereeRule(shape, referees).check(
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
    z.transform((value: z.output<typeof checked>) =>
      gatherReferees({ ...value, ...partnerDetails(value) }, referees),
    ),
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
