/** Messages about the submission as a whole (not one field), shown above the form. */
export const SUBMIT_MESSAGES = {
  unavailable:
    'Vi fikk ikke sendt søknaden akkurat nå. Svarene dine er tatt vare på. Prøv å sende igjen om litt.',
  rateLimited:
    'Det er sendt mange søknader fra denne nettverksadressen de siste minuttene. Svarene dine er tatt vare på. Vent ti minutter og prøv igjen, eller ring oss.',
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
  | { status: 'failed'; message: string; values: Record<string, string | string[]> };
