/** Messages about the submission as a whole (not one field), shown above the form. */
export const SUBMIT_MESSAGES = {
  unavailable:
    'Vi fikk ikke sendt søknaden akkurat nå. Svarene dine er tatt vare på. Prøv å sende igjen om litt.',
  rateLimited:
    'Det er sendt mange søknader fra denne nettverksadressen de siste minuttene. Svarene dine er tatt vare på. Vent ti minutter og prøv igjen, eller ta kontakt med oss (se kontaktsiden).',
  addressLimited:
    'Det er sendt flere søknader med denne e-postadressen i dag. Svarene dine er tatt vare på. Prøv igjen i morgen, eller ta kontakt med oss (se kontaktsiden).',
  rejected:
    'Vi kunne ikke ta imot søknaden. Sjekk svarene dine og prøv igjen. Svarene dine er tatt vare på.',
  network:
    'Vi fikk ikke kontakt med nettstedet. Sjekk internettforbindelsen din. Svarene dine er tatt vare på, så du kan prøve igjen.',
} as const;

/** What the Action answers: a reference, or what went wrong (with the answers to show again). */
export type SubmitResult =
  | { status: 'sent'; reference: string }
  | {
      status: 'invalid';
      errors: Record<string, string>;
      formErrors: string[];
      values: Record<string, string | string[]>;
    }
  | {
      status: 'failed';
      /** Why, for the HTTP status of a form post's answer (see `httpStatusOf`). */
      reason?: 'unavailable' | 'rateLimited' | 'rejected';
      message: string;
      values: Record<string, string | string[]>;
    };

/**
 * The HTTP status of the page that answers a form post (JavaScript off): 422 for answers that
 * need fixing, 429 for the rate limit, 503 when the database is unreachable, the Action's own
 * status when it refused the request (e.g. 415 for a body that is not form data). Browsers show
 * the re-rendered form with its messages whatever the status.
 */
export function httpStatusOf(
  result: SubmitResult | undefined,
  error?: { status?: number } | undefined,
): number {
  if (error) return typeof error.status === 'number' && error.status >= 400 ? error.status : 400;
  if (result?.status === 'invalid') return 422;
  if (result?.status === 'failed') {
    if (result.reason === 'rateLimited') return 429;
    if (result.reason === 'rejected') return 422;
    return 503;
  }
  return 200;
}
