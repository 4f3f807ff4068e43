/**
 * The site's own sign-in limits in the database (public.sign_in_attempt over
 * private.sign_in_attempts), called as the site calls them: with the service-role key through
 * PostgREST and the site's own numbers. Time is moved by moving the recorded attempts back, as
 * the database owner. Nobody else may call the function.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signInLimits } from '../../src/lib/server/auth/sign-in-limits.ts';
import { addUser, anon, service, sql } from '../support/db.ts';

const limits = signInLimits({ SIGN_IN_RATE_LIMIT: 30 });
type Step = 'request' | 'verify' | 'signed_in';

/** A fresh address and client address for one test, so no test counts another's attempts. */
const fresh = () => {
  const id = randomUUID().slice(0, 8);
  return { email: `koordinator-${id}@kommune.example`, ip: `198.51.100.${id}` };
};

async function attempt(step: Step, email: string | null, ip: string, own = limits) {
  const { data, error } = await service().rpc('sign_in_attempt', {
    step,
    email: email as string,
    client: ip,
    limits: own,
  });
  expect(error).toBeNull();
  return data;
}

/** Moves every recorded attempt for `email` (under its address key) back by `interval`. */
const earlier = (email: string, interval: string) =>
  sql(
    `update private.sign_in_attempts set at = at - $2::interval
      where address = extensions.digest(private.address_key($1), 'sha256')`,
    [email, interval],
  );

/** `n` verifications in a row, each answered. */
async function verifications(n: number, email: string, ip: string): Promise<unknown[]> {
  const answers = [];
  for (let i = 0; i < n; i++) answers.push(await attempt('verify', email, ip));
  return answers;
}

describe('who may call the limits', () => {
  it('anon and a signed-in coordinator cannot, straight through PostgREST; nothing is recorded', async () => {
    const { email, ip } = fresh();
    const coordinator = await addUser(randomUUID(), { name: 'Grense Koordinator', role: 'lead' });
    const callers = [anon(), coordinator];
    for (const caller of callers) {
      const { data, error } = await caller.rpc('sign_in_attempt', {
        step: 'request',
        email,
        client: ip,
        limits,
      });
      expect(data).toBeNull();
      expect(error?.code).toBe('42501');
    }
    const rows = await sql(
      `select 1 from private.sign_in_attempts where client = extensions.digest($1, 'sha256')`,
      [ip],
    );
    expect(rows).toEqual([]);
    expect(await attempt('request', email, ip)).toBe('ok');
  });

  it('stores hashes only: no address or client address in plain text', async () => {
    const { email, ip } = fresh();
    await attempt('request', email, ip);
    const rows = await sql<{ row: string }>(
      `select s::text as row from private.sign_in_attempts as s
        where s.client = extensions.digest($1, 'sha256')`,
      [ip],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.row).not.toContain(email.split('@')[0]);
    expect(rows[0]?.row).not.toContain(ip);
  });

  it('prunes attempts older than a day', async () => {
    const { email, ip } = fresh();
    await attempt('request', email, ip);
    await earlier(email, '25 hours');
    await attempt('request', fresh().email, fresh().ip);
    const left = await sql(
      `select 1 from private.sign_in_attempts where address = extensions.digest(private.address_key($1), 'sha256')`,
      [email],
    );
    expect(left).toEqual([]);
  });
});

describe('codes asked for, per e-mail address', () => {
  it('one a minute, `mor+1@x` and `MOR+2@X` counted as `mor@x`', async () => {
    const { email, ip } = fresh();
    const [local, domain] = email.split('@');
    expect(await attempt('request', `${local}+1@${domain}`, ip)).toBe('ok');
    expect(await attempt('request', `${local?.toUpperCase()}+2@${domain?.toUpperCase()}`, ip)).toBe(
      'too_soon',
    );
    expect(await attempt('request', email, fresh().ip)).toBe('too_soon');
    await earlier(email, '61 seconds');
    expect(await attempt('request', email, ip)).toBe('ok');
  });

  it('at most ten an hour', async () => {
    const { email, ip } = fresh();
    for (let i = 0; i < 10; i++) {
      expect(await attempt('request', email, ip)).toBe('ok');
      await earlier(email, '61 seconds');
    }
    expect(await attempt('request', email, ip)).toBe('hourly');
    await earlier(email, '1 hour');
    expect(await attempt('request', email, ip)).toBe('ok');
  });
});

describe('codes tried, per e-mail address', () => {
  it('no code asked for in the last 10 minutes: refused without a try', async () => {
    const { email, ip } = fresh();
    expect(await verifications(3, email, ip)).toEqual(['no_code', 'no_code', 'no_code']);
    await attempt('request', email, ip);
    await earlier(email, '10 minutes 1 second');
    expect(await attempt('verify', email, ip)).toBe('no_code');
  });

  it('five wrong codes from five client addresses void the code; a new code may be tried again', async () => {
    const { email } = fresh();
    await attempt('request', email, fresh().ip);
    for (let i = 0; i < 5; i++) expect(await attempt('verify', email, fresh().ip)).toBe('ok');
    expect(await attempt('verify', email, fresh().ip)).toBe('void');
    await earlier(email, '61 seconds');
    expect(await attempt('request', email, fresh().ip)).toBe('ok');
    expect(await attempt('verify', email, fresh().ip)).toBe('ok');
  });

  it('a right code is not counted as a wrong one', async () => {
    const { email, ip } = fresh();
    await attempt('request', email, ip);
    expect(await verifications(4, email, ip)).toEqual(Array(4).fill('ok'));
    expect(await attempt('signed_in', email, ip)).toBe('ok');
    expect(await attempt('verify', email, ip)).toBe('ok');
  });

  it('twenty wrong codes in an hour lock the address, and only that address, for the hour', async () => {
    const { email } = fresh();
    const other = fresh();
    for (let round = 0; round < 4; round++) {
      expect(await attempt('request', email, fresh().ip)).toBe('ok');
      expect(await verifications(5, email, fresh().ip)).toEqual(Array(5).fill('ok'));
      await earlier(email, '61 seconds');
    }
    expect(await attempt('request', email, fresh().ip)).toBe('locked');
    expect(await attempt('verify', email, fresh().ip)).toBe('locked');
    expect(await attempt('request', other.email, other.ip)).toBe('ok');
    expect(await attempt('verify', other.email, other.ip)).toBe('ok');
    await earlier(email, '1 hour');
    expect(await attempt('request', email, fresh().ip)).toBe('ok');
  });
});

describe('per client address', () => {
  it('requests and verifications count apart, refusals too, and other clients are not affected', async () => {
    const { ip } = fresh();
    const small = { ...limits, client_requests: 3, client_verifications: 2 };
    for (let i = 0; i < 3; i++)
      expect(await attempt('request', fresh().email, ip, small)).toBe('ok');
    expect(await attempt('request', fresh().email, ip, small)).toBe('client');
    // Verifications (a link's, without an address, counts too) have their own count.
    expect(await attempt('verify', null, ip, small)).toBe('ok');
    expect(await attempt('verify', fresh().email, ip, small)).toBe('no_code');
    expect(await attempt('verify', null, ip, small)).toBe('client');
    expect(await attempt('request', fresh().email, fresh().ip, small)).toBe('ok');
  });
});
