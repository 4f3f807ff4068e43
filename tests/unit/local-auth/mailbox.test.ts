/** The local mailbox: stored mails, the newest per address, the code and link parsed from the text, the viewer. */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  deliverMail,
  latestMessage,
  listMail,
  parseMail,
  startMailViewer,
} from '../../../supabase/local/mailbox.ts';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mailbox-test-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
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
    { text: 'Ingen kode her', code: undefined, tokenHash: undefined },
    { text: 'Koden: 1234567', code: undefined, tokenHash: undefined },
  ])('$text', ({ text, code, tokenHash }) => {
    const parsed = parseMail({ id: 'x', to: 'a@b.invalid', subject: 's', text, sentAt: '' });
    expect(parsed.code).toBe(code);
    expect(parsed.tokenHash).toBe(tokenHash);
  });
});

describe('mailbox folder', () => {
  it('returns the newest mail to an address, whatever its case', async () => {
    const dir = tempDir();
    expect(latestMessage(dir, 'a@b.invalid')).toBeUndefined();
    deliverMail(dir, { to: 'a@b.invalid', subject: 'Første', text: 'Kode: 111111' });
    await new Promise((r) => setTimeout(r, 5));
    deliverMail(dir, { to: 'c@d.invalid', subject: 'Annen', text: 'Kode: 333333' });
    await new Promise((r) => setTimeout(r, 5));
    deliverMail(dir, { to: 'a@b.invalid', subject: 'Andre', text: 'Kode: 222222' });
    expect(latestMessage(dir, 'A@B.invalid')?.code).toBe('222222');
    expect(listMail(dir).map((m) => m.subject)).toEqual(['Andre', 'Annen', 'Første']);
  });

  it('serves a list and each message, escaped, without scripts', async () => {
    const dir = tempDir();
    const mail = deliverMail(dir, {
      to: 'a@b.invalid',
      subject: '<b>Emne</b>',
      text: 'Kode: 123456',
    });
    const server = await startMailViewer({ port: 0, dir });
    const { port } = server.address() as AddressInfo;
    try {
      const list = await fetch(`http://127.0.0.1:${port}/`);
      const html = await list.text();
      expect(list.status).toBe(200);
      expect(html).toContain('&lt;b&gt;Emne&lt;/b&gt;');
      expect(html).not.toContain('<script');
      const one = await fetch(`http://127.0.0.1:${port}/m/${mail.id}`);
      expect(await one.text()).toContain('Kode: 123456');
      expect((await fetch(`http://127.0.0.1:${port}/m/nope`)).status).toBe(404);
    } finally {
      server.close();
    }
  });
});
