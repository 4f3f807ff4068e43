import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hmacKey, startGateway, verifyKeyRole } from '../../supabase/local/gateway.ts';
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
  ])('$name → $role', async ({ token, role }) => {
    expect(await verifyKeyRole(token, await hmacKey(LOCAL_JWT_SECRET))).toBe(role);
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

describe('the gateway refuses keys with the answers Supabase gives', () => {
  // A gateway in front of a port where nothing listens: a key that passes gets 503 from there.
  let gateway: http.Server;
  let base = '';
  beforeAll(async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const restPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    gateway = await startGateway({ port: 0, restPort, jwtSecret: LOCAL_JWT_SECRET });
    base = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/rest/v1/applications`;
  });
  afterAll(async () => {
    if (gateway) await new Promise<void>((resolve) => gateway.close(() => resolve()));
  });

  const invalid = { message: 'Invalid API key', hint: 'Double check your API key.' };
  it.each([
    {
      name: 'no key',
      headers: {},
      status: 401,
      body: {
        message: 'No API key found in request',
        hint: 'No `apikey` request header or url param was found.',
      },
    },
    { name: 'garbage', headers: { apikey: 'not-a-jwt' }, status: 401, body: invalid },
    {
      name: 'an expired key',
      headers: { apikey: sign({ role: 'anon', exp: 1 }) },
      status: 401,
      body: invalid,
    },
    {
      name: 'a signed key of another role',
      headers: { apikey: sign({ role: 'authenticated' }) },
      status: 401,
      body: invalid,
    },
  ])('$name → $status', async ({ headers, status, body }) => {
    const answer = await fetch(base, { headers });
    expect(answer.status).toBe(status);
    expect(await answer.json()).toEqual(body);
  });

  it('lets the demo keys through, in the header or the query', async () => {
    for (const url of [base, `${base}?apikey=${LOCAL_SERVICE_ROLE_KEY}`]) {
      const answer = await fetch(url, {
        headers: url === base ? { apikey: LOCAL_ANON_KEY } : {},
      });
      expect(answer.status).toBe(503);
      expect(await answer.json()).toEqual({
        message: 'The REST API is not reachable; is the stack starting?',
      });
    }
  });
});
