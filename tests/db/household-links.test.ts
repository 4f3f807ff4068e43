// The co-applicant's own part (issue 24): a joint visit-home application makes a pending part and
// the e-mail with the co-applicant's personal link; the link page opens and answers it through the
// server key only (public.open_link, answer_co_applicant); a token is stored as its hash, reaches
// only its own subject, answers once, and stores nothing when it is unknown, used or expired; the
// approval guard waits for the confirmation; a coordinator resends the link (not sent once the
// co-applicant has answered); erasure and
// retention take the part and its tokens with the application. Every role straight through
// PostgREST with supabase-js; arranging and checking as the database owner.
import { createHash } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { anon, service, sql } from '../support/db.ts';
import {
  claimLinksOf,
  issueToken,
  journal,
  linkAuditOf,
  linkMessagesOf,
  linkRoles,
  madeUpToken,
  outsiders,
  partOf,
  refereesOf,
  tokensOf,
  type LinkRoles,
} from '../support/db-links.ts';
import {
  addDays,
  approvalMissing,
  completeHousehold,
  jointCase,
  newCase,
  pinToday,
  referenceOf,
  statusOf,
  today,
  together,
  walk,
} from '../support/screening.ts';
import { withDb } from '../support/db.ts';

let roles: LinkRoles;
beforeAll(async () => {
  roles = await linkRoles();
});
// The screening clock is one row for the whole stack (jointCase pins it).
afterEach(() => pinToday(null));

/** A valid confirmation, as the co-applicant's page sends it. */
const confirmation = (overrides: Record<string, unknown> = {}) => ({
  answer: 'confirm',
  over_18: true,
  phone: '93456789',
  call_time: 'ettermiddag',
  certificate_status: 'bestiller',
  certificate_issued_on: null,
  privacy_consent: true,
  privacy_version: '2.3',
  ...overrides,
});

const answer = (token: string, given: unknown) =>
  service().rpc('answer_co_applicant', { token, answer: given as never });
const open = (token: string) => service().rpc('open_link', { token });

/** A new joint visit-home case and a token for its co-applicant. */
async function jointWithToken(): Promise<{ id: string; token: string }> {
  const id = await newCase('besokshjem', together());
  return { id, token: await issueToken(id, 'co_applicant', id) };
}

describe('a joint application makes the co-applicant part and its e-mail', () => {
  it('pending, with a link for 21 days and one co_applicant_request to the co-applicant', async () => {
    const id = await newCase('besokshjem', together());
    const part = await partOf(id);
    expect(part?.status).toBe('pending');
    const days =
      ((part?.expires_at?.getTime() ?? 0) - (part?.requested_at?.getTime() ?? 0)) / 86_400_000;
    expect(days).toBe(21);
    expect(await linkMessagesOf(id)).toEqual([
      { template: 'co_applicant_request', recipient: 'co_applicant', subject_id: id },
    ]);
  });

  it('an applicant alone gets no part and no link e-mail', async () => {
    const id = await newCase('besokshjem');
    expect(await partOf(id)).toBeUndefined();
    expect(await linkMessagesOf(id)).toEqual([]);
  });

  it('the sender claims it with a fresh token, the names and the address; only the hash is kept', async () => {
    const id = await newCase('besokshjem', together());
    // First in the queue, so that this claim of one takes exactly this message.
    await sql(
      `update public.outbox_messages set next_attempt_at = '2000-01-01'
        where application_id = $1 and template = 'co_applicant_request'`,
      [id],
    );
    const { data, error } = await service().rpc('claim_outbox_messages', { batch: 1 });
    expect(error).toBeNull();
    const claimed = data?.[0];
    expect(claimed).toMatchObject({
      template: 'co_applicant_request',
      recipient: 'co_applicant',
      to_address: 'ola.testesen@example.no',
      applicant_name: 'Kari Testesen',
      recipient_name: 'Ola Testesen',
      reference: await referenceOf(id),
    });
    const token = claimed?.link_token ?? '';
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = await sql<{ token_hash: Buffer }>(
      'select token_hash from private.link_tokens where application_id = $1',
      [id],
    );
    expect(stored.map((row) => row.token_hash.toString('hex'))).toEqual([
      createHash('sha256').update(token).digest('hex'),
    ]);
    expect((await open(token)).data).toMatchObject({ state: 'open', purpose: 'co_applicant' });
    // A receipt's claim carries no token and no names.
    await sql(
      `update public.outbox_messages set status = 'sent', sent_at = now(), locked_until = null
      where application_id = $1 and template = 'co_applicant_request'`,
      [id],
    );
  });
});

