/**
 * The local mail viewer: lists the mailbox folder (`<stack dir>/mailbox/`, the format of
 * src/lib/server/email/mailbox.ts) on its own port, as `supabase start` serves Mailpit on :54324:
 * the local Auth's codes and invitations, and the portal's own e-mails when RESEND_API_KEY is
 * unset. Plain HTML, no JavaScript; an e-mail's HTML part is shown in a sandboxed frame. Also the
 * test helper `latestMessage`.
 */
import http from 'node:http';
import path from 'node:path';
import {
  findMessage,
  listMessages,
  type MailboxMessage,
} from '../../src/lib/server/email/mailbox.ts';

/**
 * What a test reads from a mail: the code and the link's token hash (with GoTrue's `pkce_` prefix
 * when the code was requested by a PKCE client, as @supabase/ssr's server client is) are parsed
 * from its text.
 */
export interface SignInMail extends MailboxMessage {
  code: string | undefined;
  tokenHash: string | undefined;
}

/** The mailbox folder of a stack folder. */
export const mailboxDirOf = (stackDir: string) => path.join(stackDir, 'mailbox');

/** Parses the sign-in code and the link's token hash out of a mail's text. */
export function parseMail(mail: MailboxMessage): SignInMail {
  return {
    ...mail,
    code: /: (\d{8}|\d{6})\b/.exec(mail.text)?.[1],
    tokenHash: /[?&]token_hash=((?:pkce_)?[0-9a-f]+)/.exec(mail.text)?.[1],
  };
}

/** The newest mail to `email` in `mailboxDir` (case-insensitive address), or undefined. */
export function latestMessage(mailboxDir: string, email: string): SignInMail | undefined {
  const to = email.trim().toLowerCase();
  const mail = listMessages(mailboxDir).find((m) => m.to.toLowerCase() === to);
  return mail ? parseMail(mail) : undefined;
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const osloTime = new Intl.DateTimeFormat('nb-NO', {
  timeZone: 'Europe/Oslo',
  dateStyle: 'short',
  timeStyle: 'medium',
});

/** When a mail was stored, in Oslo time, machine-readable too. */
const sentAt = (mail: MailboxMessage) =>
  `<time datetime="${escapeHtml(mail.storedAt)}">${escapeHtml(osloTime.format(new Date(mail.storedAt)))}</time>`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="nb">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4rem;border-bottom:1px solid #ccc}
pre{white-space:pre-wrap;background:#f4f4f4;padding:1rem}dt{font-weight:600}
iframe{width:100%;height:32rem;border:1px solid #ccc}</style></head>
<body>${body}</body></html>`;
}

function renderList(mails: MailboxMessage[]): string {
  const rows = mails
    .map(
      (m) =>
        `<tr><td>${sentAt(m)}</td><td>${escapeHtml(m.from)}</td><td>${escapeHtml(m.to)}</td><td><a href="/m/${m.id}">${escapeHtml(m.subject)}</a></td></tr>`,
    )
    .join('\n');
  return page(
    'Lokal e-postkasse',
    `<main><h1>Lokal e-postkasse</h1>
<p>Koder og invitasjoner fra den lokale innloggingstjenesten, og portalens egne e-poster når <code>RESEND_API_KEY</code> ikke er satt. Bare for utvikling; ingenting sendes ut.</p>
${mails.length === 0 ? '<p>Ingen e-post ennå.</p>' : `<table><thead><tr><th scope="col">Sendt</th><th scope="col">Fra</th><th scope="col">Til</th><th scope="col">Emne</th></tr></thead><tbody>\n${rows}\n</tbody></table>`}
</main>`,
  );
}

function renderMessage(mail: MailboxMessage): string {
  const linked = escapeHtml(mail.text).replace(
    /https?:\/\/[^\s<()]+/g,
    (url) => `<a href="${url}">${url}</a>`,
  );
  const field = (name: string, value: string) => `<dt>${name}</dt><dd>${value}</dd>`;
  return page(
    mail.subject,
    `<main><p><a href="/">Tilbake til e-postkassen</a></p><h1>${escapeHtml(mail.subject)}</h1>
<dl>${field('Fra', escapeHtml(mail.from))}${field('Til', escapeHtml(mail.to))}${mail.replyTo ? field('Svar til', escapeHtml(mail.replyTo)) : ''}${field('Sendt', sentAt(mail))}</dl>
<h2>Tekst</h2>
<pre>${linked}</pre>
${mail.html === null ? '' : `<h2>HTML</h2>\n<iframe src="/m/${mail.id}/html" sandbox="" referrerpolicy="no-referrer" title="HTML-versjonen av «${escapeHtml(mail.subject)}»"></iframe>`}
</main>`,
  );
}

const notFound = page(
  'Fant ikke e-posten',
  '<main><h1>Fant ikke e-posten</h1><p><a href="/">Tilbake</a></p></main>',
);

/** Starts the mail viewer for `dir` on 127.0.0.1:`port`. */
export async function startMailViewer(options: {
  port: number;
  dir: string;
}): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://mailbox.local');
    const send = (status: number, html: string, csp: string) => {
      res.writeHead(status, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'content-security-policy': csp,
      });
      res.end(html);
    };
    const viewer = (status: number, html: string) =>
      send(
        status,
        html,
        "default-src 'none'; style-src 'unsafe-inline'; frame-src 'self'; frame-ancestors 'none'",
      );
    if (req.method !== 'GET' && req.method !== 'HEAD') return viewer(405, page('Ikke tillatt', ''));
    if (url.pathname === '/') return viewer(200, renderList(listMessages(options.dir)));
    const match = /^\/m\/([\w-]+)(\/html)?$/.exec(url.pathname);
    const mail = match?.[1] ? findMessage(options.dir, match[1]) : undefined;
    if (!mail) return viewer(404, notFound);
    if (!match?.[2]) return viewer(200, renderMessage(mail));
    if (mail.html === null) return viewer(404, notFound);
    // The e-mail's own HTML, sandboxed by its policy as well as by the frame: no scripts, no
    // forms, no requests; only the viewer's own page may frame it.
    send(
      200,
      mail.html,
      "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'",
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
