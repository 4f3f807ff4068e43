/**
 * The coordinator sign-in forms (e-mail address, then the code from the e-mail): one zod schema
 * per step and the texts the sign-in page shows. Free of server imports.
 */
import { z } from 'zod';

/** Where the workspace lives, and its public sign-in pages. */
export const WORKSPACE_PATH = '/koordinator/';
export const SIGN_IN_PATH = '/koordinator/logg-inn/';

/** The e-mail address a coordinator signs in with. */
const email = z
  .string()
  .trim()
  .min(1, 'Skriv inn e-postadressen du bruker på jobben.')
  .max(254, 'Skriv inn en e-postadresse med høyst 254 tegn.')
  .pipe(z.email('Skriv inn en gyldig e-postadresse, for eksempel navn@kommune.no.'));

/** Step 1: ask for a code. */
export const EmailStepSchema = z.object({ email });
export type EmailStep = z.output<typeof EmailStepSchema>;

/**
 * Step 2: the eight digits from the e-mail (Auth's `otp_length` in supabase/config.toml; spaces
 * and dashes typed between them are ignored).
 */
export const CodeStepSchema = z.object({
  email,
  code: z
    .string()
    .transform((value) => value.replace(/[\s-]/g, ''))
    .pipe(
      z
        .string()
        .min(1, 'Skriv inn koden fra e-posten.')
        .regex(/^\d{8}$/, 'Skriv inn de åtte sifrene i koden fra e-posten.'),
    ),
});
export type CodeStep = z.output<typeof CodeStepSchema>;

/** The sign-in link from the e-mail, confirmed by a button press (mail scanners only GET). */
export const LinkStepSchema = z.object({
  token_hash: z.string().regex(/^[\w-]{8,128}$/, 'Lenken er ikke gyldig.'),
  type: z.enum(['email', 'magiclink', 'invite']),
});

/** What the sign-in page says, by situation. */
export const SIGN_IN_MESSAGES = {
  codeSent:
    'Hvis adressen hører til en koordinator hos oss, har vi sendt en kode på åtte sifre til den. Koden virker én gang og i ti minutter.',
  wrongCode:
    'Koden stemmer ikke, eller den er for gammel eller allerede brukt. Sjekk koden, eller be om en ny.',
  linkSpent:
    'Lenken virker ikke lenger. Den er for gammel eller allerede brukt. Be om en ny kode nedenfor.',
  sentMomentAgo:
    'Det ble sendt en kode til denne adressen for under ett minutt siden. Bruk koden i den e-posten, eller vent ett minutt og be om en ny.',
  tooMany: 'Du har prøvd for mange ganger. Vent noen minutter og prøv igjen.',
  clientLimit:
    'Det har kommet for mange innloggingsforsøk fra nettverket ditt de siste ti minuttene. Vent ti minutter og prøv igjen.',
  hourly:
    'Det er bedt om for mange koder til denne adressen den siste timen. Bruk den siste koden du fikk, eller vent en time og be om en ny.',
  noCode:
    'Det er ikke bedt om noen kode til denne adressen de siste ti minuttene. Be om en ny kode.',
  codeVoid: 'Koden er skrevet feil for mange ganger, og virker ikke lenger. Be om en ny kode.',
  locked:
    'Det er skrevet feil kode for mange ganger for denne adressen den siste timen, så innlogging med kode er stengt en stund. Prøv igjen om en time, eller kontakt lederen din.',
  denied:
    'Du har ikke tilgang til arbeidsflaten. Ta kontakt med lederen din hvis du mener du skal ha tilgang.',
  unavailable: 'Innloggingen virker ikke akkurat nå. Prøv igjen om litt.',
  signedOut: 'Du er logget ut.',
  expired: 'Økten din er avsluttet. Logg inn på nytt.',
  ssoUnavailable:
    'Innlogging med kommunens konto virker ikke akkurat nå. Prøv igjen om litt, eller logg inn med kode på e-post.',
  failedPost: 'Noe gikk galt. Last inn siden på nytt og prøv igjen.',
} as const;

/** Notices the sign-in page shows after a redirect, by the `melding` query parameter. */
export const SIGN_IN_NOTICES = {
  'logget-ut': { color: 'success', text: SIGN_IN_MESSAGES.signedOut },
  'ingen-tilgang': { color: 'warning', text: SIGN_IN_MESSAGES.denied },
  'okt-avsluttet': { color: 'info', text: SIGN_IN_MESSAGES.expired },
  'lenke-brukt': { color: 'warning', text: SIGN_IN_MESSAGES.linkSpent },
  'sso-feil': { color: 'danger', text: SIGN_IN_MESSAGES.ssoUnavailable },
  utilgjengelig: { color: 'danger', text: SIGN_IN_MESSAGES.unavailable },
} as const;
export type SignInNotice = keyof typeof SIGN_IN_NOTICES;

/**
 * Where to go after signing in: a workspace page the coordinator asked for, or the workspace's
 * front page. Anything else (another site, a protocol-relative URL) is ignored.
 */
export function safeNext(value: unknown): string {
  const next = typeof value === 'string' ? value : '';
  return /^\/koordinator\/(?!logg-inn\/)[\w\-./]*$/.test(next) && !next.includes('..')
    ? next
    : '/koordinator/';
}