describe("the co-applicant's link", () => {
  it("opens with the applicant's name only, as often as it is read", async () => {
    const { id, token } = await jointWithToken();
    for (let i = 0; i < 2; i++) {
      const { data, error } = await open(token);
      expect(error).toBeNull();
      expect(Object.keys(data as object).sort()).toEqual([
        'applicant_name',
        'expires_at',
        'kind',
        'purpose',
        'state',
      ]);
      expect(data).toMatchObject({
        state: 'open',
        purpose: 'co_applicant',
        applicant_name: 'Kari Testesen',
        kind: 'besokshjem',
      });
    }
    expect((await partOf(id))?.status).toBe('pending');
  });

  it('confirms once: the answers are stored, the log says only the status, the link is then used', async () => {
    const { id, token } = await jointWithToken();
    const { data, error } = await answer(
      token,
      confirmation({
        certificate_status: 'har',
        certificate_issued_on: today(),
      }),
    );
    expect(error).toBeNull();
    expect(data).toEqual({ state: 'confirmed' });
    expect(await partOf(id)).toMatchObject({
      status: 'confirmed',
      over_18: true,
      phone: '93456789',
      call_time: 'ettermiddag',
      certificate_status: 'har',
      certificate_issued_on: today(),
      privacy_version: '2.3',
    });
    expect(await linkAuditOf(id)).toEqual([
      {
        table_name: 'co_applicant_parts',
        action: 'update',
        actor_id: null,
        changes: { status: { old: 'pending', new: 'confirmed' } },
      },
    ]);

    expect((await open(token)).data).toEqual({ state: 'used' });
    const again = await answer(token, { answer: 'decline' });
    expect(again.data).toEqual({ state: 'used' });
    // Another token of the same subject is used too.
    const other = await issueToken(id, 'co_applicant', id);
    expect((await answer(other, { answer: 'decline' })).data).toEqual({ state: 'used' });
    expect((await partOf(id))?.status).toBe('confirmed');
    expect(await linkAuditOf(id)).toHaveLength(1);
  });

  it('declines: nothing else is stored, and the guard says so', async () => {
    const id = await jointCase(roles.coordinator, today());
    await sql(
      `update public.co_applicant_parts set status = 'pending', answered_at = null, over_18 = null,
         phone = null, call_time = null, certificate_status = null, privacy_version = null
       where application_id = $1`,
      [id],
    );
    const token = await issueToken(id, 'co_applicant', id);
    expect((await answer(token, { answer: 'decline' })).data).toEqual({ state: 'declined' });
    expect(await partOf(id)).toMatchObject({
      status: 'declined',
      over_18: null,
      phone: null,
      call_time: null,
      certificate_status: null,
      privacy_version: null,
    });
    expect(await approvalMissing(roles.coordinator, id)).toContain(
      'Medsøkeren har svart at de ikke søker sammen med søkeren.',
    );
    expect((await linkAuditOf(id)).at(-1)?.changes).toEqual({
      status: { old: 'pending', new: 'declined' },
    });
  });

  it.each([
    ['a made-up token', () => madeUpToken(), 'unknown'],
    ['text that is no token', () => 'abc', 'unknown'],
    ['an empty token', () => '', 'unknown'],
  ])('%s is unknown and stores nothing', async (_, token, state) => {
    expect((await open(token())).data).toEqual({ state });
    expect((await answer(token(), confirmation())).data).toEqual({ state });
    expect(
      (
        await service().rpc('answer_reference', {
          token: token(),
          answer: { answer: 'decline' } as never,
        })
      ).data,
    ).toEqual({ state });
  });

  it('expires 21 days after the request: expired, and nothing stored', async () => {
    const { id, token } = await jointWithToken();
    await sql(
      `update public.co_applicant_parts
          set requested_at = now() - interval '21 days 1 minute',
              expires_at = now() - interval '1 minute'
        where application_id = $1`,
      [id],
    );
    expect((await open(token)).data).toEqual({ state: 'expired' });
    expect((await answer(token, confirmation())).data).toEqual({ state: 'expired' });
    expect((await partOf(id))?.status).toBe('pending');
    expect(await linkAuditOf(id)).toEqual([]);
  });

  it('a closed case ends its links', async () => {
    const { id, token } = await jointWithToken();
    await walk(roles.coordinator, id, 'besokshjem', 'withdrawn');
    expect((await open(token)).data).toEqual({ state: 'expired' });
    expect((await answer(token, confirmation())).data).toEqual({ state: 'expired' });
    expect((await partOf(id))?.status).toBe('pending');
    await journal(roles.coordinator, id);
  });

  it('reaches only its own subject: not another case, not a referee', async () => {
    const first = await jointWithToken();
    const second = await jointWithToken();
    expect((await answer(first.token, confirmation())).data).toEqual({ state: 'confirmed' });
    expect((await partOf(second.id))?.status).toBe('pending');
    // A co-applicant's token is no referee's: the referee function does not know it.
    const referee = (await refereesOf(second.id))[0];
    await sql(
      `update public.referees set status = 'asked', requested_at = now(),
         expires_at = now() + interval '21 days' where id = $1`,
      [referee?.id],
    );
    const coToken = await issueToken(second.id, 'co_applicant', second.id);
    const wrong = await service().rpc('answer_reference', {
      token: coToken,
      answer: { answer: 'decline' } as never,
    });
    expect(wrong.data).toEqual({ state: 'unknown' });
    expect((await refereesOf(second.id))[0]?.status).toBe('asked');
    // And a referee's token is no co-applicant's.
    const refToken = await issueToken(second.id, 'referee', referee?.id ?? '');
    expect((await answer(refToken, { answer: 'decline' })).data).toEqual({ state: 'unknown' });
    expect((await partOf(second.id))?.status).toBe('pending');
  });
});

