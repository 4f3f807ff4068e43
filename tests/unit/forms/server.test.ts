import { createClient } from '@supabase/supabase-js';
import { describe, expect, it } from 'vitest';
import { storeApplication } from '../../../src/lib/server/applications.ts';
import { createRateLimiter, submitRateLimit } from '../../../src/lib/server/rate-limit.ts';
import type { Database } from '../../../src/lib/database.types.ts';

const submission = { email: 'kari@example.no', full_name: 'Kari Nordmann', phone: '91234567' };

function fakeClient(rpc: () => Promise<unknown>) {
  return { rpc } as unknown as Parameters<typeof storeApplication>[0];
}

describe('storing an application', () => {
  it('returns the reference the database gives', async () => {
    const client = fakeClient(async () => ({ data: 'BH-2345-6789', error: null }));
    expect(await storeApplication(client, 'besokshjem', submission, () => {})).toEqual({
      ok: true,
      reference: 'BH-2345-6789',
    });
  });

  it.each([
    ['a check violation', { code: '23514', message: 'violates check constraint' }, 'rejected'],
    ['bad data', { code: '22P02', message: 'invalid input syntax' }, 'rejected'],
    ['a gateway error', { code: 'PGRST000', message: 'could not connect' }, 'unavailable'],
    ['a network error', { code: '', message: 'TypeError: fetch failed' }, 'unavailable'],
  ])('maps %s to %s and logs no personal data', async (_, error, reason) => {
    const lines: string[] = [];
    const client = fakeClient(async () => ({ data: null, error }));
    const result = await storeApplication(client, 'tilsynsperson', submission, (l) =>
      lines.push(l),
    );
    expect(result).toEqual({ ok: false, reason });
    expect(lines).toHaveLength(1);
    for (const value of Object.values(submission)) expect(lines.join('\n')).not.toContain(value);
  });

  it('says "unavailable" when the database cannot be reached at all', async () => {
    // A real supabase-js client pointed at a port nobody listens on.
    const client = createClient<Database>('http://127.0.0.1:9', 'sb_publishable_test', {
      auth: { persistSession: false },
    });
    const lines: string[] = [];
    const result = await storeApplication(client, 'besokshjem', submission, (l) => lines.push(l));
    expect(result).toEqual({ ok: false, reason: 'unavailable' });
    expect(lines.join('\n')).not.toMatch(/kari|Nordmann|91234567/);
  });

  it('never throws, even when the client does', async () => {
    const client = fakeClient(async () => {
      throw new Error('kari@example.no broke');
    });
    const lines: string[] = [];
    expect(await storeApplication(client, 'besokshjem', submission, (l) => lines.push(l))).toEqual({
      ok: false,
      reason: 'unavailable',
    });
    expect(lines.join('\n')).not.toContain('kari');
  });
});

describe('the per-IP rate limit', () => {
  it('allows the limit within the window, then refuses, then allows again', () => {
    let now = 0;
    const limiter = createRateLimiter({ limit: 3, windowMs: 600_000, now: () => now });
    expect([1, 2, 3, 4].map(() => limiter.take('10.0.0.1'))).toEqual([true, true, true, false]);
    expect(limiter.take('10.0.0.2')).toBe(true);
    now = 599_999;
    expect(limiter.take('10.0.0.1')).toBe(false);
    now = 600_000;
    expect(limiter.take('10.0.0.1')).toBe(true);
  });

  it.each([
    [undefined, 20],
    ['5', 5],
    ['0', 20],
    ['abc', 20],
    ['2.5', 20],
  ])('SUBMIT_RATE_LIMIT=%s gives %i', (value, limit) => {
    expect(submitRateLimit({ SUBMIT_RATE_LIMIT: value })).toBe(limit);
  });
});
