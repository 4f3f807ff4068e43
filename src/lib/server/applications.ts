/**
 * Storing an application: the site's only write, through the database function
 * public.submit_application with the server's service-role key. Logs carry no personal data: only
 * the kind, an outcome and the database's error code (never its message or details).
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../database.types.ts';
import type { ApplicationKind } from '../reference.ts';

export type StoreResult =
  | { ok: true; reference: string }
  | { ok: false; reason: 'unavailable' | 'rejected' | 'rateLimited' }
  | { ok: false; reason: 'certificate'; problem: 'future' | 'too_old' }
  /** A referee's detail the database refused (`referee_<n>_<key>`): the form can name it. */
  | { ok: false; reason: 'referee'; column: string };

type Log = (line: string) => void;

/** Calls submit_application; never throws, never logs answers. */
export async function storeApplication(
  client: SupabaseClient<Database>,
  kind: ApplicationKind,
  submission: Record<string, unknown>,
  log: Log = (line) => console.error(line),
): Promise<StoreResult> {
  try {
    // The submission is the request body itself: the function's one parameter is unnamed json
    // (so that a NUL never reaches Postgres' JSON decoding), which the generated types spell as
    // an argument named ''.
    const { data, error } = await client.rpc('submit_application', submission as never);
    if (!error && typeof data === 'string') return { ok: true, reference: data };
    const code = error?.code ?? '';
    // The database's own per-address limit (PT429 is PostgREST's HTTP 429).
    if (code === 'PT429') {
      log(`application ${kind}: refused by the database's per-address limit (code ${code})`);
      return { ok: false, reason: 'rateLimited' };
    }
    // The certificate rule judged on the database's day (near midnight it may differ from ours).
    if (
      code === '22023' &&
      error?.message === 'invalid field: certificate_issued_on' &&
      (error.hint === 'future' || error.hint === 'too_old')
    ) {
      log(`application ${kind}: certificate date refused by the database (code ${code})`);
      return { ok: false, reason: 'certificate', problem: error.hint };
    }
    // A referee's detail (the applicant's own e-mail given as a referee's, say): the form names
    // the field. The message names the column only, never its value.
    const refused = /^invalid field: (referee_[1-9]_[a-z_]+)$/.exec(error?.message ?? '');
    if (code === '22023' && refused?.[1]) {
      log(`application ${kind}: a referee's detail refused by the database (code ${code})`);
      return { ok: false, reason: 'referee', column: refused[1] };
    }
    // Postgres' own codes (class 22/23: bad data or a broken constraint) mean the database
    // refused the answers; anything else (network, gateway, PostgREST) means it was unreachable.
    const rejected = /^(22|23)/.test(code);
    log(
      `application ${kind}: ${rejected ? 'rejected by the database' : 'database unavailable'} (code ${code || 'none'})`,
    );
    return { ok: false, reason: rejected ? 'rejected' : 'unavailable' };
  } catch (error) {
    log(
      `application ${kind}: database unavailable (${error instanceof Error ? error.name : 'error'})`,
    );
    return { ok: false, reason: 'unavailable' };
  }
}

/** The reference of an already stored submission id, or undefined (also when unreachable). */
export async function storedReference(
  client: SupabaseClient<Database>,
  submissionId: string,
): Promise<string | undefined> {
  try {
    const { data, error } = await client.rpc('application_receipt', {
      submission_id: submissionId,
    });
    return !error && typeof data === 'string' ? data : undefined;
  } catch {
    return undefined;
  }
}