describe("the co-applicant's answers are checked as the main form's", () => {
  const tomorrow = () => addDays(today(), 1);
  const tooOld = () => addDays(today(), -100);
  it.each([
    ['over_18', { over_18: false }],
    ['over_18', { over_18: 'ja' }],
    ['phone', { phone: '1234' }],
    ['phone', { phone: null }],
    ['call_time', { call_time: 'kveld' }],
    ['certificate_status', { certificate_status: 'kanskje' }],
    ['certificate_issued_on', { certificate_status: 'har', certificate_issued_on: null }],
    ['certificate_issued_on', { certificate_status: 'bestiller', certificate_issued_on: today() }],
    ['certificate_issued_on', { certificate_status: 'har', certificate_issued_on: '2026-02-30' }],
    ['privacy_consent', { privacy_consent: false }],
    ['privacy_version', { privacy_version: '9.9' }],
    ['answer', { answer: 'kanskje' }],
    ['answer', { extra: 'felt' }],
  ])('refuses %s (%j) by its name and stores nothing', async (field, change) => {
    const { id, token } = await jointWithToken();
    const { data, error } = await answer(token, confirmation(change));
    expect(data).toBeNull();
    expect(error?.code).toBe('22023');
    expect(error?.message).toBe(`invalid field: ${field}`);
    expect((await partOf(id))?.status).toBe('pending');
    expect((await open(token)).data).toMatchObject({ state: 'open' });
  });

  it.each([
    ['future', () => tomorrow()],
    ['too_old', () => tooOld()],
  ])('a certificate date that is %s says so in the hint', async (hint, date) => {
    const { id, token } = await jointWithToken();
    const { error } = await answer(
      token,
      confirmation({ certificate_status: 'har', certificate_issued_on: date() }),
    );
    expect(error?.message).toBe('invalid field: certificate_issued_on');
    expect(error?.hint).toBe(hint);
    expect((await partOf(id))?.status).toBe('pending');
  });

  it('a NUL is refused before anything is stored', async () => {
    // PostgREST reads named arguments through Postgres's JSON functions, which refuse \u0000
    // (22P05) before the function runs; the site's zod schema refuses control characters first.
    const { id, token } = await jointWithToken();
    const { data, error } = await answer(token, confirmation({ phone: '9345678\u0000' }));
    expect(data).toBeNull();
    expect(error?.code).toMatch(/^22/);
    expect((await partOf(id))?.status).toBe('pending');
  });

  it('a decline carries nothing else', async () => {
    const { id, token } = await jointWithToken();
    const { error } = await answer(token, { answer: 'decline', phone: '93456789' });
    expect(error?.message).toBe('invalid field: answer');
    expect((await partOf(id))?.status).toBe('pending');
  });

  it('privacy statement 2.2 still counts', async () => {
    const { token } = await jointWithToken();
    expect((await answer(token, confirmation({ privacy_version: '2.2' }))).data).toEqual({
      state: 'confirmed',
    });
  });
});

