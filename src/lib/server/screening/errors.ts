/**
 * The database's refusals as a coordinator reads them: its own Norwegian messages (triggers, the
 * approval guard, the policies' helpers) as they are, and Postgres' or PostgREST's English ones
 * replaced by plain Norwegian. Never a stack trace, never the SQL.
 */

/** What PostgREST answers with (a PostgrestError, or anything thrown). */
interface DbError {
  code?: string;
  message?: string;
  details?: string | null;
}

/** Named constraints a coordinator can run into, in words. */
const CONSTRAINTS: Record<string, string> = {
  application_notes_body_length: 'Notatet må ha mellom 1 og 4000 tegn.',
  applications_journal_reference_format:
    'Skriv nummeret slik sak/arkivsystemet viser det, for eksempel 2026/1234-1, 26/1234-1 eller 2026/1234.',
  coordinators_name_length: 'Navnet må ha mellom 1 og 100 tegn, uten mellomrom først eller sist.',
  coordinators_role_known: 'Velg koordinator eller leder.',
  coordinators_pkey: 'Denne personen står allerede på koordinatorlisten.',
};

/** English texts Postgres and PostgREST write themselves (not the database's own messages). */
const ENGLISH =
  /^(new row|permission denied|duplicate key|insert or update|null value|invalid input|violates|JSON|Could not|column|relation|value too long)/i;

/** The message for a refusal; `fallback` when the database gave no message a coordinator can use. */
export function dbMessage(error: DbError | null | undefined, fallback?: string): string {
  const code = error?.code ?? '';
  const message = error?.message ?? '';
  for (const [name, text] of Object.entries(CONSTRAINTS))
    if (message.includes(`"${name}"`)) return text;
  // PT409: the list would be left without an active lead (private.coordinators_keep_an_active_lead).
  if (message && !ENGLISH.test(message) && /^(42501|23514|23503|P0001|PT409)$/.test(code))
    return message;
  if (code === '42501') return 'Du har ikke tilgang til å gjøre dette.';
  if (code.startsWith('23') || code.startsWith('22'))
    return fallback ?? 'Databasen godtok ikke endringen. Sjekk det du skrev.';
  return 'Vi fikk ikke kontakt med databasen. Prøv igjen om litt.';
}

/**
 * The list a refusal carries: the approval guard gives what is missing as a JSON array of
 * sentences in the error's DETAIL (private.applications_before_update). Empty for any other
 * refusal. Nothing is read out of a message.
 */
export function refusalList(
  error: { details?: string | null | undefined } | null | undefined,
): string[] {
  try {
    const list: unknown = JSON.parse(error?.details ?? '');
    return Array.isArray(list) && list.every((item) => typeof item === 'string') ? list : [];
  } catch {
    return [];
  }
}
