/** Table-driven tests of the local Auth service's pure parts: error shape, durations, limits, hashes, users. */
import type http from 'node:http';
import { describe, expect, it } from 'vitest';
import {
  RateLimiter,
  parseGoDuration,
  wantsVersion20240101,
} from '../../../supabase/local/auth/http.ts';
import { authSettingsFromConfig } from '../../../supabase/local/auth/config.ts';
import {
  DEFAULT_AUTH_SETTINGS,
  tokenHash,
  userJson,
} from '../../../supabase/local/auth/service.ts';
import { projectRoot } from '../../../supabase/local/stack.ts';

const request = (headers: Record<string, string>) =>
  ({ headers }) as unknown as http.IncomingMessage;

describe('wantsVersion20240101 (GoTrue picks the error shape by X-Supabase-Api-Version)', () => {
  it.each([
    { header: '2024-01-01', wants: true },
    { header: '2025-06-30', wants: true },
    { header: '2023-12-31', wants: false },
    { header: 'latest', wants: false },
    { header: '', wants: false },
  ])('$header → $wants', ({ header, wants }) => {
    expect(wantsVersion20240101(request(header ? { 'x-supabase-api-version': header } : {}))).toBe(
      wants,
    );
  });
});

describe('parseGoDuration (ban_duration)', () => {
  it.each([
    { value: '24h', ms: 86_400_000 },
    { value: '1h30m', ms: 5_400_000 },
    { value: '876000h', ms: 876_000 * 3_600_000 },
    { value: '1.5s', ms: 1500 },
    { value: '0', ms: 0 },
    { value: '24', ms: undefined },
    { value: 'forever', ms: undefined },
    { value: '', ms: undefined },
  ])('$value → $ms', ({ value, ms }) => {
    expect(parseGoDuration(value)).toBe(ms);
  });
});

describe('RateLimiter', () => {
  it('allows max events per window and frees them as the window slides', () => {
    const limiter = new RateLimiter(2, 1000);
    expect([0, 10, 20].map((t) => limiter.take('ip', t))).toEqual([true, true, false]);
    expect(limiter.take('other', 20)).toBe(true);
    expect(limiter.take('ip', 1001)).toBe(true);
    expect(limiter.take('ip', 1002)).toBe(false);
  });
});

describe('tokenHash (GoTrue crypto.GenerateTokenHash: sha224 of address + code)', () => {
  it.each([
    {
      email: 'kari.koordinator@eksempel.invalid',
      code: '123456',
      // printf 'kari.koordinator@eksempel.invalid123456' | sha224sum
      hash: '5f12f2f55993962fa5e475e8025560d61c343ca3c3e97a0dc320b407',
    },
  ])('hashes $email + $code', ({ email, code, hash: expected }) => {
    const hash = tokenHash(email, code);
    expect(hash).toBe(expected);
    expect(hash).not.toContain(code);
    expect(tokenHash(email, code)).toBe(hash);
    expect(tokenHash(email, '654321')).not.toBe(hash);
  });
});

describe('userJson (GoTrue models.User)', () => {
  const base = {
    id: '5eed0000-0000-4000-8000-000000000001',
    aud: 'authenticated',
    role: 'authenticated',
    email: 'kari.koordinator@eksempel.invalid',
    phone: null,
    email_confirmed_at: new Date('2026-11-01T10:00:00Z'),
    phone_confirmed_at: null,
    invited_at: null,
    confirmation_sent_at: null,
    recovery_sent_at: null,
    last_sign_in_at: null,
    raw_app_meta_data: { provider: 'email', providers: ['email'] },
    raw_user_meta_data: {},
    banned_until: null,
    created_at: new Date('2026-11-01T09:00:00Z'),
    updated_at: new Date('2026-11-01T10:00:00Z'),
    is_anonymous: false,
  };
  it.each([
    {
      name: 'a confirmed user',
      row: base,
      has: { confirmed_at: '2026-11-01T10:00:00.000Z', phone: '' },
      lacks: ['invited_at', 'banned_until', 'last_sign_in_at'],
    },
    {
      name: 'an invited user',
      row: { ...base, email_confirmed_at: null, invited_at: new Date('2026-11-02T00:00:00Z') },
      has: { invited_at: '2026-11-02T00:00:00.000Z' },
      lacks: ['email_confirmed_at', 'confirmed_at'],
    },
  ])('$name', ({ row, has, lacks }) => {
    const json = userJson(row);
    expect(json).toMatchObject({ ...has, app_metadata: { provider: 'email' } });
    for (const key of lacks) expect(json).not.toHaveProperty(key);
    expect(json['identities']).toEqual([
      expect.objectContaining({ provider: 'email', user_id: row.id, id: row.id }),
    ]);
  });
});

describe('the settings the stack passes the local Auth (supabase/config.toml)', () => {
  it("are the file's: eight-digit codes valid 10 minutes, one a minute per address", () => {
    expect(authSettingsFromConfig(projectRoot)).toMatchObject({
      otpLength: 8,
      otpExpirySeconds: 600,
      otpFrequencySeconds: 60,
      jwtExpirySeconds: 3600,
      refreshTokenReuseIntervalSeconds: 10,
    });
  });

  it("leave the service's own defaults as Supabase Auth's (six digits, an hour)", () => {
    expect(DEFAULT_AUTH_SETTINGS).toMatchObject({ otpLength: 6, otpExpirySeconds: 3600 });
  });
});
