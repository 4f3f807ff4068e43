/**
 * The local mailbox: the Auth service writes each mail as one JSON file to `<stack dir>/mailbox/`,
 * and a small mail viewer (a list and one message, plain HTML, no JavaScript) serves them on its
 * own port, as `supabase start` serves Mailpit on :54324. Also the test helper `latestMessage`.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';

/** One mail as stored in the mailbox folder. */
export interface StoredMail {
  id: string;
  to: string;
  subject: string;
  text: string;
  sentAt: string;
}

/**
 * What a test reads from a mail: the code and the link's token hash (with GoTrue's `pkce_` prefix
 * when the code was requested by a PKCE client, as @supabase/ssr's server client is) are parsed
 * from its text.
 */
export interface MailboxMessage extends StoredMail {
  code: string | undefined;
  tokenHash: string | undefined;
}

/** The mailbox folder of a stack folder. */
export const mailboxDirOf = (stackDir: string) => path.join(stackDir, 'mailbox');

/** Stores a mail in `dir`; file names sort by time of sending. */
export function deliverMail(dir: string, mail: Omit<StoredMail, 'id' | 'sentAt'>): StoredMail {
  mkdirSync(dir, { recursive: true });
  const sentAt = new Date().toISOString();
  const id = `${sentAt.replace(/[-:.]/g, '')}-${randomBytes(4).toString('hex')}`;
  const stored: StoredMail = { id, sentAt, ...mail };
  writeFileSync(path.join(dir, `${id}.json`), `${JSON.stringify(stored, null, 2)}\n`);
  return stored;
}

/** All mails in `dir`, newest first. */
export function listMail(dir: string): StoredMail[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.json'));
  } catch {
    return [];
  }
  return names
    .sort()
    .reverse()
    .map((name) => JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as StoredMail);
}

/** Parses the sign-in code and the link's token hash out of a mail's text. */
export function parseMail(mail: StoredMail): MailboxMessage {
  return {
    ...mail,
    code: /: (\d{6})\b/.exec(mail.text)?.[1],
    tokenHash: /[?&]token_hash=((?:pkce_)?[0-9a-f]+)/.exec(mail.text)?.[1],
  };
}

/** The newest mail to `email` in `mailboxDir` (case-insensitive address), or undefined. */
export function latestMessage(mailboxDir: string, email: string): MailboxMessage | undefined {
  const to = email.trim().toLowerCase();
  const mail = listMail(mailboxDir).find((m) => m.to.toLowerCase() === to);
  return mail ? parseMail(mail) : undefined;
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="nb">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4rem;border-bottom:1px solid #ccc}
pre{white-space:pre-wrap;background:#f4f4f4;padding:1rem}</style></head>
<body>${body}</body></html>`;
}

function renderList(mails: StoredMail[]): string {
  const rows = mails
    .map(
      (m) =>
        `<tr><td>${escapeHtml(new Date(m.sentAt).toLocaleString('nb-NO', { timeZone: 'Europe/Oslo' }))}</td><td>${escapeHtml(m.to)}</td><td><a href="/m/${encodeURIComponent(m.id)}">${escapeHtml(m.subject)}</a></td></tr>`,
    )
    .join('\n');
  return page(
    'Lokal e-postkasse',
    `<main><h1>Lokal e-postkasse</h1>
<p>E-post fra den lokale innloggingstjenesten. Bare for utvikling; ingenting sendes ut.</p>
${mails.length === 0 ? '<p>Ingen e-post ennå.</p>' : `<table><thead><tr><th scope="col">Sendt</th><th scope="col">Til</th><th scope="col">Emne</th></tr></thead><tbody>\n${rows}\n</tbody></table>`}
</main>`,
  );
}

function renderMessage(mail: StoredMail): string {
  const linked = escapeHtml(mail.text).replace(
    /https?:\/\/[^\s<]+/g,
    (url) => `<a href="${url}">${url}</a>`,
  );
  return page(
    mail.subject,
    `<main><p><a href="/">Tilbake til e-postkassen</a></p><h1>${escapeHtml(mail.subject)}</h1>
<dl><dt>Til</dt><dd>${escapeHtml(mail.to)}</dd><dt>Sendt</dt><dd>${escapeHtml(mail.sentAt)}</dd></dl>
<pre>${linked}</pre></main>`,
  );
}

/** Starts the mail viewer for `dir` on 127.0.0.1:`port`. */
export async function startMailViewer(options: {
  port: number;
  dir: string;
}): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://mailbox.local');
    const send = (status: number, html: string) => {
      res.writeHead(status, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
      });
      res.end(html);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, page('Ikke tillatt', ''));
    if (url.pathname === '/') return send(200, renderList(listMail(options.dir)));
    const match = /^\/m\/([\w-]+)$/.exec(url.pathname);
    const mail = match && listMail(options.dir).find((m) => m.id === match[1]);
    if (mail) return send(200, renderMessage(mail));
    send(
      404,
      page(
        'Fant ikke e-posten',
        '<main><h1>Fant ikke e-posten</h1><p><a href="/">Tilbake</a></p></main>',
      ),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}