describe('who may use the links and read the parts', () => {
  it('anon may call none of the link functions (42501), and stores nothing', async () => {
    const { id, token } = await jointWithToken();
    for (const [fn, args] of [
      ['open_link', { token }],
      ['answer_co_applicant', { token, answer: confirmation() }],
      ['answer_reference', { token, answer: { answer: 'decline' } }],
    ] as const) {
      const { error } = await anon().rpc(fn as 'open_link', args as never);
      expect(error?.code, fn).toBe('42501');
    }
    expect((await partOf(id))?.status).toBe('pending');
  });

  it("signed-in users, coordinators too, may not use the server's link functions", async () => {
    const { token } = await jointWithToken();
    for (const as of [roles.coordinator, roles.stranger]) {
      expect((await as.rpc('open_link', { token })).error?.code).toBe('42501');
      expect(
        (await as.rpc('answer_co_applicant', { token, answer: confirmation() as never })).error
          ?.code,
      ).toBe('42501');
    }
  });

  it.each([0, 1, 2, 3, 4])('outsider %i reads no part, referee or answer', async (which) => {
    const { id, token } = await jointWithToken();
    expect((await answer(token, confirmation())).data).toEqual({ state: 'confirmed' });
    const [label, who] = outsiders(roles)[which] ?? ['', () => anon()];
    for (const table of ['co_applicant_parts', 'referees'] as const) {
      const read = await who().from(table).select('*');
      expect(read.data ?? [], `${label} ${table}`).toEqual([]);
      expect(read.error?.code, `${label} ${table}`).toBe('42501');
    }
    expect((await partOf(id))?.status).toBe('confirmed');
  });

  it('an active coordinator and a lead read the part and the referees', async () => {
    const { id, token } = await jointWithToken();
    await answer(token, confirmation());
    for (const as of [roles.coordinator, roles.lead]) {
      const part = await as
        .from('co_applicant_parts')
        .select('status, phone')
        .eq('application_id', id);
      expect(part.error).toBeNull();
      expect(part.data).toEqual([{ status: 'confirmed', phone: '93456789' }]);
      const referees = await as.from('referees').select('position').eq('application_id', id);
      expect(referees.data).toEqual([{ position: 1 }, { position: 2 }]);
    }
  });

  it('nobody writes a part through the API, not even a coordinator', async () => {
    const { id } = await jointWithToken();
    for (const as of [roles.coordinator, roles.lead, service()]) {
      const { error } = await as
        .from('co_applicant_parts')
        .update({ status: 'confirmed' })
        .eq('application_id', id);
      expect(error?.code).toBe('42501');
    }
    expect((await partOf(id))?.status).toBe('pending');
  });
});

describe('the approval guard and the resend', () => {
  it('refuses approval while the co-applicant has not confirmed, and approves after', async () => {
    const id = await jointCase(roles.coordinator, today());
    await sql(
      `update public.co_applicant_parts set status = 'pending', answered_at = null, over_18 = null,
         phone = null, call_time = null, certificate_status = null, privacy_version = null
       where application_id = $1`,
      [id],
    );
    await roles.coordinator
      .from('application_checklists')
      .update({ partner_certificate_issued_on: today() })
      .eq('application_id', id);
    expect(await approvalMissing(roles.coordinator, id)).toEqual([
      'Medsøkeren har ikke bekreftet at de søker sammen med søkeren.',
    ]);
    const refused = await roles.coordinator
      .from('applications')
      .update({ status: 'approved' })
      .eq('id', id);
    expect(refused.error?.code).toBe('23514');
    expect(refused.error?.message).toContain('Medsøkeren har ikke bekreftet');
    expect(await statusOf(id)).toBe('home_visit');

    const token = await issueToken(id, 'co_applicant', id);
    expect((await answer(token, confirmation())).data).toEqual({ state: 'confirmed' });
    expect(await approvalMissing(roles.coordinator, id)).toEqual([]);
    expect(
      (await roles.coordinator.from('applications').update({ status: 'approved' }).eq('id', id))
        .error,
    ).toBeNull();
    await journal(roles.coordinator, id);
  });

  it('a coordinator resends an expired link: 21 days from now, a new e-mail, the link works again', async () => {
    const { id, token } = await jointWithToken();
    await sql(
      `update public.co_applicant_parts set requested_at = now() - interval '30 days',
         expires_at = now() - interval '9 days' where application_id = $1`,
      [id],
    );
    expect((await open(token)).data).toEqual({ state: 'expired' });
    const reference = await referenceOf(id);
    for (const [label, who] of outsiders(roles)) {
      const { error } = await who().rpc('resend_link', { application_reference: reference });
      expect(error?.code, label).toBe('42501');
    }
    const { data, error } = await roles.coordinator.rpc('resend_link', {
      application_reference: reference,
    });
    expect(error).toBeNull();
    expect(data).toBe(true);
    const part = await partOf(id);
    const days =
      ((part?.expires_at?.getTime() ?? 0) - (part?.requested_at?.getTime() ?? 0)) / 86_400_000;
    expect(days).toBe(21);
    expect((await linkMessagesOf(id)).map((m) => m.template)).toEqual([
      'co_applicant_request',
      'co_applicant_request',
    ]);
    expect((await open(token)).data).toMatchObject({ state: 'open' });
    const [logged] = (await linkAuditOf(id)).slice(-1);
    expect(logged?.actor_id).toBe(roles.coordinatorId);
    expect(Object.keys(logged?.changes as object)).toEqual(['requested_at']);

    // Answered: nothing to resend.
    await answer(token, confirmation());
    expect(
      (await roles.coordinator.rpc('resend_link', { application_reference: reference })).data,
    ).toBe(false);
    expect(await linkMessagesOf(id)).toHaveLength(2);
  });
});

