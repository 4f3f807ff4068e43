/** The local mailbox's format (src/lib/server/email/mailbox.ts) and the site's mailbox transport. */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findMessage, listMessages, storeMessage } from '../../../src/lib/server/email/mailbox.ts';
import { mailboxTransport, type OutgoingEmail } from '../../../src/lib/server/email/transport.ts';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mailbox-format-test-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const outgoing = (overrides: Partial<OutgoingEmail> = {}): OutgoingEmail => ({
  from: 'Fosterportalen (lokalt) <ikke-svar@fosterportal.invalid>',
  to: 'soker@example.no',
  replyTo: 'post@testvik.invalid',
  subject: 'Vi har mottatt søknaden din (BH-7K3M-Q9XD)',
  html: '<p>Hei</p>',
  text: 'Hei',
  idempotencyKey: 'fosterportal/receipt/0b6f3c1e-1111-4222-8333-444455556666',
  ...overrides,
});

describe('storeMessage and listMessages', () => {
  it('store every field with a real time, newest first, and find a message by id', async () => {
    const dir = tempDir();
    const before = Date.now();
    const code = storeMessage(dir, {
      from: 'Lokal innlogging <ikke-svar@auth.fosterportal.invalid>',
      to: 'a@b.invalid',
      subject: 'Koden din',
      text: 'Kode: 111111',
    });
    await new Promise((r) => setTimeout(r, 5));
    const receipt = storeMessage(dir, outgoing());
    expect(code).toMatchObject({ html: null, replyTo: null, idempotencyKey: null });
    expect(receipt).toMatchObject(outgoing());
    for (const stored of [code, receipt]) {
      expect(stored.id).toMatch(/^[\w-]+$/);
      const at = Date.parse(stored.storedAt);
      expect(at).toBeGreaterThanOrEqual(before);
      expect(at).toBeLessThanOrEqual(Date.now());
    }
    expect(listMessages(dir)).toEqual([receipt, code]);
    expect(findMessage(dir, code.id)).toEqual(code);
    expect(findMessage(dir, '../nope')).toBeUndefined();
  });

  it('keep one message per idempotency key, also for keys that read alike', () => {
    const dir = tempDir();
    const first = storeMessage(dir, outgoing({ subject: 'Første' }));
    const again = storeMessage(dir, outgoing({ subject: 'Andre' }));
    expect(again).toEqual(first);
    const alike = storeMessage(dir, outgoing({ idempotencyKey: 'fosterportal-receipt-0b6f3c1e' }));
    const alike2 = storeMessage(dir, outgoing({ idempotencyKey: 'fosterportal/receipt/0b6f3c1e' }));
    expect(new Set([first.id, alike.id, alike2.id]).size).toBe(3);
    expect(readdirSync(dir)).toHaveLength(3);
    expect(listMessages(dir).map((m) => m.subject)).toContain('Første');
    expect(listMessages(dir).map((m) => m.subject)).not.toContain('Andre');
  });

  it('leave out files in no known format (an older mailbox, a half-written file)', () => {
    const dir = tempDir();
    const kept = storeMessage(dir, outgoing());
    writeFileSync(
      path.join(dir, 'old.json'),
      JSON.stringify({ id: 'old', to: 'a@b.invalid', subject: 's', text: 't', sentAt: 'x' }),
    );
    writeFileSync(path.join(dir, 'half.json'), '{"id": "half", "stored');
    expect(listMessages(dir)).toEqual([kept]);
    expect(listMessages(path.join(dir, 'missing'))).toEqual([]);
  });
});

describe('mailboxTransport', () => {
  it('writes a message once per idempotency key and answers with its id both times', async () => {
    const dir = tempDir();
    const transport = mailboxTransport(dir);
    const first = await transport.send(outgoing());
    const second = await transport.send(outgoing({ subject: 'Sendt på nytt' }));
    expect(first).toEqual({ ok: true, id: expect.stringMatching(/^local-/) });
    expect(second).toEqual(first);
    const stored = listMessages(dir);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ ...outgoing(), id: first.ok ? first.id : '' });
    const other = await transport.send(outgoing({ idempotencyKey: 'fosterportal/notice/1' }));
    expect(other.ok && other.id).not.toBe(first.ok && first.id);
    expect(listMessages(dir)).toHaveLength(2);
  });

  it('answers a retryable failure when the folder cannot be written', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'a-file');
    writeFileSync(file, '');
    expect(await mailboxTransport(file).send(outgoing())).toEqual({
      ok: false,
      retryable: true,
      error: 'local mailbox: could not write',
    });
  });
});
