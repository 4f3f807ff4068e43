/** The supervisor (tilsynsperson) application: its questions, texts and schema. */
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
} from './common.ts';
import { gatherReferees, refereesShape, withRefereeRule } from './referees.ts';
import type { FormDefinition, Section } from './definition.ts';
import {
  choices,
  confirmed,
  optionalText,
  optionalWholeNumber,
  valuesOf,
  wholeNumber,
} from './rules.ts';

/** The approval requirements the applicant confirms (never describes); field → code. */
export const SUPERVISOR_REQUIREMENTS = {
  confirmContact: 'kontakt-med-barn',
  confirmStable: 'stabil-livssituasjon',
} as const;

// The option lists, each shown by its field and read by the schema (valuesOf).
const EXPERIENCE = [
  { value: 'forelder', label: 'Som forelder' },
  { value: 'jobb', label: 'Gjennom jobb' },
  { value: 'frivillig', label: 'Som frivillig, for eksempel i idrett eller kor' },
  { value: 'annet', label: 'Annen erfaring' },
] as const;
const AVAILABILITY = [
  { value: 'dagtid', label: 'På dagtid på hverdager' },
  { value: 'kveld', label: 'Ettermiddag og kveld' },
  { value: 'helg', label: 'I helger' },
] as const;

const experienceSection: Section = {
  id: 'erfaring',
  title: 'Hvilken erfaring og tid har du?',
  description: 'Erfaring med barn er ønsket, men ikke et krav. Du trenger ikke utdanning.',
  fields: [
    {
      type: 'checkboxes',
      name: 'experienceKinds',
      column: 'experience_kinds',
      label: 'Hvilken erfaring har du med barn og unge?',
      hint: 'Velg alt som passer.',
      optional: true,
      options: EXPERIENCE,
    },
    {
      type: 'text',
      name: 'experienceYears',
      column: 'experience_years',
      label: 'Hvor mange år med erfaring har du?',
      hint: 'Svar i hele år.',
      optional: true,
      inputmode: 'numeric',
      maxlength: 2,
      size: 'xs',
    },
    {
      type: 'checkboxes',
      name: 'availability',
      column: 'availability',
      label: 'Når kan du vanligvis dra på besøk til et barn?',
      hint: 'Besøkene er minst fire ganger i året. Velg alt som passer.',
      options: AVAILABILITY,
    },
    {
      type: 'text',
      name: 'childrenCapacity',
      column: 'children_capacity',
      label: 'Hvor mange barn kan du tenke deg å følge opp?',
      inputmode: 'numeric',
      maxlength: 2,
      size: 'xs',
    },
    {
      type: 'text',
      name: 'languages',
      column: 'languages',
      label: 'Hvilke språk snakker du?',
      hint: 'Vi spør fordi noen barn og familier har det best med en som snakker språket deres. For eksempel norsk, engelsk, arabisk.',
      optional: true,
      maxlength: 200,
    },
  ],
};

const requirementsSection: Section = {
  id: 'krav',
  title: 'Bekreft kravene til en tilsynsperson',
  description:
    'Kryss av for hvert krav du oppfyller. Du skal ikke beskrive noe her, vi snakker om det i samtalen.',
  fields: [
    confirmField('confirmContact', 'Jeg er interessert i barn og unge og får lett kontakt med dem'),
    confirmField('confirmStable', 'Jeg har en stabil livssituasjon'),
  ],
};

/**
 * The supervisor form's one schema, for the island and the Action alike, with the `referees` the
 * municipality's profile asks for (refereesWanted; see referees.ts).
 */
export function supervisorSchema(clock: Clock = systemClock, referees = 0) {
  const checked = withCertificateRule(
    withRefereeRule(
      z.strictObject({
        ...contactShape,
        experienceKinds: choices(valuesOf(EXPERIENCE), 'Velg erfaringen din fra listen'),
        experienceYears: optionalWholeNumber(
          0,
          60,
          'Skriv et tall fra 0 til 60, eller la feltet stå tomt',
        ),
        availability: choices(valuesOf(AVAILABILITY), 'Velg minst ett tidspunkt', 1),
        childrenCapacity: wholeNumber(
          1,
          10,
          'Skriv hvor mange barn du kan følge opp',
          'Skriv et tall fra 1 til 10',
        ),
        languages: optionalText(
          200,
          'Skriv høyst 200 tegn',
          'Skriv inn språkene du snakker, eller la feltet stå tomt',
        ),
        ...motivationShape,
        ...certificateShape,
        confirmContact: confirmed('Bekreft at du er interessert i barn og unge'),
        confirmStable: confirmed('Bekreft at du har en stabil livssituasjon'),
        ...closingShape,
        ...refereesShape(referees),
      }),
      referees,
    ),
    clock,
  );
  return z.pipe(
    checked,
    z.transform((value: z.output<typeof checked>) => gatherReferees(value, referees)),
  );
}

export type SupervisorApplication = z.output<ReturnType<typeof supervisorSchema>>;

export const supervisorForm = {
  kind: 'tilsynsperson',
  path: '/tilsynsperson/soknad/',
  title: 'Søk om å bli tilsynsperson',
  intro:
    'Det tar omtrent ti minutter. Alle spørsmål må besvares, unntatt de som er merket «valgfritt». Vi tar kontakt innen fem arbeidsdager etter at du har sendt søknaden.',
  sections: [
    contactSection,
    experienceSection,
    {
      id: 'motivasjon',
      title: 'Fortell hvorfor du søker',
      fields: [motivationField('tilsynsperson')],
    },
    certificateSection,
    requirementsSection,
    closingSection,
  ],
  schema: supervisorSchema,
} satisfies FormDefinition<SupervisorApplication>;
