/**
 * The outbox sender: claims due messages, renders and sends them, and records each outcome.
 * Exactly once: the database hands each message to one sender at a time (FOR UPDATE SKIP LOCKED
 * with a lease), and every try carries the message's idempotency key, so a retry after a lost
 * answer or an expired lease is not delivered again. Failures are retried with exponential
 * backoff; after `maxAttempts` tries, or on an error a retry cannot fix, the message is marked
 * failed for a coordinator to see. Logs and stored errors carry no personal data.
 */
import type { Profile } from '../../../schemas/profile.ts';
import type { ApplicationKind } from '../../reference.ts';
import type { ApplicantFacts, EmailFacts, MessageFacts, Template } from '../email/content.ts';
import { parseOverviewCounts, type OverviewFacts } from '../email/overview-content.ts';
import type { RenderedEmail } from '../email/render.ts';
import type { Transport } from '../email/transport.ts';

/** A message claimed for sending, with what its template needs. */
export interface ClaimedMessage {
  id: string;
  template: Template;
  recipient: 'applicant' | 'coordinators' | 'co_applicant' | 'referee' | 'coordinator';
  /**
   * The applicant's address for a receipt, the co-applicant's or referee's for a link e-mail, the
   * coordinator's (while active) for the daily overview.
   */
  toAddress: string | null;
  /**
   * A link e-mail's fresh token (issued when claimed; none for the notice), and the two names it
   * may say (for the applicant's own e-mails, the recipient's name is the applicant's first name).
   */
  linkToken: string | null;
  applicantName: string | null;
  recipientName: string | null;
  /** The application's; null for the daily overview, which belongs to no application. */
  reference: string | null;
  kind: ApplicationKind | null;
  receivedAt: Date | null;
  /** The daily overview's day (ISO) and stored counts; null for every other message. */
  overviewOn: string | null;
  overviewCounts: unknown;
  /** Tries so far, this one included. */
  attempts: number;
  idempotencyKey: string;
}

export interface OutboxStore {
  claim(batch: number, leaseSeconds: number, maxAttempts: number): Promise<ClaimedMessage[]>;
  complete(id: string, providerId: string): Promise<void>;
  /** Back to pending at `retryAt`, or failed for good when it is null. */
  fail(id: string, error: string, retryAt: Date | null): Promise<void>;
}

export interface SenderOptions {
  store: OutboxStore;
  transport: Transport;
  profile: Profile;
  render: (facts: EmailFacts, profile: Profile) => RenderedEmail;
  from: string;
  replyTo?: string | undefined;
  /** The site's public address, for the links in the link e-mails (SITE_URL). */
  siteUrl?: string;
  batchSize?: number;
  maxAttempts?: number;
  /** How long a claim holds before another sender may take the message over. */
  leaseSeconds?: number;
  /** Milliseconds to wait before the next try after `attempts` tries. */
  backoff?: (attempts: number) => number;
  log?: (line: string) => void;
  now?: () => Date;
}

export interface SendSummary {
  sent: number;
  retrying: number;
  failed: number;
}

export const DEFAULT_MAX_ATTEMPTS = 10;

/** 1, 2, 4, … minutes, at most an hour, with ±10 % jitter so senders do not retry in step. */
export function defaultBackoff(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 60 * 60_000);
  return Math.round(base * (0.9 + 0.2 * random()));
}

/** The page a link e-mail's token opens. */
const LINK_PATHS: Partial<Record<Template, string>> = {
  co_applicant_request: '/soknad/medsoker/',
  referee_request: '/referanse/',
  referee_reminder: '/referanse/',
};

/** The page the applicant's own e-mails link to, with the token where they carry one. */
const APPLICANT_PATHS: Partial<Record<Template, string>> = {
  applicant_link: '/min-soknad/inn/',
  applicant_email_confirm: '/min-soknad/bekreft-epost/',
  status_conversation_scheduled: '/min-soknad/',
  status_home_visit: '/min-soknad/',
  status_approved: '/min-soknad/',
  status_declined: '/min-soknad/',
  status_withdrawn: '/min-soknad/',
};

/**
 * What an applicant e-mail needs (the first name, its link); undefined for another message, null
 * when a link or the name is missing. The first word only, whatever the database hands over.
 */
export function applicantFacts(
  message: ClaimedMessage,
  siteUrl: string,
): ApplicantFacts | undefined | null {
  const path = APPLICANT_PATHS[message.template];
  if (!path) return undefined;
  const firstName = (message.recipientName ?? message.applicantName ?? '').trim().split(/\s+/)[0];
  const needsToken = path !== '/min-soknad/';
  if (!firstName || (needsToken && !message.linkToken)) return null;
  const site = siteUrl.replace(/\/+$/, '');
  return {
    firstName,
    url: needsToken
      ? `${site}${path}${encodeURIComponent(message.linkToken ?? '')}/`
      : `${site}${path}`,
  };
}

