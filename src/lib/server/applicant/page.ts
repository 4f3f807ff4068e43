/**
 * What every page of "Min søknad" starts with: its private headers, and the holder's applications
 * when the request carries a live session (the database decides), or why not. An ended or unknown
 * session's cookie is removed. The pages opened from an e-mail's link need no session: they start
 * with the link's token instead.
 */
import type { AstroGlobal } from 'astro';
import { resultStatus, type ApplicantResult } from '../../applicant/results.ts';
import { isToken } from '../../links/token.ts';
import { applicantPage, type ApplicantApplication } from './calls.ts';
import { APPLICANT_HEADERS, clearSessionCookie, sessionToken } from './session.ts';

export type ApplicantView =
  | { state: 'open'; applications: ApplicantApplication[] }
  | { state: 'none' | 'ended' | 'unavailable' };

function setHeaders(astro: AstroGlobal): void {
  for (const [name, value] of Object.entries(APPLICANT_HEADERS))
    astro.response.headers.set(name, value);
}

export async function applicantView(astro: AstroGlobal): Promise<ApplicantView> {
  setHeaders(astro);
  const session = sessionToken(astro);
  if (!session) return { state: 'none' };
  const outcome = await applicantPage(session);
  if (outcome.ok) return { state: 'open', applications: outcome.data.applications };
  if (outcome.reason === 'signed_out') {
    clearSessionCookie(astro);
    return { state: 'ended' };
  }
  return { state: 'unavailable' };
}

/**
 * A page about one of the holder's applications (?sak=<reference>) that posts a change: the
 * application when the session holds it and `allowed` says the change fits it, and the page's
 * status: the post's, else 404 for a reference the session does not hold (or one the change does
 * not fit), 401 without a session.
 */
export async function applicationPage(
  astro: AstroGlobal,
  allowed: (application: ApplicantApplication) => boolean,
  result: ApplicantResult | undefined,
  error: unknown,
): Promise<{ state: ApplicantView['state']; application: ApplicantApplication | undefined }> {
  const view = await applicantView(astro);
  const reference = astro.url.searchParams.get('sak');
  const chosen =
    view.state === 'open' ? view.applications.find((a) => a.reference === reference) : undefined;
  const application = chosen && allowed(chosen) ? chosen : undefined;
  astro.response.status = application
    ? resultStatus(result, error)
    : view.state === 'open'
      ? 404
      : 401;
  return { state: view.state, application };
}

/**
 * A page opened from an e-mail's link (/min-soknad/<page>/<token>): its private headers, the
 * link's token, what to show (the Action's answer; a token of the wrong form is unknown at once)
 * and the page's status from it.
 */
export function tokenPage(
  astro: AstroGlobal,
  result: ApplicantResult | undefined,
  error: unknown,
): { token: string; shown: ApplicantResult | undefined } {
  setHeaders(astro);
  const token = astro.params.token ?? '';
  const shown: ApplicantResult | undefined =
    result ?? (isToken(token) ? undefined : { status: 'closed', state: 'unknown' });
  astro.response.status = resultStatus(shown, error);
  return { token, shown };
}
