/**
 * The site's own sign-in limits, through the site as attackers post to it, on a site and stack of
 * this file's own behind one (pretend) reverse proxy (TRUSTED_PROXY_HOPS=1, each post with the
 * X-Forwarded-For the proxy would add) and with Supabase Auth's own per-IP limits, which count
 * every post the site passes on as the site's one address: a burst of wrong codes for a made-up
 * address locks nobody out, and guesses spread over many client addresses void the code.
 */
import { randomUUID } from 'node:crypto';
import { createClient } from '@supabase/supabase-js';
import { expect, test } from '@playwright/test';
import pg from 'pg';
import { SIGN_IN_MESSAGES } from '../../../src/lib/coordinator/sign-in.ts';
import { latestMessage } from '../../../supabase/local/mailbox.ts';
import { startOwnSite, type OwnSite } from '../../support/own-site.ts';

test.describe.configure({ mode: 'serial' });

let site: OwnSite;
test.beforeAll(async () => {
  test.setTimeout(3 * test.info().timeout);
  site = await startOwnSite({ TRUSTED_PROXY_HOPS: '1' });
});
test.afterAll(async () => {
  await site?.stop();
});

/** One browser's worth of state: its client address (as the proxy reports it) and cookies. */
function visitor(ip: string) {
  const jar = new Map<string, string>();
  const send = async (path: string, form?: Record<string, string>) => {
    const response = await fetch(`${site.baseURL}${path}`, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        origin: site.baseURL,
        'x-forwarded-for': ip,
        cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; '),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair?.indexOf('=') ?? -1;
      if (pair && at > 0) jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return {
      status: response.status,
      text: await response.text(),
      location: response.headers.get('location'),
    };
  };
  return {
    requestCode: (email: string) =>
      send('/koordinator/logg-inn/?_action=coordinatorAuth.requestCode', { email }),
    verifyCode: (email: string, code: string) =>
      send('/koordinator/logg-inn/?_action=coordinatorAuth.verifyCode', { email, code, neste: '' }),
    get: (path: string) => send(path),
  };
}

/** A lead on this file's stack, as an invitation leaves one. */
async function createLead(): Promise<{ email: string; name: string }> {
  const email = `leder-${randomUUID().slice(0, 8)}@eksempel.invalid`;
  const admin = createClient(site.stack.url, site.stack.serviceRoleKey, {
    auth: { persistSession: false, autoRefreshToken: false },
  }).auth.admin;
  const { data, error } = await admin.createUser({ email, email_confirm: true });
  if (error || !data.user) throw error ?? new Error('no user');
  const name = `Leder ${email.slice(6, 14)}`;
  const db = new pg.Client({ connectionString: site.stack.dbUrl });
  await db.connect();
  try {
    await db.query(
      "insert into public.coordinators (user_id, name, role, active) values ($1, $2, 'lead', true)",
      [data.user.id, name],
    );
  } finally {
    await db.end();
  }
  return { email, name };
}

const codeOf = (email: string) => {
  const code = latestMessage(site.stack.mailboxDir, email)?.code;
  if (!code) throw new Error(`no code for ${email}`);
  return code;
};
/** A code of eight digits that is not `code`. */
const wrongFor = (code: string, i: number) =>
  String((Number(code) + 1 + i) % 100_000_000).padStart(8, '0');

test('a burst of wrong codes for a made-up address locks nobody out: the lead still signs in', async () => {
  const attacker = visitor('203.0.113.66');
  const madeUp = `ingen-${randomUUID().slice(0, 8)}@eksempel.invalid`;
  await test.step('30 wrong codes for an address no code was asked for: refused by the site', async () => {
    for (let i = 0; i < 30; i++) {
      const answer = await attacker.verifyCode(madeUp, String(10_000_000 + i));
      // Soft: without the site's limits these reach Auth, and the test goes on to what matters,
      // the lead's sign-in.
      expect.soft(answer.status).toBe(429);
      expect.soft(answer.text).toContain(SIGN_IN_MESSAGES.noCode);
      expect.soft(answer.text).toContain(madeUp);
    }
  });
  await test.step('with a code asked for, 5 wrong codes reach Auth, the rest void', async () => {
    const second = visitor('203.0.113.67');
    expect((await second.requestCode(madeUp)).status).toBe(200);
    const statuses = [];
    for (let i = 0; i < 25; i++)
      statuses.push((await second.verifyCode(madeUp, String(20_000_000 + i))).status);
    expect.soft(statuses).toEqual([...Array(5).fill(401), ...Array(20).fill(429)]);
  });
  await test.step('the lead, from another address, asks for a code and signs in', async () => {
    const lead = await createLead();
    const browser = visitor('198.51.100.20');
    const asked = await browser.requestCode(lead.email);
    expect(asked.status).toBe(200);
    expect(asked.text).toContain(SIGN_IN_MESSAGES.codeSent);
    const signedIn = await browser.verifyCode(lead.email, codeOf(lead.email));
    expect(signedIn.status).toBe(303);
    expect(signedIn.location).toBe('/koordinator/');
    const workspace = await browser.get('/koordinator/');
    expect(workspace.status).toBe(200);
    expect(workspace.text).toContain(`Hei, ${lead.name}`);
  });
  await test.step("the first attacker's client address is held at its limit", async () => {
    // 30 verifications from it so far: SIGN_IN_RATE_LIMIT's default (30 per 10 minutes).
    const answer = await attacker.verifyCode(madeUp, '12345678');
    expect(answer.status).toBe(429);
    expect(answer.text).toContain(SIGN_IN_MESSAGES.clientLimit);
  });
});

test('guesses spread over many client addresses void the code: the right one is then refused too', async () => {
  const lead = await createLead();
  const owner = visitor('198.51.100.30');
  expect((await owner.requestCode(lead.email)).status).toBe(200);
  const code = codeOf(lead.email);
  await test.step('five wrong codes, each from a client address of its own, reach Auth', async () => {
    for (let i = 0; i < 5; i++) {
      const answer = await visitor(`203.0.113.${100 + i}`).verifyCode(
        lead.email,
        wrongFor(code, i),
      );
      expect(answer.status).toBe(401);
      expect(answer.text).toContain(SIGN_IN_MESSAGES.wrongCode);
    }
  });
  await test.step('past the cap, from yet another address, the code is void', async () => {
    const answer = await visitor('203.0.113.200').verifyCode(lead.email, wrongFor(code, 9));
    expect(answer.status).toBe(429);
    expect(answer.text).toContain(SIGN_IN_MESSAGES.codeVoid);
  });
  await test.step("the right code, from the lead's own browser, is refused and signs nobody in", async () => {
    const answer = await owner.verifyCode(lead.email, code);
    expect(answer.status).toBe(429);
    expect(answer.text).toContain(SIGN_IN_MESSAGES.codeVoid);
    expect(answer.text).toContain(lead.email);
    const workspace = await owner.get('/koordinator/');
    expect(workspace.status).toBe(303);
  });
});