/**
 * What an e-mail to a co-applicant or referee needs: the two names, and a link e-mail its link
 * (`link`), the referee's notice no link (`names`). Empty for the other messages, null for one
 * of these that lacks its token or a name.
 */
export function linkFacts(
  message: ClaimedMessage,
  siteUrl: string,
): Pick<MessageFacts, 'link' | 'names'> | null {
  const path = LINK_PATHS[message.template];
  const notice = message.template === 'referee_notice';
  if (!path && !notice) return {};
  const { linkToken, applicantName, recipientName } = message;
  if (!applicantName || !recipientName) return null;
  const site = siteUrl.replace(/\/+$/, '');
  const names = {
    privacyUrl: `${site}/personvern/#medsoker-og-referanser`,
    applicantName,
    recipientName,
  };
  if (notice) return { names };
  if (!linkToken) return null;
  return { link: { url: `${site}${path}${encodeURIComponent(linkToken)}/`, ...names } };
}

/**
 * What a message's template needs: the overview's day and counts, or the application's facts (with
 * the link or the names, for an e-mail to a co-applicant or referee); null when something it needs is missing.
 */
export function messageFacts(message: ClaimedMessage, siteUrl: string): EmailFacts | null {
  if (message.template === 'daily_overview') {
    const counts = parseOverviewCounts(message.overviewCounts);
    if (!counts || !message.overviewOn) return null;
    const facts: OverviewFacts = {
      template: 'daily_overview',
      day: message.overviewOn,
      counts,
      siteUrl,
    };
    return facts;
  }
  const people = linkFacts(message, siteUrl);
  const applicant = applicantFacts(message, siteUrl);
  const { reference, kind, receivedAt } = message;
  if (people === null || applicant === null || !reference || !kind || !receivedAt) return null;
  return {
    template: message.template,
    reference,
    kind,
    receivedAt,
    ...people,
    ...(applicant ? { applicant } : {}),
    applicantPageUrl: `${siteUrl.replace(/\/+$/, '')}/min-soknad/`,
  };
}

/** Sends every due message, batch by batch, until none is left. Never throws for one message. */
export async function sendPending(options: SenderOptions): Promise<SendSummary> {
  const {
    store,
    transport,
    profile,
    render,
    from,
    replyTo,
    siteUrl = 'http://localhost:4321',
    batchSize = 10,
    maxAttempts = DEFAULT_MAX_ATTEMPTS,
    leaseSeconds = 300,
    backoff = (attempts: number) => defaultBackoff(attempts),
    log = (line: string) => console.log(line),
    now = () => new Date(),
  } = options;
  const summary: SendSummary = { sent: 0, retrying: 0, failed: 0 };

  for (;;) {
    const batch = await store.claim(batchSize, leaseSeconds, maxAttempts);
    for (const message of batch) {
      const outcome = await sendOne(message);
      summary[outcome] += 1;
    }
    if (batch.length < batchSize) break;
  }
  return summary;

  async function sendOne(message: ClaimedMessage): Promise<keyof SendSummary> {
    const label = `outbox ${message.template} ${message.id}`;
    const to = message.recipient === 'coordinators' ? profile.coordinatorsInbox : message.toAddress;
    if (!to) {
      await store.fail(message.id, 'mangler mottakeradresse', null);
      log(`${label}: failed (no recipient address)`);
      return 'failed';
    }
    const facts = messageFacts(message, siteUrl);
    if (facts === null) {
      const overview = message.template === 'daily_overview';
      await store.fail(message.id, overview ? 'mangler tall' : 'mangler lenke eller navn', null);
      log(`${label}: failed (${overview ? 'no counts' : 'no link token or names'})`);
      return 'failed';
    }
    let outcome;
    try {
      const rendered = render(facts, profile);
      outcome = await transport.send({
        from,
        to,
        replyTo: replyTo ?? profile.email,
        ...rendered,
        idempotencyKey: message.idempotencyKey,
      });
    } catch (error) {
      outcome = {
        ok: false as const,
        retryable: true,
        error: `could not render (${error instanceof Error ? error.name : 'error'})`,
      };
    }
    if (outcome.ok) {
      await store.complete(message.id, outcome.id);
      log(`${label}: sent (try ${message.attempts})`);
      return 'sent';
    }
    if (outcome.retryable && message.attempts < maxAttempts) {
      const retryAt = new Date(now().getTime() + backoff(message.attempts));
      await store.fail(message.id, outcome.error, retryAt);
      log(`${label}: ${outcome.error}; try ${message.attempts} of ${maxAttempts}, retrying later`);
      return 'retrying';
    }
    await store.fail(message.id, outcome.error, null);
    log(`${label}: ${outcome.error}; gave up after ${message.attempts} tries`);
    return 'failed';
  }
}
