/**
 * Storing an application: the site's only write, through the database function
 * public.submit_application with the anon key. Logs carry no personal data: only the kind, an
 * outcome and the database's error code.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database, Json } from '../database.types.ts';
import type { ApplicationKind } from '../reference.ts';

export type StoreResult =
  { ok: true; reference: string } | { ok: false; reason: 'unavailable' | 'rejected' };

type Log = (line: string) => void;

/** Calls submit_application; never throws, never logs answers. */
export async function storeApplication(
  client: SupabaseClient<Database>,
  kind: ApplicationKind,
  submission: Record<string, unknown>,
  log: Log = (line) => console.error(line),
): Promise<StoreResult> {
  try {
    const { data, error } = await client.rpc('submit_application', {
      application: submission as Json,
    });
    if (!error && typeof data === 'string') return { ok: true, reference: data };
    // Postgres' own codes (class 22/23: bad data or a broken constraint) mean the database
    // refused the answers; anything else (network, gateway, PostgREST) means it was unreachable.
    const code = error?.code ?? '';
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
