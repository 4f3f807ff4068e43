/**
 * The local mailbox's one format: each e-mail is a JSON file in a folder. The site's mailbox
 * transport writes the portal's own e-mails there when RESEND_API_KEY is unset, the local Auth
 * service its codes and invitations; the local stack's mail viewer and the tests read them.
 *
 * It lives here, not in supabase/local/, because the site imports it and must not pull in the
 * local stack (pg and the Postgres binaries are dev dependencies); it needs node: modules only.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** One e-mail as the mailbox stores it, in `<id>.json`. */
export interface MailboxMessage {
  /** The file's name without `.json`: letters, digits, `_` and `-` only, so it is safe in a URL. */
  id: string;
  /** When the message was stored, which is when it was "sent" (ISO 8601). */
  storedAt: string;
  from: string;
  to: string;
  replyTo: string | null;
  subject: string;
  text: string;
  /** The HTML part; null for a text-only mail (the local Auth's). */
  html: string | null;
  /** The sender's idempotency key: the mailbox keeps one message per key. */
  idempotencyKey: string | null;
}

/** What a sender hands over; the mailbox adds the id and the time. */
export interface NewMessage {
  from: string;
  to: string;
  replyTo?: string | null | undefined;
  subject: string;
  text: string;
  html?: string | null | undefined;
  idempotencyKey?: string | null | undefined;
}

const ID = /^[\w-]+$/;

/** A keyed message's id: readable, and one per key (the hash tells apart keys that read alike). */
function idForKey(key: string): string {
  const readable = key.replace(/[^\w-]+/g, '-').slice(0, 80);
  return `local-${readable}-${createHash('sha256').update(key).digest('hex').slice(0, 12)}`;
}

/** Reads one message file; anything not in this format (or not yet written whole) is undefined. */
function readMessage(file: string): MailboxMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  const m = value as Partial<Record<keyof MailboxMessage, unknown>> | null;
  const text = (v: unknown) => typeof v === 'string';
  const textOrNull = (v: unknown) => v === null || typeof v === 'string';
  const valid =
    typeof m === 'object' &&
    m !== null &&
    text(m.id) &&
    ID.test(String(m.id)) &&
    text(m.storedAt) &&
    Number.isFinite(Date.parse(String(m.storedAt))) &&
    text(m.from) &&
    text(m.to) &&
    textOrNull(m.replyTo) &&
    text(m.subject) &&
    text(m.text) &&
    textOrNull(m.html) &&
    textOrNull(m.idempotencyKey);
  return valid ? (m as MailboxMessage) : undefined;
}

/**
 * Stores `mail` in `dir` and returns it. A message with an idempotency key is written at most once
 * (its file is named after the key and created with `wx`): storing the key again returns the
 * message stored first.
 */
export function storeMessage(dir: string, mail: NewMessage): MailboxMessage {
  const storedAt = new Date().toISOString();
  const key = mail.idempotencyKey ?? null;
  const id = key
    ? idForKey(key)
    : `${storedAt.replace(/[-:.]/g, '')}-${randomBytes(4).toString('hex')}`;
  const message: MailboxMessage = {
    id,
    storedAt,
    from: mail.from,
    to: mail.to,
    replyTo: mail.replyTo ?? null,
    subject: mail.subject,
    text: mail.text,
    html: mail.html ?? null,
    idempotencyKey: key,
  };
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${id}.json`);
  try {
    writeFileSync(file, `${JSON.stringify(message, null, 2)}\n`, { flag: 'wx' });
    return message;
  } catch (error) {
    const first =
      (error as NodeJS.ErrnoException).code === 'EEXIST' ? readMessage(file) : undefined;
    if (first) return first;
    throw error;
  }
}

/** The messages in `dir`, newest first; files in no known format are left out. */
export function listMessages(dir: string): MailboxMessage[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.json'));
  } catch {
    return [];
  }
  return names
    .map((name) => readMessage(path.join(dir, name)))
    .filter((m): m is MailboxMessage => m !== undefined)
    .sort((a, b) => b.storedAt.localeCompare(a.storedAt) || b.id.localeCompare(a.id));
}

/** The message `id` in `dir`, or undefined. */
export function findMessage(dir: string, id: string): MailboxMessage | undefined {
  return ID.test(id) ? readMessage(path.join(dir, `${id}.json`)) : undefined;
}
