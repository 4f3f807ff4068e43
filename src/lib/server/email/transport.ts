/**
 * How a rendered message leaves: through Resend (RESEND_API_KEY set), or into the local mailbox
 * under .data/mailbox (the local default, listed by the local stack's mail viewer). Both are
 * idempotent on the message's key, so a repeated send delivers nothing twice.
 */
import path from 'node:path';
import { Resend } from 'resend';
import { storeMessage } from './mailbox.ts';

export interface OutgoingEmail {
  from: string;
  to: string;
  replyTo?: string | undefined;
  subject: string;
  html: string;
  text: string;
  /** Sent as Resend's Idempotency-Key: the same key is delivered at most once. */
  idempotencyKey: string;
}

/**
 * The outcome of one try. `error` names the kind of failure only (status code and error type,
 * never the message text, which can quote an address), so it may be stored and logged.
 */
export type SendOutcome =
  { ok: true; id: string } | { ok: false; retryable: boolean; error: string };

export interface Transport {
  readonly name: string;
  send(email: OutgoingEmail): Promise<SendOutcome>;
}

/** Classifies a Resend error: network errors, timeouts, 409 (a concurrent try), 429 and 5xx are retried. */
export function classifyResendError(error: { statusCode?: number | null; name?: string }): {
  retryable: boolean;
  error: string;
} {
  const status = typeof error.statusCode === 'number' ? error.statusCode : null;
  // Resend's error names are snake_case words; anything else is not trusted into logs.
  const name = /^[a-z_]{1,60}$/.test(String(error.name)) ? String(error.name) : 'error';
  if (status === null) return { retryable: true, error: 'resend: no answer (network or timeout)' };
  return {
    retryable: status === 409 || status === 429 || status >= 500,
    error: `resend: ${status} ${name}`,
  };
}

/** Sends through the Resend SDK. The SDK reads RESEND_BASE_URL (tests point it at a loopback server). */
export function resendTransport(options: { apiKey: string; timeoutMs?: number }): Transport {
  const resend = new Resend(options.apiKey);
  const timeoutMs = options.timeoutMs ?? 10_000;
  return {
    name: 'resend',
    async send(email) {
      try {
        const { data, error } = await resend.emails.send(
          {
            from: email.from,
            to: [email.to],
            ...(email.replyTo ? { replyTo: email.replyTo } : {}),
            subject: email.subject,
            html: email.html,
            text: email.text,
          },
          { idempotencyKey: email.idempotencyKey, signal: AbortSignal.timeout(timeoutMs) },
        );
        if (data?.id) return { ok: true, id: data.id };
        return { ok: false, ...classifyResendError(error ?? {}) };
      } catch {
        // The SDK answers most failures with `error`; anything thrown is a failed request too.
        return { ok: false, retryable: true, error: 'resend: no answer (network or timeout)' };
      }
    },
  };
}

/** Where the local mailbox lives: EMAIL_MAILBOX_DIR, else .data/mailbox under the working folder. */
function mailboxDir(): string {
  return path.resolve(process.env['EMAIL_MAILBOX_DIR'] || path.join('.data', 'mailbox'));
}

/** Writes each message to the local mailbox once: a second send with the same key finds the first. */
export function mailboxTransport(dir = mailboxDir()): Transport {
  return {
    name: 'local mailbox',
    async send(email) {
      try {
        return { ok: true, id: storeMessage(dir, email).id };
      } catch {
        return { ok: false, retryable: true, error: 'local mailbox: could not write' };
      }
    },
  };
}
