/**
 * What a link page (/soknad/medsoker/<token>/, /referanse/<token>/) makes of its request, with
 * the page's headers and HTTP status set: the thanks page to redirect to once answered, or the
 * link's state and what each of its two forms (answer, decline) shows. Server-side: it opens the
 * link with the server's key.
 */
import type { AstroGlobal } from 'astro';
import { LINK_PAGE_HEADERS, openLink, type OpenLink, type Purpose } from './links.ts';
import { createSubmitClient } from './supabase.ts';
import { LINK_MESSAGES, linkStatus, type LinkResult } from '../links/messages.ts';
import { isToken } from '../links/token.ts';

type Action = Parameters<AstroGlobal['getActionResult']>[0];

/** One form's Action outcome, as Astro.getActionResult gives it. */
type Outcome = { data?: unknown; error?: { status?: number } | undefined } | undefined;

/** What one form posts to and shows again: LinkForm's props. */
export interface LinkFormState {
  action: string;
  values: Record<string, string>;
  errors: Record<string, string>;
  /** A message about the answer as a whole ('' for none). */
  notice: string;
}

export interface OpenLinkPage {
  redirect?: undefined;
  token: string;
  link: OpenLink;
  /** The applicant's name ('' when the link cannot be answered). */
  applicantName: string;
  answer: LinkFormState;
  decline: LinkFormState;
}

/** Answered: the thanks page (…/takk/?svar=ja|nei), so that a reload sends nothing again. */
export type LinkPage = { redirect: string } | OpenLinkPage;

/** Each purpose's thanks page. */
const THANKS: Record<Purpose, string> = {
  co_applicant: '/soknad/medsoker/takk/',
  referee: '/referanse/takk/',
};

function formState(action: Action, outcome: Outcome): LinkFormState {
  const result = outcome?.data as LinkResult | undefined;
  return {
    action: action.toString(),
    values: result?.status === 'invalid' || result?.status === 'failed' ? result.values : {},
    errors: result?.status === 'invalid' ? result.errors : {},
    notice:
      result?.status === 'failed'
        ? result.message
        : result?.status === 'invalid'
          ? (result.formErrors[0] ?? '')
          : outcome?.error
            ? LINK_MESSAGES.failed
            : '',
  };
}

/** The page of a link for `purpose`, whose two forms post to `answerAction` and `declineAction`. */
export async function linkPage(
  astro: AstroGlobal,
  purpose: Purpose,
  answerAction: Action,
  declineAction: Action,
): Promise<LinkPage> {
  for (const [name, value] of Object.entries(LINK_PAGE_HEADERS))
    astro.response.headers.set(name, value);

  const token = astro.params.token ?? '';
  const answered: Outcome = astro.getActionResult(answerAction);
  const declined: Outcome = astro.getActionResult(declineAction);
  const outcome = answered ?? declined;
  const result = outcome?.data as LinkResult | undefined;
  if (result?.status === 'done')
    return { redirect: `${THANKS[purpose]}?svar=${result.answer === 'declined' ? 'nei' : 'ja'}` };

  let link: OpenLink;
  if (result?.status === 'closed') link = { state: result.state };
  else if (!isToken(token)) link = { state: 'unknown' };
  else {
    link = await openLink(createSubmitClient(), token);
    // Another purpose's link (a referee's on the co-applicant's page, say) is not this page's.
    if (link.state === 'open' && link.purpose !== purpose) link = { state: 'unknown' };
  }
  astro.response.status =
    link.state === 'unavailable'
      ? 503
      : link.state === 'open'
        ? linkStatus(result, outcome?.error)
        : linkStatus({ status: 'closed', state: link.state });
  return {
    token,
    link,
    applicantName: link.state === 'open' ? link.applicantName : '',
    answer: formState(answerAction, answered),
    decline: formState(declineAction, declined),
  };
}
