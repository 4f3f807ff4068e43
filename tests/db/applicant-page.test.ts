// Min søknad (issue 25), the database's part: an applicant asks for a sign-in link
// (public.request_applicant_link: the same answer for an unknown address, limits per client and
// per address), opens a session with it once (open_applicant_session: unknown, used, expired),
// and sees only their own applications through it (applicant_page; ended and expired sessions see
// nothing; end_applicant_session). Every role straight through PostgREST with supabase-js;
// arranging and checking as the database owner.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { anon, service, sql } from '../support/db.ts';
import {
  applicantCase,
  applicantToken,
  limits,
  linkMessages,
  ownClient,
  page,
} from '../support/db-applicant.ts';
import { linkRoles, madeUpToken, type LinkRoles } from '../support/db-links.ts';
import { fill, newCase } from '../support/screening.ts';

let roles: LinkRoles;
beforeAll(async () => {
  roles = await linkRoles();
});

const request = (email: string, client: string, own = limits) =>
  service().rpc('request_applicant_link', { email, client, limits: own });

describe('asking for a sign-in link', () => {
  it('queues one link to an address that has an application, and answers an unknown one alike', async () => {
    const known = await applicantCase();
    const unknown = `ingen.${randomUUID().slice(0, 8)}@example.no`;
    const before = Number(
      (await sql<{ n: string }>('select count(*) as n from public.outbox_messages'))[0]?.n,
    );

    const sent = await request(known.email.toUpperCase(), ownClient());
    expect(sent.error).toBeNull();
    expect(sent.data).toEqual({ state: 'sent' });
    expect(await linkMessages(known.id)).toBe(1);

    const other = await request(unknown, ownClient());
    expect(other.error).toBeNull();
    expect(other.data).toEqual(sent.data);
    const after = Number(
      (await sql<{ n: string }>('select count(*) as n from public.outbox_messages'))[0]?.n,
    );
    // Only the known address's message was added (other tests may add their own meanwhile, so
    // the unknown address's is looked for by its absence among link e-mails to any new address).
    expect(after).toBeGreaterThanOrEqual(before + 1);
    const toUnknown = await sql(
      `select 1 from public.outbox_messages as m join public.applications as a on a.id = m.application_id
        where lower(a.email) = $1`,
      [unknown],
    );
    expect(toUnknown).toHaveLength(0);
  });

  it('links to the newest of several applications with the address', async () => {
    const email = `to.${randomUUID().slice(0, 8)}@example.no`;
    const older = await newCase('tilsynsperson', { email });
    await sql(
      "update public.applications set received_at = now() - interval '2 days' where id = $1",
      [older],
    );
    const newer = await newCase('besokshjem', { email });
    await request(email, ownClient());
    expect(await linkMessages(newer)).toBe(1);
    expect(await linkMessages(older)).toBe(0);
  });

  it('limits requests per address (one a minute, so many an hour) and per client, for known and unknown alike', async () => {
    const known = await applicantCase();
    const client = ownClient();
    expect((await request(known.email, client)).data).toEqual({ state: 'sent' });
    const again = (await request(known.email, ownClient())).data as {
      state: string;
      retry_after_seconds: number;
    };
    expect(again.state).toBe('limited');
    expect(again.retry_after_seconds).toBeGreaterThan(0);
    expect(again.retry_after_seconds).toBeLessThanOrEqual(60);
    expect(await linkMessages(known.id)).toBe(1);

    const unknown = `ingen.${randomUUID().slice(0, 8)}@example.no`;
    expect((await request(unknown, ownClient())).data).toEqual({ state: 'sent' });
    expect(((await request(unknown, ownClient())).data as { state: string }).state).toBe('limited');

    // Per hour: the interval passed (moved back), but the hour's count is full.
    const hourly = { ...limits, requests_per_hour: 2 };
    const email = `time.${randomUUID().slice(0, 8)}@example.no`;
    for (let i = 0; i < 2; i++) {
      expect((await request(email, ownClient(), hourly)).data).toEqual({ state: 'sent' });
      await sql(
        `update private.sign_in_attempts set at = at - interval '2 minutes'
          where address = extensions.digest($1, 'sha256')`,
        [email],
      );
    }
    expect(((await request(email, ownClient(), hourly)).data as { state: string }).state).toBe(
      'limited',
    );

    // Per client: three requests from one client in the window, whatever the addresses.
    const small = { ...limits, client_requests: 3 };
    const one = ownClient();
    for (let i = 0; i < 3; i++)
      expect(
        (await request(`c${i}.${randomUUID().slice(0, 8)}@example.no`, one, small)).data,
      ).toEqual({
        state: 'sent',
      });
    const refused = (await request(known.email, one, small)).data as { state: string };
    expect(refused.state).toBe('limited');
  });

  it('refuses text that is no address, and missing limits, with 22023', async () => {
    const bad = await request('ikke en adresse', ownClient());
    expect(bad.error?.code).toBe('22023');
    const { error } = await service().rpc('request_applicant_link', {
      email: 'a@example.no',
      client: ownClient(),
      limits: {},
    });
    expect(error?.code).toBe('22023');
  });

  it('is refused to anon and to a coordinator', async () => {
    for (const caller of [anon(), roles.coordinator, roles.lead]) {
      const { data, error } = await caller.rpc('request_applicant_link', {
        email: 'a@example.no',
        client: ownClient(),
        limits,
      });
      expect(data).toBeNull();
      expect(error?.code).toBe('42501');
    }
  });
});

