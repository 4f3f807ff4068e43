/**
 * What every page of "Min søknad" starts with: its private headers, and the holder's applications
 * when the request carries a live session (the database decides), or why not. An ended or unknown
 * session's cookie is removed.
 */
import type { AstroGlobal } from 'astro';
import { applicantPage, type ApplicantApplication } from './calls.ts';
import { APPLICANT_HEADERS, clearSessionCookie, sessionToken } from './session.ts';

export type ApplicantView =
  | { state: 'open'; applications: ApplicantApplication[] }
  | { state: 'none' | 'ended' | 'unavailable' };

export async function applicantView(astro: AstroGlobal): Promise<ApplicantView> {
  for (const [name, value] of Object.entries(APPLICANT_HEADERS))
    astro.response.headers.set(name, value);
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

/** The application `reference` (from the query) among the holder's, or undefined. */
export function chosenApplication(
  view: ApplicantView,
  reference: string | null,
): ApplicantApplication | undefined {
  if (view.state !== 'open') return undefined;
  return view.applications.find((a) => a.reference === reference);
}