describe('a resend still waiting when the co-applicant has answered', () => {
  it('is not sent and issues no token; a resend to one who has not answered is', async () => {
    const { id, token } = await jointWithToken();
    const reference = await referenceOf(id);
    await sql(
      `update public.outbox_messages set status = 'sent', sent_at = now()
        where application_id = $1 and template = 'co_applicant_request'`,
      [id],
    );
    expect(
      (await roles.coordinator.rpc('resend_link', { application_reference: reference })).data,
    ).toBe(true);
    // The provider answered 500: the resend waits for its retry.
    await sql(
      `update public.outbox_messages
          set attempts = 1, last_error = 'resend: 500 internal_server_error',
              next_attempt_at = now() + interval '1 minute'
        where application_id = $1 and status = 'pending' and template = 'co_applicant_request'`,
      [id],
    );
    expect((await answer(token, confirmation())).data).toEqual({ state: 'confirmed' });

    const { claimed, rows, tokensIssued } = await claimLinksOf(id);
    expect(claimed).toEqual([]);
    expect(tokensIssued).toBe(0);
    expect(rows.map((r) => [r.status, r.last_error])).toEqual([
      ['sent', null],
      ['cancelled', 'ikke sendt: har svart'],
    ]);

    // The same resend to a co-applicant who has not answered goes, with a token.
    const other = await jointWithToken();
    expect(
      (
        await roles.coordinator.rpc('resend_link', {
          application_reference: await referenceOf(other.id),
        })
      ).data,
    ).toBe(true);
    const sent = await claimLinksOf(other.id);
    expect(sent.claimed).toEqual([
      { template: 'co_applicant_request', to_address: 'ola.testesen@example.no', has_token: true },
      { template: 'co_applicant_request', to_address: 'ola.testesen@example.no', has_token: true },
    ]);
    expect(sent.tokensIssued).toBe(2);
  });
});

describe('erasure and retention take the part, the referees and the tokens', () => {
  const leftOf = async (id: string) =>
    (
      await sql<{ n: string }>(
        `select (select count(*) from public.co_applicant_parts where application_id = $1)
              + (select count(*) from public.referees where application_id = $1)
              + (select count(*) from private.link_tokens where application_id = $1)
              + (select count(*) from public.outbox_messages where application_id = $1) as n`,
        [id],
      )
    )[0]?.n;

  it('erasure by a lead', async () => {
    const { id, token } = await jointWithToken();
    await answer(token, confirmation());
    const referee = (await refereesOf(id))[0];
    await issueToken(id, 'referee', referee?.id ?? '');
    expect(await tokensOf(id)).toBe(2);
    expect(Number(await leftOf(id))).toBeGreaterThan(0);
    expect((await roles.lead.rpc('erase_application', { application_id: id })).error).toBeNull();
    expect(await leftOf(id)).toBe('0');
    expect((await open(token)).data).toEqual({ state: 'unknown' });
  });

  it('retention of an ended, journalført case', async () => {
    const { id, token } = await jointWithToken();
    await answer(token, confirmation());
    await withDb((db) => completeHousehold(db, id));
    await walk(roles.coordinator, id, 'besokshjem', 'declined');
    const journal = await roles.coordinator
      .from('applications')
      .update({ journal_reference: '2026/2424-1' })
      .eq('id', id)
      .select('id');
    expect(journal.error).toBeNull();
    await sql(`select private.delete_ended_applications(now() + interval '10 years')`);
    expect(await leftOf(id)).toBe('0');
    expect((await open(token)).data).toEqual({ state: 'unknown' });
  });
});
