/**
 * What "Min søknad" says, in plain Norwegian: the status, each step of the application and its
 * state, and what the applicant must do next, from the codes public.applicant_page returns. One
 * place for the words; the page and the e-mails use them.
 */
import { formatNorwegianDate } from '../dates.ts';
import type { ApplicationKind } from '../reference.ts';
import { CERTIFICATE_PURPOSE } from '../next-steps.ts';

export const STEP_NAMES: Record<string, string> = {
  received: 'Søknaden er mottatt',
  conversation: 'Første samtale',
  certificate: 'Politiattest',
  home_visit: 'Hjemmebesøk',
  references: 'Referanser',
  decision: 'Avgjørelse',
};

export const STEP_STATES: Record<string, string> = {
  done: 'Ferdig',
  current: 'Pågår nå',
  todo: 'Ikke startet',
  not_needed: 'Trengs ikke',
};

/** What the applicant must do or wait for, by the code the database gives. */
export function nextText(
  code: string,
  referees: { wanted: number; done: number } | null,
): string | undefined {
  switch (code) {
    case 'order_certificate':
      return `Bestill politiattest når du har fått bekreftelsen på formålet fra oss, og legg den ved bestillingen. Attesten må være ${CERTIFICATE_PURPOSE}.`;
    case 'co_applicant_pending':
      return 'Den du søker sammen med, har ikke bekreftet ennå. Be vedkommende svare på e-posten vi sendte til henne eller ham.';
    case 'referees_pending':
      return referees
        ? `${referees.done} av ${referees.wanted} referanser har svart. Vi har spurt de andre.`
        : 'Vi venter på svar fra referansene dine.';
    case 'await_contact':
      return 'Du trenger ikke gjøre noe nå. Vi ringer deg for å avtale den første samtalen.';
    default:
      return undefined;
  }
}

/** The co-applicant's state, as a sentence. */
export const CO_APPLICANT_TEXT: Record<string, string> = {
  pending: 'Den du søker sammen med, har ikke svart ennå.',
  confirmed: 'Den du søker sammen med, har bekreftet.',
  declined: 'Den du søker sammen med, har svart at dere ikke søker sammen. Vi tar kontakt med deg.',
};

/** "innen 11.12.2026", or undefined. */
export function contactDueText(due: string | null, status: string): string | undefined {
  if (!due || status !== 'received') return undefined;
  return `Vi har lovet å ta kontakt med deg innen ${formatNorwegianDate(due)}.`;
}

/** "besøkshjem" / "tilsynsperson". */
export function roleName(kind: ApplicationKind): string {
  return kind === 'tilsynsperson' ? 'tilsynsperson' : 'besøkshjem';
}
