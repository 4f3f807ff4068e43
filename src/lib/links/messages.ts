/**
 * What the link pages' Actions answer and the pages say about a link that no longer works. A
 * closed link's page never says whose link it was.
 */
import { duration, PERSONAL_LINK } from '../link-lifetimes.ts';

/** What public.open_link and the answer functions say about a link that cannot be answered. */
export type ClosedState = 'unknown' | 'used' | 'expired';

/** What a link Action answers. */
export type LinkResult =
  | { status: 'done'; answer: 'confirmed' | 'declined' | 'answered' }
  | { status: 'closed'; state: ClosedState }
  | {
      status: 'invalid';
      errors: Record<string, string>;
      formErrors: string[];
      values: Record<string, string>;
    }
  | { status: 'failed'; message: string; values: Record<string, string> };

export const LINK_MESSAGES = {
  unavailable:
    'Vi fikk ikke lagret svaret akkurat nå. Svarene dine står fortsatt i skjemaet. Prøv igjen om litt.',
  rejected: 'Vi kunne ikke ta imot svaret. Sjekk svarene dine og prøv igjen.',
  failed: 'Vi fikk ikke sendt svaret. Last inn siden på nytt og prøv igjen.',
} as const;

/** The heading and text of a closed link's page. */
export const CLOSED_TEXT: Record<ClosedState, { title: string; text: string }> = {
  unknown: {
    title: 'Lenken virker ikke',
    text: 'Vi finner ikke denne lenken. Sjekk at du har med hele lenken fra e-posten. Virker den fortsatt ikke, kan du ta kontakt med oss.',
  },
  used: {
    title: 'Lenken er allerede brukt',
    text: 'Det er allerede svart med denne lenken. Et svar kan ikke endres her. Vil du endre noe, kan du ta kontakt med oss.',
  },
  expired: {
    title: 'Lenken er utløpt',
    text: `Lenken gjelder i ${duration(PERSONAL_LINK)}, og den tiden er gått. Ta kontakt med oss, så sender vi deg en ny lenke.`,
  },
};

/**
 * The HTTP status of a link page: 404 for a link that never existed, 410 for one that did and no
 * longer works, 422 for answers that need fixing, 503 when the database is unreachable.
 */
export function linkStatus(result: LinkResult | undefined, error?: { status?: number }): number {
  if (error) return typeof error.status === 'number' && error.status >= 400 ? error.status : 400;
  if (!result) return 200;
  if (result.status === 'closed') return result.state === 'unknown' ? 404 : 410;
  if (result.status === 'invalid') return 422;
  if (result.status === 'failed') return 503;
  return 200;
}
