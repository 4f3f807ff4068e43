/**
 * The personal links' calls to the database, with the server's key (createSubmitClient): reading a
 * link (public.open_link) and answering it (public.answer_co_applicant, public.answer_reference).
 * Never throws, and never logs the token, a name or an answer: only the purpose, an outcome and
 * the database's error code.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../database.types.ts';
import type { ClosedState } from '../links/messages.ts';

export type Purpose = 'co_applicant' | 'referee';

export type OpenLink =
  | {
      state: 'open';
      purpose: Purpose;
      applicantName: string;
      kind: 'besokshjem' | 'tilsynsperson';
    }
  | { state: ClosedState }
  | { state: 'unavailable' };

type Log = (line: string) => void;
const defaultLog: Log = (line) => console.error(line);

/** The states a closed link answers with (open_link and the answer functions alike). */
function closedState(value: unknown): ClosedState | undefined {
  return value === 'unknown' || value === 'used' || value === 'expired' ? value : undefined;
}

/** What the database says about a link, without using it up. */
export async function openLink(
  client: SupabaseClient<Database>,
  token: string,
  log: Log = defaultLog,
): Promise<OpenLink> {
  try {
    const { data, error } = await client.rpc('open_link' as never, { token } as never);
    if (error) {
      log(`link: could not open (code ${error.code || 'none'})`);
      return { state: 'unavailable' };
    }
    const link = (data ?? {}) as Record<string, unknown>;
    const closed = closedState(link['state']);
    if (closed) return { state: closed };
    if (
      link['state'] === 'open' &&
      (link['purpose'] === 'co_applicant' || link['purpose'] === 'referee') &&
      typeof link['applicant_name'] === 'string' &&
      (link['kind'] === 'besokshjem' || link['kind'] === 'tilsynsperson')
    )
      return {
        state: 'open',
        purpose: link['purpose'],
        applicantName: link['applicant_name'],
        kind: link['kind'],
      };
    log('link: the database answered open_link in an unknown shape');
    return { state: 'unavailable' };
  } catch (error) {
    log(`link: could not open (${error instanceof Error ? error.name : 'error'})`);
    return { state: 'unavailable' };
  }
}

export type AnswerOutcome =
  | { ok: true; state: 'confirmed' | 'declined' | 'answered' }
  | { ok: false; reason: 'closed'; state: ClosedState }
  | { ok: false; reason: 'field'; field: string; hint: string | undefined }
  | { ok: false; reason: 'rejected' | 'unavailable' };

/** Answers a link through `fn` (answer_co_applicant or answer_reference). */
export async function answerLink(
  client: SupabaseClient<Database>,
  fn: 'answer_co_applicant' | 'answer_reference',
  token: string,
  answer: Record<string, unknown>,
  log: Log = defaultLog,
): Promise<AnswerOutcome> {
  const purpose = fn === 'answer_co_applicant' ? 'co_applicant' : 'referee';
  try {
    const { data, error } = await client.rpc(fn as never, { token, answer } as never);
    if (error) {
      const code = error.code || 'none';
      const field = /^invalid field: ([a-z0-9_]+(?:\.[a-z][a-z0-9-]*)?)$/.exec(
        error.message ?? '',
      )?.[1];
      if (code === '22023' && field) {
        log(`link ${purpose}: a field refused by the database (code ${code})`);
        return { ok: false, reason: 'field', field, hint: error.hint ?? undefined };
      }
      const rejected = /^(22|23)/.test(code);
      log(`link ${purpose}: ${rejected ? 'rejected' : 'database unavailable'} (code ${code})`);
      return { ok: false, reason: rejected ? 'rejected' : 'unavailable' };
    }
    const state = (data as Record<string, unknown> | null)?.['state'];
    const closed = closedState(state);
    if (closed) return { ok: false, reason: 'closed', state: closed };
    if (state === 'confirmed' || state === 'declined' || state === 'answered') {
      log(`link ${purpose}: ${state}`);
      return { ok: true, state };
    }
    log(`link ${purpose}: the database answered in an unknown shape`);
    return { ok: false, reason: 'unavailable' };
  } catch (error) {
    log(`link ${purpose}: database unavailable (${error instanceof Error ? error.name : 'error'})`);
    return { ok: false, reason: 'unavailable' };
  }
}

/**
 * The headers of every link page: never indexed or cached, and a Referer of the origin only, so
 * that the token in the address goes nowhere, not even to the site's own logs of assets (the
 * site's default, strict-origin-when-cross-origin, sends the whole address within the site).
 * Not `no-referrer`: with it, browsers send `Origin: null` with the form's post, which Astro's
 * origin check refuses.
 */
export const LINK_PAGE_HEADERS = {
  'Referrer-Policy': 'strict-origin',
  'X-Robots-Tag': 'noindex, nofollow',
  'Cache-Control': 'no-store',
} as const;
