/**
 * What the Actions of "Min søknad" answer, and the Norwegian messages the pages show for them.
 */
import { APPLICANT_LINK, duration, EMAIL_CHANGE_LINK } from '../link-lifetimes.ts';
import type { ClosedState, LinkResult } from '../links/messages.ts';

/** The answers a link page's Action also gives (a closed link, bad input, a failure): one shape. */
type SharedResult = Extract<LinkResult, { status: 'closed' | 'invalid' | 'failed' }>;

export type ApplicantResult =
  | SharedResult
  | {
      status: 'done';
      what: 'sent' | 'open' | 'contact' | 'email' | 'withdrawn' | 'erasure' | 'signed-out';
    }
  | { status: 'limited'; message: string; values: Record<string, string> }
  /** Nothing to change (the new e-mail address is the one the application has): nothing sent. */
  | { status: 'unchanged'; message: string; values: Record<string, string> }
  | { status: 'signed-out' }
  /** A reference that is not the session's own: the same answer whether it exists or not. */
  | { status: 'not-found'; message: string; values: Record<string, string> };

export const APPLICANT_MESSAGES = {
  unavailable:
    'Vi fikk ikke gjort dette akkurat nå. Det du skrev, står fortsatt i skjemaet. Prøv igjen om litt.',
  rejected: 'Vi kunne ikke lagre endringen. Sjekk det du skrev og prøv igjen.',
  closedCase: 'Søknaden er avsluttet, så den kan ikke endres her lenger. Ta kontakt med oss.',
  failed: 'Vi fikk ikke sendt skjemaet. Last inn siden på nytt og prøv igjen.',
  notFound: 'Vi fant ikke søknaden. Gå til Min søknad og prøv igjen derfra.',
  sameEmail:
    'Dette er allerede e-postadressen vi har for søknaden din. Vi har ikke endret noe og ikke sendt noen lenke.',
} as const;

/** "Vent 3 minutter og prøv igjen." from the database's wait in seconds. */
export function limitedMessage(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return `Du har bedt om mange lenker på kort tid. Vent ${minutes === 1 ? 'ett minutt' : `${minutes} minutter`} og prøv igjen.`;
}

/** The HTTP status of a page after a post. */
export function resultStatus(result: ApplicantResult | undefined, error?: unknown): number {
  if (error) return 400;
  if (!result) return 200;
  switch (result.status) {
    case 'invalid':
      return 422;
    case 'limited':
      return 429;
    case 'closed':
      return result.state === 'unknown' ? 404 : 410;
    case 'signed-out':
      return 401;
    case 'not-found':
      return 404;
    case 'failed':
      return 503;
    default:
      return 200;
  }
}

/** What the page says after a change (the redirect's `?endret=`). */
export const DONE_TEXT: Record<string, string> = {
  kontakt: 'Kontaktopplysningene er endret.',
  epost:
    'Vi har sendt en lenke til den nye e-postadressen. Åpne den for å bekrefte adressen. Til da bruker vi den gamle.',
  trukket: 'Søknaden er trukket. Vi har registrert at du trakk den selv.',
  sletting:
    'Vi har fått beskjed om at du vil at vi sletter opplysningene. Lederen vurderer det og tar kontakt med deg.',
  bekreftet: 'Den nye e-postadressen er bekreftet.',
};

/** A form's action on a page about one application: the page with its ?sak= and the Action. */
export function actionUrl(path: string, reference: string, action: string): string {
  return `${path}?sak=${encodeURIComponent(reference)}&${action.replace(/^\?/, '')}`;
}

/** A page's heading and text. */
export interface PageText {
  title: string;
  text: string;
}

/** The sign-in link's page (/min-soknad/inn/<token>) when the link cannot open a session. */
export const SIGN_IN_CLOSED: Record<ClosedState, PageText> = {
  unknown: {
    title: 'Lenken virker ikke',
    text: 'Vi finner ikke denne lenken. Sjekk at du har med hele lenken fra e-posten, eller be om en ny.',
  },
  used: {
    title: 'Lenken er allerede brukt',
    text: 'En lenke for å logge inn kan bare brukes én gang. Be om en ny lenke.',
  },
  expired: {
    title: 'Lenken er utløpt',
    text: `En lenke for å logge inn virker i ${duration(APPLICANT_LINK)}, og den tiden er gått. Be om en ny lenke.`,
  },
};

/** The new address's link page (/min-soknad/bekreft-epost/<token>) when it cannot confirm. */
export const EMAIL_LINK_CLOSED: Record<ClosedState, PageText> = {
  unknown: {
    title: 'Lenken virker ikke',
    text: 'Vi finner ikke denne lenken. Sjekk at du har med hele lenken fra e-posten.',
  },
  used: {
    title: 'Lenken er allerede brukt',
    text: 'Adressen er allerede bekreftet med denne lenken.',
  },
  expired: {
    title: 'Lenken er utløpt',
    text: `Lenken virker i ${duration(EMAIL_CHANGE_LINK)}. Logg inn på Min søknad og endre adressen på nytt.`,
  },
};

/** What an e-mail link's page says about a closed link or a failure, or undefined for neither. */
export function linkAnswerText(
  result: ApplicantResult | undefined,
  closed: Record<ClosedState, PageText>,
  failedTitle: string,
): PageText | undefined {
  if (result?.status === 'closed') return closed[result.state];
  if (result?.status === 'failed') return { title: failedTitle, text: result.message };
  return undefined;
}
