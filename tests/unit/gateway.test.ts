import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyKeyRole } from '../../supabase/local/gateway.ts';
import {
  LOCAL_ANON_KEY,
  LOCAL_JWT_SECRET,
  LOCAL_SERVICE_ROLE_KEY,
} from '../../supabase/local/keys.ts';

function sign(
  claims: object,
  secret = LOCAL_JWT_SECRET,
  header: object = { alg: 'HS256', typ: 'JWT' },
): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const body = `${encode(header)}.${encode(claims)}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

describe('verifyKeyRole', () => {
  it.each([
    { name: 'the demo anon key', token: LOCAL_ANON_KEY, role: 'anon' },
    { name: 'the demo service-role key', token: LOCAL_SERVICE_ROLE_KEY, role: 'service_role' },
    { name: 'a key without expiry', token: sign({ role: 'anon' }), role: 'anon' },
    {
      name: 'a key signed with another secret',
      token: sign({ role: 'anon' }, 'another-secret-that-is-long-enough-to-use'),
      role: undefined,
    },
    { name: 'an expired key', token: sign({ role: 'anon', exp: 1 }), role: undefined },
    {
      name: 'an unsigned key',
      token: sign({ role: 'service_role' }, LOCAL_JWT_SECRET, { alg: 'none' }),
      role: undefined,
    },
    {
      name: 'a key with a tampered payload',
      token: LOCAL_ANON_KEY.replace(
        /\.[^.]+\./,
        `.${Buffer.from('{"role":"service_role"}').toString('base64url')}.`,
      ),
      role: undefined,
    },
    { name: 'garbage', token: 'not-a-jwt', role: undefined },
  ])('$name → $role', ({ token, role }) => {
    expect(verifyKeyRole(token, LOCAL_JWT_SECRET)).toBe(role);
  });

  it('the demo keys carry the claims the Supabase CLI prints', () => {
    for (const [key, role] of [
      [LOCAL_ANON_KEY, 'anon'],
      [LOCAL_SERVICE_ROLE_KEY, 'service_role'],
    ] as const) {
      const claims = JSON.parse(
        Buffer.from(key.split('.')[1] ?? '', 'base64url').toString('utf8'),
      ) as object;
      expect(claims).toEqual({ iss: 'supabase-demo', role, exp: 1983812996 });
    }
  });
});
