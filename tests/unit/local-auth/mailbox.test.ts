/** The local mail viewer and the test helper: the newest mail per address, its code and link, the pages. */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { storeMessage, type MailboxMessage } from '../../../src/lib/server/email/mailbox.ts';
import { latestMessage, parseMail, startMailViewer } from '../../../supabase/local/mailbox.ts';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mailbox-test-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const AUTH_FROM = 'Lokal innlogging <ikke-svar@auth.fosterportal.invalid>';
const signInMail = (to: string, subject: string, text: string) => ({
  from: AUTH_FROM,
  to,
  subject,
  text,
});

describe('parseMail', () => {
  it.each([
    {
      text: 'Koden din for å logge inn i arbeidsflaten: 123456\nhttp://x/bekreft/?token_hash=ab12&type=email',
      code: '123456',
      tokenHash: 'ab12',
    },
    {
      text: 'Koden din: 654321\nhttp://x/bekreft/?token_hash=pkce_ab12&type=email',
      code: '654321',
      tokenHash: 'pkce_ab12',
    },
    {
      text: 'Koden din for å logge inn i arbeidsflaten: 12345678\nhttp://x/bekreft/?token_hash=cd34&type=email',
      code: '12345678',
      tokenHash: 'cd34',
    },
    { text: 'Ingen kode her', code: undefined, tokenHash: undefined },
    { text: 'Koden: 1234567', code: undefined, tokenHash: undefined },
  ])('$text', ({ text, code, tokenHash }) => {
    const mail: MailboxMessage = {
      id: 'x',
      storedAt: '2026-12-05T12:00:00.000Z',
      from: AUTH_FROM,
      to: 'a@b.invalid',
      replyTo: null,
      subject: 's',
      text,
      html: null,
      idempotencyKey: null,
    };
    const parsed = parseMail(mail);
    expect(parsed.code).toBe(code);
    expect(parsed.tokenHash).toBe(tokenHash);
  });
});

describe('latestMessage', () => {
  it('returns the newest mail to an address, whatever its case', async () => {
    const dir = tempDir();
    expect(latestMessage(dir, 'a@b.invalid')).toBeUndefined();
    storeMessage(dir, signInMail('a@b.invalid', 'Første', 'Kode: 111111'));
    await new Promise((r) => setTimeout(r, 5));
    storeMessage(dir, signInMail('c@d.invalid', 'Annen', 'Kode: 333333'));
    await new Promise((r) => setTimeout(r, 5));
    storeMessage(dir, signInMail('a@b.invalid', 'Andre', 'Kode: 222222'));
    expect(latestMessage(dir, 'A@B.invalid')?.code).toBe('222222');
  });
});

describe('the mail viewer', () => {
  async function viewer(dir: string) {
    const server = await startMailViewer({ port: 0, dir });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { server, get: (p: string) => fetch(`${base}${p}`) };
  }

  it('lists the Auth’s mails and the portal’s own with their dates, escaped, without scripts', async () => {
    const dir = tempDir();
    const code = storeMessage(dir, signInMail('a@b.invalid', '<b>Emne</b>', 'Kode: 123456'));
    const receipt = storeMessage(dir, {
      from: 'Fosterportalen (lokalt) <ikke-svar@fosterportal.invalid>',
      to: 'soker@example.no',
      replyTo: 'post@testvik.invalid',
      subject: 'Vi har mottatt søknaden din',
      html: '<p style="color:red">Hei</p><script>alert(1)</script>',
      text: 'Hei',
      idempotencyKey: 'fosterportal/receipt/1',
    });
    const { server, get } = await viewer(dir);
    try {
      const list = await get('/');
      const html = await list.text();
      expect(list.status).toBe(200);
      expect(html).toContain('&lt;b&gt;Emne&lt;/b&gt;');
      expect(html).toContain('Vi har mottatt søknaden din');
      expect(html).not.toContain('<script');
      expect(html).not.toContain('Invalid Date');
      for (const mail of [code, receipt]) {
        const oslo = new Intl.DateTimeFormat('nb-NO', {
          timeZone: 'Europe/Oslo',
          dateStyle: 'short',
          timeStyle: 'medium',
        }).format(new Date(mail.storedAt));
        expect(html).toContain(`<time datetime="${mail.storedAt}">${oslo}</time>`);
        expect(html).toContain(`href="/m/${mail.id}"`);
      }
    } finally {
      server.close();
    }
  });

  it('shows a text-only mail without a frame', async () => {
    const dir = tempDir();
    const code = storeMessage(dir, signInMail('a@b.invalid', 'Koden din', 'Kode: 123456'));
    const { server, get } = await viewer(dir);
    try {
      const page = await (await get(`/m/${code.id}`)).text();
      expect(page).toContain('Kode: 123456');
      expect(page).not.toContain('<iframe');
      expect((await get(`/m/${code.id}/html`)).status).toBe(404);
      expect((await get('/m/nope')).status).toBe(404);
    } finally {
      server.close();
    }
  });

  it('shows the text and, in a sandboxed frame, the HTML part of the portal’s e-mails', async () => {
    const dir = tempDir();
    const body = '<p style="color:red">Hei</p><script>alert(1)</script>';
    const receipt = storeMessage(dir, {
      from: 'Fosterportalen (lokalt) <ikke-svar@fosterportal.invalid>',
      to: 'soker@example.no',
      replyTo: 'post@testvik.invalid',
      subject: 'Kvittering',
      html: body,
      text: 'Teksten: https://example.no/kvittering/',
      idempotencyKey: 'fosterportal/receipt/2',
    });
    const { server, get } = await viewer(dir);
    try {
      const one = await get(`/m/${receipt.id}`);
      const page = await one.text();
      expect(page).toContain('<a href="https://example.no/kvittering/">');
      expect(page).toContain('post@testvik.invalid');
      expect(page).not.toContain('<script');
      expect(page).toMatch(new RegExp(`<iframe src="/m/${receipt.id}/html" sandbox="" `));
      expect(one.headers.get('content-security-policy')).toContain("frame-src 'self'");

      const framed = await get(`/m/${receipt.id}/html`);
      expect(framed.status).toBe(200);
      expect(await framed.text()).toBe(body);
      const policy = framed.headers.get('content-security-policy') ?? '';
      expect(policy.split(';').map((d) => d.trim())).toEqual(
        expect.arrayContaining(['sandbox', "default-src 'none'", "frame-ancestors 'self'"]),
      );
      expect(policy).not.toContain('script-src');
    } finally {
      server.close();
    }
  });
});