describe('opening a session with the link', () => {
  it('opens once, then answers used; an unknown or expired link opens nothing', async () => {
    const known = await applicantCase();
    const token = await applicantToken(known.id);
    const first = await service().rpc('open_applicant_session', {
      link_token: token,
      client: ownClient(),
    });
    expect(first.error).toBeNull();
    const open = first.data as { state: string; session: string; expires_at: string };
    expect(open.state).toBe('open');
    expect(open.session).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new Date(open.expires_at).getTime()).toBeGreaterThan(Date.now() + 60 * 60_000);
    const stored = await sql<{ n: string }>(
      'select count(*) as n from private.applicant_sessions where token_hash = private.link_token_hash($1)',
      [open.session],
    );
    expect(stored[0]?.n).toBe('1');

    const second = await service().rpc('open_applicant_session', {
      link_token: token,
      client: ownClient(),
    });
    expect(second.data).toEqual({ state: 'used' });

    for (const made of [madeUpToken(), 'kort', '']) {
      const { data } = await service().rpc('open_applicant_session', {
        link_token: made,
        client: ownClient(),
      });
      expect(data).toEqual({ state: 'unknown' });
    }

    const late = await applicantToken(known.id);
    await sql(
      `update private.link_tokens set expires_at = now() - interval '1 second'
        where token_hash = private.link_token_hash($1)`,
      [late],
    );
    const expired = await service().rpc('open_applicant_session', {
      link_token: late,
      client: ownClient(),
    });
    expect(expired.data).toEqual({ state: 'expired' });
    const sessions = await sql<{ n: string }>(
      'select count(*) as n from private.applicant_sessions where application_id = $1',
      [known.id],
    );
    expect(sessions[0]?.n).toBe('2'); // applicantCase's own and the first above
  });

  it('a sign-in link lasts 15 minutes', async () => {
    const known = await applicantCase();
    const token = await applicantToken(known.id);
    const [row] = await sql<{ minutes: string }>(
      `select extract(epoch from expires_at - issued_at) / 60 as minutes from private.link_tokens
        where token_hash = private.link_token_hash($1)`,
      [token],
    );
    expect(Number(row?.minutes)).toBe(15);
  });

  it("a co-applicant's or referee's link opens no session, and a sign-in link no link page", async () => {
    const known = await applicantCase();
    const [row] = await sql<{ token: string }>(
      "select private.issue_link_token($1, 'co_applicant', $1) as token",
      [known.id],
    );
    const { data } = await service().rpc('open_applicant_session', {
      link_token: row?.token ?? '',
      client: ownClient(),
    });
    expect(data).toEqual({ state: 'unknown' });
    const link = await service().rpc('open_link', { token: await applicantToken(known.id) });
    expect(link.data).toEqual({ state: 'unknown' });
  });

  it('is refused to anon and to a coordinator', async () => {
    const known = await applicantCase();
    const token = await applicantToken(known.id);
    for (const caller of [anon(), roles.coordinator, roles.lead]) {
      const { data, error } = await caller.rpc('open_applicant_session', {
        link_token: token,
        client: ownClient(),
      });
      expect(data).toBeNull();
      expect(error?.code).toBe('42501');
    }
    // The token was not used up by the refused calls.
    const { data } = await service().rpc('open_applicant_session', {
      link_token: token,
      client: ownClient(),
    });
    expect((data as { state: string }).state).toBe('open');
  });
});

