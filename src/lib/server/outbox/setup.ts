/**
 * Wires the sender from the configuration; shared by the site (deliverSoon) and the
 * `npm run outbox:send` command. Holds no Astro-only imports, so plain Node can load it.
 */
import type { Profile } from '../../../schemas/profile.ts';
import type { Config } from '../config.ts';
import type { EmailFacts } from '../email/content.ts';
import type { RenderedEmail } from '../email/render.ts';
import { mailboxTransport, resendTransport, type Transport } from '../email/transport.ts';
import { sendPending, type SendSummary } from './sender.ts';
import { createServiceClient, supabaseOutboxStore } from './store.ts';

/** The placeholder sender of the local mailbox (no real domain: nothing leaves the machine). */
export const LOCAL_FROM = 'Fosterportalen (lokalt) <ikke-svar@fosterportal.invalid>';

/** Resend when RESEND_API_KEY is set, else the local mailbox. */
export function transportFor(config: Config): Transport {
  return config.RESEND_API_KEY
    ? resendTransport({ apiKey: config.RESEND_API_KEY, timeoutMs: config.EMAIL_TIMEOUT_MS })
    : mailboxTransport();
}

export interface RunOptions {
  config: Config;
  supabaseUrl: string;
  serviceRoleKey: string;
  profile: Profile;
  render: (facts: EmailFacts, profile: Profile) => RenderedEmail;
  log?: (line: string) => void;
}

/** One run of the sender over everything due. */
export function runOutbox(options: RunOptions): Promise<SendSummary> {
  const { config } = options;
  return sendPending({
    store: supabaseOutboxStore(createServiceClient(options.supabaseUrl, options.serviceRoleKey)),
    transport: transportFor(config),
    profile: options.profile,
    render: options.render,
    from: config.EMAIL_FROM ?? LOCAL_FROM,
    replyTo: config.EMAIL_REPLY_TO,
    siteUrl: config.SITE_URL,
    ...(options.log ? { log: options.log } : {}),
  });
}
