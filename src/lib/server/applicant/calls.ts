/**
 * "Min søknad"'s calls to the database, with the server's key: every one takes the applicant's
 * session token first, and the database decides what its holder may read or change (the key
 * alone reads nothing). Never throws, and never logs a token, an address or an answer: only the
 * function, an outcome and the database's error code.
 */
import { createSubmitClient } from '../supabase.ts';
import { signInLimits } from '../auth/sign-in-limits.ts';

type Log = (line: string) => void;
const defaultLog: Log = (line) => console.error(line);

/** One application as public.applicant_page returns it. */
export interface ApplicantApplication {
  reference: string;
  kind: 'besokshjem' | 'tilsynsperson';
  status: string;
  received_at: string;
  contact_due_on: string | null;
  steps: { step: string; state: 'done' | 'current' | 'todo' | 'not_needed' }[];
  next: string[];
  referees: { wanted: number; done: number } | null;
  co_applicant: 'pending' | 'confirmed' | 'declined' | null;
  answers: Record<string, unknown>;
  erasure_requested_at: string | null;
  withdrawn_by_applicant: boolean | null;
  /** A new address waits for its confirmation (EMAIL_CHANGE_LINK in lib/link-lifetimes.ts). */
  email_change_pending: boolean | null;
}

export type Outcome<T = Record<string, unknown>> =
  | { ok: true; data: T }
  | { ok: false; reason: 'signed_out' | 'closed' | 'unavailable' }
  | { ok: false; reason: 'field'; field: string }
  | { ok: false; reason: 'rejected'; state?: string };

/** Calls `fn` and sorts its answer: a jsonb with `state`, or a refusal. */
async function call(fn: string, args: Record<string, unknown>, log: Log): Promise<Outcome> {
  try {
    const { data, error } = await createSubmitClient().rpc(fn as never, args as never);
    if (error) {
      const code = error.code || 'none';
      const field = /^invalid field: ([a-z0-9_]+)$/.exec(error.message ?? '')?.[1];
      if (code === '22023' && field) {
        log(`applicant ${fn}: a field refused by the database (code ${code})`);
        return { ok: false, reason: 'field', field };
      }
      const rejected = /^(22|23|P0)/.test(code);
      log(`applicant ${fn}: ${rejected ? 'rejected' : 'database unavailable'} (code ${code})`);
      return { ok: false, reason: rejected ? 'rejected' : 'unavailable' };
    }
    const answer = (data ?? {}) as Record<string, unknown>;
    if (answer['state'] === 'signed_out') return { ok: false, reason: 'signed_out' };
    return { ok: true, data: answer };
  } catch (error) {
    log(`applicant ${fn}: database unavailable (${error instanceof Error ? error.name : 'error'})`);
    return { ok: false, reason: 'unavailable' };
  }
}

/** Asks for a link to `email`: the same answer for any address, or the wait when limited. */
export async function requestApplicantLink(
  email: string,
  client: string,
  log: Log = defaultLog,
): Promise<
  { state: 'sent' } | { state: 'limited'; retryAfterSeconds: number } | { state: 'unavailable' }
> {
  const outcome = await call(
    'request_applicant_link',
    { email, client, limits: signInLimits() },
    log,
  );
  if (!outcome.ok) return { state: 'unavailable' };
  if (outcome.data['state'] === 'sent') return { state: 'sent' };
  if (outcome.data['state'] === 'limited')
    return {
      state: 'limited',
      retryAfterSeconds: Math.max(1, Number(outcome.data['retry_after_seconds']) || 60),
    };
  log('applicant request_applicant_link: an unknown answer');
  return { state: 'unavailable' };
}

export type OpenedSession =
  | { state: 'open'; session: string; expiresAt: Date }
  | { state: 'unknown' | 'used' | 'expired' | 'unavailable' };

/** Uses the e-mail's link up and opens a session. */
export async function openApplicantSession(
  linkToken: string,
  client: string,
  log: Log = defaultLog,
): Promise<OpenedSession> {
  const outcome = await call('open_applicant_session', { link_token: linkToken, client }, log);
  if (!outcome.ok) return { state: 'unavailable' };
  const { state, session, expires_at: expiresAt } = outcome.data;
  if (state === 'open' && typeof session === 'string' && typeof expiresAt === 'string')
    return { state: 'open', session, expiresAt: new Date(expiresAt) };
  if (state === 'unknown' || state === 'used' || state === 'expired') return { state };
  return { state: 'unavailable' };
}

/** What the holder of `session` may see, or why nothing. */
export async function applicantPage(
  session: string,
  log: Log = defaultLog,
): Promise<Outcome<{ applications: ApplicantApplication[] }>> {
  const outcome = await call('applicant_page', { session }, log);
  if (!outcome.ok) return outcome;
  const applications = outcome.data['applications'];
  if (outcome.data['state'] === 'open' && Array.isArray(applications))
    return { ok: true, data: { applications: applications as ApplicantApplication[] } };
  log('applicant applicant_page: an unknown answer');
  return { ok: false, reason: 'unavailable' };
}

/** A change through one of the session's functions (reference second, then its arguments). */
export function applicantChange(
  fn:
    | 'applicant_update_contact'
    | 'applicant_change_email'
    | 'applicant_withdraw'
    | 'applicant_request_erasure',
  session: string,
  reference: string,
  extra: Record<string, unknown> = {},
  log: Log = defaultLog,
): Promise<Outcome> {
  return call(fn, { session, reference, ...extra }, log);
}

/** Ends the session ("Logg ut"); the cookie goes whatever the database says. */
export async function endApplicantSession(session: string, log: Log = defaultLog): Promise<void> {
  await call('end_applicant_session', { session }, log);
}

/** Makes a confirmed new address the application's own. */
export async function confirmEmailChange(
  token: string,
  log: Log = defaultLog,
): Promise<'confirmed' | 'unknown' | 'used' | 'expired' | 'unavailable'> {
  const outcome = await call('confirm_email_change', { token }, log);
  if (!outcome.ok) return 'unavailable';
  const state = outcome.data['state'];
  return state === 'confirmed' || state === 'unknown' || state === 'used' || state === 'expired'
    ? state
    : 'unavailable';
}