describe("the page: an applicant's own applications only", () => {
  it('shows received, the steps and next, and the answers as given', async () => {
    const known = await applicantCase('besokshjem', {
      certificate_status: 'bestiller',
      certificate_issued_on: null,
    });
    const answer = await page(known.session);
    expect(answer.state).toBe('open');
    expect(answer.applications).toHaveLength(1);
    const [app] = answer.applications ?? [];
    expect(app?.reference).toBe(known.reference);
    expect(app?.status).toBe('received');
    expect(app?.steps).toEqual([
      { step: 'received', state: 'done' },
      { step: 'conversation', state: 'current' },
      { step: 'certificate', state: 'todo' },
      { step: 'home_visit', state: 'todo' },
      { step: 'references', state: 'todo' },
      { step: 'decision', state: 'todo' },
    ]);
    expect(app?.next).toEqual(expect.arrayContaining(['await_contact', 'order_certificate']));
    expect(app?.answers['email']).toBe(known.email);
    expect(app?.answers['motivation']).toEqual(expect.any(String));
  });

  it('a supervisor has no home visit', async () => {
    const known = await applicantCase('tilsynsperson');
    const [app] = (await page(known.session)).applications ?? [];
    expect(app?.steps.find((s) => s.step === 'home_visit')?.state).toBe('not_needed');
  });

  it('shows every application with the address, case-insensitively, and none of another address', async () => {
    const mine = await applicantCase();
    const email = mine.email;
    await newCase('tilsynsperson', { email: email.toUpperCase() });
    const theirs = await applicantCase();
    const answer = await page(mine.session);
    const references = (answer.applications ?? []).map((a) => a.reference);
    expect(references).toHaveLength(2);
    expect(references).toContain(mine.reference);
    expect(references).not.toContain(theirs.reference);
  });

  it("never holds notes, the checklist's who and when, or referees' answers and states", async () => {
    const known = await applicantCase();
    const secret = `hemmelig-${randomUUID()}`;
    const note = await roles.coordinator
      .from('application_notes')
      .insert({ application_id: known.id, body: secret });
    expect(note.error).toBeNull();
    await fill(roles.coordinator, known.id, {
      conversation_held_on: new Date().toISOString().slice(0, 10),
    });
    await sql(
      `update public.referees set status = 'answered', requested_at = now(), expires_at = now() + interval '1 day',
         answered_at = now(), answers = $2::jsonb where application_id = $1 and position = 1`,
      [known.id, JSON.stringify({ q1: secret })],
    );
    const text = JSON.stringify(await page(known.session));
    expect(text).not.toContain(secret);
    expect(text).not.toContain(roles.coordinatorId);
    expect(text).not.toMatch(/verified_by|checked_by|recorded_by|phone_note|"answers":\{"q1"/);
    const [app] = (await page(known.session)).applications ?? [];
    expect(app?.referees).toEqual({ wanted: 2, done: 1 });
    expect(app?.steps.find((s) => s.step === 'conversation')?.state).toBe('done');
  });

  it('answers signed_out for an unknown, ended, idle or old session', async () => {
    for (const session of [madeUpToken(), 'kort', ''])
      expect(await page(session)).toEqual({ state: 'signed_out' });

    const ended = await applicantCase();
    expect((await service().rpc('end_applicant_session', { session: ended.session })).data).toEqual(
      {
        state: 'signed_out',
      },
    );
    expect(await page(ended.session)).toEqual({ state: 'signed_out' });

    const idle = await applicantCase();
    await sql(
      `update private.applicant_sessions set last_seen_at = now() - interval '31 minutes'
        where token_hash = private.link_token_hash($1)`,
      [idle.session],
    );
    expect(await page(idle.session)).toEqual({ state: 'signed_out' });

    const old = await applicantCase();
    await sql(
      `update private.applicant_sessions set created_at = now() - interval '121 minutes'
        where token_hash = private.link_token_hash($1)`,
      [old.session],
    );
    expect(await page(old.session)).toEqual({ state: 'signed_out' });

    // A live session's use keeps it alive.
    const live = await applicantCase();
    await sql(
      `update private.applicant_sessions set last_seen_at = now() - interval '29 minutes'
        where token_hash = private.link_token_hash($1)`,
      [live.session],
    );
    expect((await page(live.session)).state).toBe('open');
    expect((await page(live.session)).state).toBe('open');
  });

  it('gives nothing to anon, a coordinator, a lead, or a session of another application', async () => {
    const known = await applicantCase();
    for (const caller of [anon(), roles.coordinator, roles.lead, roles.signedOut]) {
      const { data, error } = await caller.rpc('applicant_page', { session: known.session });
      expect(data).toBeNull();
      expect(error?.code).toBe('42501');
    }
    // The server key without a session: nothing, and no table to read either.
    expect(await page('')).toEqual({ state: 'signed_out' });
    const direct = await service().from('applications').select('reference').limit(1);
    expect(direct.data ?? []).toEqual([]);
  });

  it('a session is deleted with its application', async () => {
    const known = await applicantCase();
    await sql('delete from public.applications where id = $1', [known.id]);
    const rows = await sql('select 1 from private.applicant_sessions where application_id = $1', [
      known.id,
    ]);
    expect(rows).toHaveLength(0);
    expect(await page(known.session)).toEqual({ state: 'signed_out' });
  });
});
