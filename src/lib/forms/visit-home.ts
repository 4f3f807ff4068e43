/** The visit-home (besøkshjem) application: its questions, texts and schema. */
import { z } from 'zod/mini';
import { systemClock, type Clock } from '../dates.ts';
import {
  certificateSection,
  closingSection,
  closingShape,
  confirmField,
  contactSection,
  contactShape,
  motivationField,
  withCertificateRule,
  YES_NO,
} from './common.ts';
import type { FormDefinition, Section } from './definition.ts';
import { choice, choices, confirmed, optionalText, wholeNumber } from './rules.ts';

/** The approval requirements the applicant confirms (never describes); field → code. */
export const VISIT_HOME_REQUIREMENTS = {
  confirmStable: 'stabil-livssituasjon',
  confirmCapacity: 'overskudd-og-tid',
  confirmLikesChildren: 'glad-i-barn',
  confirmRoutines: 'trygge-rutiner',
} as const;

const AGE_GROUPS = ['0-5', '6-12', '13-18'] as const;
const ALSO = ['ferier', 'hverdager'] as const;

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

/** The visit-home form's one schema, for the island and the Action alike. */
export function visitHomeSchema(clock: Clock = systemClock) {
  return withCertificateRule(
    z.strictObject({
      ...contactShape,
      adults: wholeNumber(
        1,
        10,
        'Skriv hvor mange voksne som bor i hjemmet',
        'Skriv et tall fra 1 til 10',
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
        z.enum(['1', '2', '3'], { error: 'Velg hvor mange helger i måneden' }),
        z.transform(Number),
      ),
      alsoAvailable: choices(ALSO, 'Velg ferier, hverdager eller ingen av dem'),
      siblings: choice(['ja', 'nei', 'kanskje'], 'Velg om du kan ta imot søsken'),
      suitedAges: choices(AGE_GROUPS, 'Velg minst én aldersgruppe', 1),
      motivation: closingShape.motivation,
      confirmStable: confirmed('Bekreft at du har en stabil livssituasjon'),
      confirmCapacity: confirmed('Bekreft at du har overskudd og tid til et barn'),
      confirmLikesChildren: confirmed('Bekreft at du liker barn'),
      confirmRoutines: confirmed('Bekreft at du har forutsigbare og trygge rutiner'),
      certificate: closingShape.certificate,
      certificateIssuedOn: closingShape.certificateIssuedOn,
      commitmentMonths: closingShape.commitmentMonths,
      heardAbout: closingShape.heardAbout,
      consent: closingShape.consent,
      submissionId: closingShape.submissionId,
    }),
    clock,
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
