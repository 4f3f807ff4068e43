import { createClient } from '@supabase/supabase-js';
import { describe, expect, it } from 'vitest';
import { storeApplication } from '../../../src/lib/server/applications.ts';
import {
  createRateLimiter,
  rateLimitKey,
  submitRateLimit,
} from '../../../src/lib/server/rate-limit.ts';
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

  // Errors that carry the applicant's data, as Postgres' own answers used to ("Failing row
  // contains …"): none of it may reach the log.
  const failingRow = 'Failing row contains (Kari Nordmann, kari@example.no, 91234567)';
  it.each([
    [
      'a check violation',
      { code: '23514', message: 'violates check constraint', details: failingRow },
      'rejected',
    ],
    [
      'bad data',
      { code: '22P02', message: 'invalid input syntax for type uuid: "kari@example.no"' },
      'rejected',
    ],
    [
      'a refused field',
      { code: '22023', message: 'invalid field: full_name', hint: failingRow },
      'rejected',
    ],
    [
      'the per-address limit',
      { code: 'PT429', message: 'too many for kari@example.no' },
      'rateLimited',
    ],
    [
      'a gateway error',
      { code: 'PGRST000', message: 'could not connect', details: failingRow },
      'unavailable',
    ],
    [
      'a network error',
      { code: '', message: 'TypeError: fetch failed for Kari Nordmann' },
      'unavailable',
    ],
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

  it.each([
    ['too_old', 'too_old'],
    ['future', 'future'],
  ] as const)(
    "passes on the database's own certificate verdict (%s) for the date field",
    async (hint, problem) => {
      const client = fakeClient(async () => ({
        data: null,
        error: { code: '22023', message: 'invalid field: certificate_issued_on', hint },
      }));
      expect(await storeApplication(client, 'besokshjem', submission, () => {})).toEqual({
        ok: false,
        reason: 'certificate',
        problem,
      });
    },
  );

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

  it('slides: an attempt leaves the count exactly one window after it was made', () => {
    let now = 0;
    const limiter = createRateLimiter({ limit: 3, windowMs: 1_000, now: () => now });
    const at = (t: number) => ((now = t), limiter.take('ip'));
    expect([at(0), at(100), at(200), at(999)]).toEqual([true, true, true, false]);
    expect([at(1_000), at(1_050), at(1_100), at(1_199)]).toEqual([true, false, true, false]);
  });

  it('agrees with a plain list of recent attempts over a long run (also after compacting)', () => {
    let now = 0;
    const windowMs = 1_000;
    const limit = 150;
    const limiter = createRateLimiter({ limit, windowMs, now: () => now });
    const accepted: number[] = [];
    let seed = 7;
    let refusals = 0;
    for (let i = 0; i < 20_000; i++) {
      // A fixed pseudo-random walk in phases: bursts (about 500 attempts a window) and quiet
      // spells (about 5), so the window fills up, refuses, and empties again.
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      const r = seed >>> 8;
      now += i % 2_000 < 1_500 ? r % 5 : r % 400;
      const expected = accepted.filter((t) => now - t < windowMs).length < limit;
      if (expected) accepted.push(now);
      else refusals++;
      expect(limiter.take('ip')).toBe(expected);
    }
    expect(refusals).toBeGreaterThan(5_000);
    expect(accepted.length).toBeGreaterThan(5_000);
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

  // The connection comes from 10.0.0.9 (a proxy, or the client itself with no proxy).
  it.each([
    ['no proxy: the connection', null, 0, '10.0.0.9'],
    ['no proxy: the header is not believed', '203.0.113.7', 0, '10.0.0.9'],
    ['one proxy: the address it saw', '203.0.113.7', 1, '203.0.113.7'],
    [
      'one proxy: an entry the client sent is ignored',
      '198.51.100.1, 203.0.113.7',
      1,
      '203.0.113.7',
    ],
    [
      'two proxies: the entry the outer one added',
      '198.51.100.1, 203.0.113.7, 10.0.0.5',
      2,
      '203.0.113.7',
    ],
    ['two proxies, one skipped: the furthest entry', '203.0.113.7', 2, '203.0.113.7'],
    ['one proxy, no header: the connection', null, 1, '10.0.0.9'],
    ['one proxy, an empty header: the connection', ' , ', 1, '10.0.0.9'],
  ])('counts against %s', (_name, forwardedFor, hops, expected) => {
    expect(rateLimitKey('10.0.0.9', forwardedFor, hops)).toBe(expected);
  });
});
