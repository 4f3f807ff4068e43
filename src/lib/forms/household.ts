/**
 * Who applies for a visit home and who lives there: whether two apply together (the one definition
 * in TypeScript; the database's is private.applies_together), the section that asks it with the
 * partner's details, and the rules between these answers, for the visit-home form (visit-home.ts).
 */
import { CERTIFICATE_PURPOSE } from '../next-steps.ts';
import type { Section } from './definition.ts';
import { LIMITS, emailAddress, phoneNumber, requiredText } from './rules.ts';

/** The answer to "alone or together?" that means two apply together. */
export const TOGETHER = 'sammen';

/** The answers to "alone or together?", alone first. */
export const APPLYING_WITH = ['alene', TOGETHER] as const;

/** Whether two apply together (the applicant and a spouse, cohabitant or registered partner). */
export function appliesTogether(answers: { applyingWith?: unknown }): boolean {
  return answers.applyingWith === TOGETHER;
}

const partnerHint = 'Svar bare hvis du søker sammen med noen.';

/** The section that asks who applies, with the partner's details when two apply together. */
export const applicantsSection: Section = {
  id: 'hvem-soker',
  title: 'Hvem søker?',
  fields: [
    {
      type: 'radio',
      name: 'applyingWith',
      column: 'applying_with',
      label: 'Søker du alene eller sammen med noen?',
      hint: `Søker du sammen med noen, vurderer vi både deg og den du søker sammen med. Begge må legge fram en politiattest som er ${CERTIFICATE_PURPOSE}.`,
      options: [
        { value: 'alene', label: 'Jeg søker alene' },
        {
          value: TOGETHER,
          label: 'Jeg søker sammen med ektefelle, samboer eller registrert partner',
        },
      ],
    },
    {
      type: 'text',
      name: 'partnerName',
      column: 'partner_name',
      label: 'Fullt navn til den du søker sammen med',
      hint: `${partnerHint} Den andre må vite om søknaden og være enig i at du gir oss navnet og kontaktopplysningene.`,
      maxlength: LIMITS.name,
      showIf: { field: 'applyingWith', equals: TOGETHER },
    },
    {
      type: 'text',
      name: 'partnerPhone',
      column: 'partner_phone',
      label: 'Telefonnummeret til den du søker sammen med',
      hint: `${partnerHint} 8 siffer.`,
      inputType: 'tel',
      inputmode: 'tel',
      maxlength: 20,
      size: 'm',
      showIf: { field: 'applyingWith', equals: TOGETHER },
    },
    {
      type: 'text',
      name: 'partnerEmail',
      column: 'partner_email',
      label: 'E-postadressen til den du søker sammen med',
      hint: partnerHint,
      inputType: 'email',
      inputmode: 'email',
      maxlength: LIMITS.email,
      showIf: { field: 'applyingWith', equals: TOGETHER },
    },
  ],
};

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
  if (appliesTogether(value)) {
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
export function partnerDetails(value: HouseholdAnswers): Record<PartnerField, string | null> {
  const together = appliesTogether(value);
  return {
    partnerName: together ? partner.partnerName.parse(value.partnerName) : null,
    partnerPhone: together ? partner.partnerPhone.parse(value.partnerPhone) : null,
    partnerEmail: together ? partner.partnerEmail.parse(value.partnerEmail) : null,
  };
}
