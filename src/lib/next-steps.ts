/**
 * What happens after an application, in order, and which police certificate counts: one list for
 * the receipt page and the receipt e-mail, so the two always give the steps in the same order.
 * Plain data (no Astro import): `npm run outbox:send` renders the e-mail under plain Node.
 */
import type { ApplicationKind } from './reference.ts';

/**
 * Which police certificate counts, in the one wording the portal uses everywhere: ordered for
 * tasks for the service, with its confirmation of purpose (DOMAIN: a certificate ordered for a job
 * or a sports club does not count).
 */
export const CERTIFICATE_PURPOSE =
  'bestilt til oppdrag for barnevernstjenesten, med bekreftelsen på formålet fra oss';

/** The numbered steps after an application of this kind. */
export function nextSteps(kind: ApplicationKind): string[] {
  const visitHome = kind === 'besokshjem';
  return [
    'Vi tar kontakt med deg innen fem arbeidsdager og avtaler en samtale.',
    ...(visitHome ? ['Vi kommer på besøk hjemme hos deg.'] : []),
    'Etter den første samtalen sender vi deg en bekreftelse på formålet. Den legger du ved når du bestiller politiattest på politiet.no.',
    'Du viser oss politiattesten før du kan bli godkjent. Den kan ikke være eldre enn tre måneder.',
    visitHome
      ? 'Koordinatoren og barnets kontaktperson finner ut hvilket barn som kan passe hos deg.'
      : 'Vi avtaler hvordan du blir kjent med oppgaven før det første tilsynsbesøket.',
  ];
}

/** Said under the steps: a certificate the applicant already has counts only for this purpose. */
export const CERTIFICATE_ALREADY = `Har du allerede en politiattest? Den gjelder bare hvis den er ${CERTIFICATE_PURPOSE}. En attest til noe annet, for eksempel idrettslaget eller jobben, kan vi ikke bruke.`;
