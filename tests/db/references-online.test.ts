// Referees asked by the portal (issue 24): the submission carries as many referees as the service
// wants (public.screening_settings.referees_wanted) and refuses each bad field by its name; a
// coordinator asks them (public.request_references), each answers or declines once through their
// own link (public.answer_reference) or is recorded as taken by phone; one reminder after 7 days
// (private.send_link_reminders, a daily job of the scheduler), links expire after 21 days; the checklist's references item and
// the approval guard count the answers; a link e-mail still waiting when the referee has answered
// or the case has ended is cancelled by the claim, not sent. Every role straight through PostgREST with supabase-js;
// arranging and checking as the database owner.
import { loadProfileFile } from '../../src/lib/server/email/profile-file.ts';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { anon, service, sql, submitApplication, withDb } from '../support/db.ts';
import {
  claimLinksOf,
  issueToken,
  journal,
  linkAuditOf,
  linkMessagesOf,
  linkRoles,
  outsiders,
  refereesOf,
  type LinkRoles,
} from '../support/db-links.ts';
import {
  applicationPayload,
  REFEREES_WANTED,
  refereesPayload,
  type Payload,
} from '../support/payloads.ts';
import {
  completeHousehold,
  approvalMissing,
  fill,
  newCase,
  pinToday,
  readyForApproval,
  referenceOf,
  statusOf,
  walk,
} from '../support/screening.ts';

let roles: LinkRoles;
beforeAll(async () => {
  roles = await linkRoles();
});
// The screening clock is one row for the whole stack (jointCase pins it).
afterEach(() => pinToday(null));

const give = (answers: Record<string, string> = { kjennskap: 'Kollega i fem år.' }) => ({
  answer: 'give',
  answers,
});
const answerAs = (token: string, given: unknown) =>
  service().rpc('answer_reference', { token, answer: given as never });
const open = (token: string) => service().rpc('open_link', { token });
const remind = async (asOf?: string): Promise<number> =>
  (
    await sql<{ queued: number }>('select private.send_link_reminders($1) as queued', [
      asOf ?? new Date().toISOString(),
    ])
  )[0]?.queued ?? 0;

/** A supervisor case whose referees have been asked by the coordinator; their tokens. */
async function askedCase(): Promise<{ id: string; reference: string; tokens: string[] }> {
  const id = await newCase('tilsynsperson');
  const reference = await referenceOf(id);
  const { data, error } = await roles.coordinator.rpc('request_references', {
    application_reference: reference,
  });
  expect(error).toBeNull();
  expect(data).toBe(2);
  const tokens: string[] = [];
  for (const referee of await refereesOf(id))
    tokens.push(await issueToken(id, 'referee', referee.id));
  return { id, reference, tokens };
}

describe('the setting', () => {
  it("equals the profile's refereesWanted (what the form asks for) and the test payloads", async () => {
    const profile = await loadProfileFile();
    const [settings] = await sql<{ referees_wanted: number }>(
      'select referees_wanted from public.screening_settings',
    );
    expect(settings?.referees_wanted).toBe(profile.refereesWanted);
    expect(REFEREES_WANTED).toBe(profile.refereesWanted);
  });
});

describe('the submission carries the referees', () => {
  it('stores them in order, not asked, and copies how many the form asked for', async () => {
    const id = await newCase('besokshjem');
    const referees = await refereesOf(id);
    expect(referees.map((r) => [r.position, r.status, r.full_name])).toEqual([
      [1, 'not_asked', 'Referanse Testesen 1'],
      [2, 'not_asked', 'Referanse Testesen 2'],
    ]);
    const [row] = await sql<{ referees_wanted: number }>(
      'select referees_wanted from public.applications where id = $1',
      [id],
    );
    expect(row?.referees_wanted).toBe(2);
    // Nobody is contacted when the application arrives.
    expect(await linkMessagesOf(id)).toEqual([]);
  });

  const withReferee = (n: number, change: Record<string, unknown>): Payload => {
    const referees: Record<string, unknown>[] = refereesPayload();
    referees[n - 1] = { ...referees[n - 1], ...change };
    return { referees };
  };

  it.each([
    ['referees', { referees: refereesPayload(1) }],
    ['referees', { referees: refereesPayload(3) }],
    ['referees', { referees: [] }],
    ['referees', { referees: undefined }],
    ['referees', { referees: 'Ola, Kari' }],
    ['referees', withReferee(1, { extra: 'x' })],
    ['referee_1_full_name', withReferee(1, { full_name: ' ' })],
    ['referee_1_full_name', withReferee(1, { full_name: 'a'.repeat(101) })],
    ['referee_2_full_name', withReferee(2, { full_name: undefined })],
    ['referee_2_relation', withReferee(2, { relation: '\u200b' })],
    ['referee_1_relation', withReferee(1, { relation: 'x'.repeat(101) })],
    ['referee_1_phone', withReferee(1, { phone: '123' })],
    ['referee_2_phone', withReferee(2, { phone: 12345678 })],
    ['referee_1_email', withReferee(1, { email: 'ikke-en-adresse' })],
    ['referee_2_email', withReferee(2, { email: null })],
  ])('refuses %s (%j) and stores nothing', async (field, overrides) => {
    const payload = applicationPayload('tilsynsperson', overrides);
    if (overrides['referees'] === undefined) delete payload['referees'];
    const { data, error } = await submitApplication(payload);
    expect(data).toBeNull();
    expect(error?.code).toBe('22023');
    expect(error?.message).toBe(`invalid field: ${field}`);
    const [row] = await sql<{ n: string }>(
      'select count(*) as n from public.applications where submission_id = $1',
      [payload['submission_id']],
    );
    expect(row?.n).toBe('0');
  });

  it("refuses the applicant's own address as a referee's, also written differently", async () => {
    const email = `kari.${Date.now()}@example.no`;
    for (const written of [email, email.toUpperCase(), email.replace('@', '+ref@')]) {
      const payload = applicationPayload('besokshjem', {
        email,
        ...withReferee(2, { email: written }),
      });
      const { error } = await submitApplication(payload);
      expect(error?.message, written).toBe('invalid field: referee_2_email');
    }
  });

  it('follows the setting: 0 asks none (absent or []), and an open case keeps its number', async () => {
    const before = await newCase('tilsynsperson');
    // For this test only, and not a change anyone made: kept out of the audit log (replica skips
    // its trigger), which another file reads.
    const setting = (n: number) =>
      sql(
        `set session_replication_role = replica;
         update public.screening_settings set referees_wanted = ${n};`,
      );
    await setting(0);
    try {
      for (const referees of [[], undefined]) {
        const payload = applicationPayload('tilsynsperson', { referees });
        if (referees === undefined) delete payload['referees'];
        const { error } = await submitApplication(payload);
        expect(error).toBeNull();
        const [row] = await sql<{ referees_wanted: number; n: string }>(
          `select a.referees_wanted,
                  (select count(*) from public.referees r where r.application_id = a.id) as n
             from public.applications a where submission_id = $1`,
          [payload['submission_id']],
        );
        expect(row).toEqual({ referees_wanted: 0, n: '0' });
      }
      const refused = await submitApplication(applicationPayload('tilsynsperson'));
      expect(refused.error?.message).toBe('invalid field: referees');
    } finally {
      await setting(2);
    }
    const [row] = await sql<{ referees_wanted: number }>(
      'select referees_wanted from public.applications where id = $1',
      [before],
    );
    expect(row?.referees_wanted).toBe(2);
  });
});

describe('a coordinator asks the referees', () => {
  it('each becomes asked for 21 days with one referee_request; asking again asks nobody', async () => {
    const { id, reference } = await askedCase();
    const referees = await refereesOf(id);
    for (const r of referees) {
      expect(r.status).toBe('asked');
      const days = ((r.expires_at?.getTime() ?? 0) - (r.requested_at?.getTime() ?? 0)) / 86_400_000;
      expect(days).toBe(21);
    }
    // One transaction queues them: their order among themselves is not defined.
    const bySubject = (a: { subject_id: string | null }, b: { subject_id: string | null }) =>
      String(a.subject_id).localeCompare(String(b.subject_id));
    expect((await linkMessagesOf(id)).sort(bySubject)).toEqual(
      referees
        .map((r) => ({ template: 'referee_request', recipient: 'referee', subject_id: r.id }))
        .sort(bySubject),
    );
    expect(
      (await roles.coordinator.rpc('request_references', { application_reference: reference }))
        .data,
    ).toBe(0);
    const audit = await linkAuditOf(id);
    expect(audit.map((a) => [a.actor_id, a.changes])).toEqual(
      referees.map(() => [roles.coordinatorId, { status: { old: 'not_asked', new: 'asked' } }]),
    );
  });

  it('nobody but an active coordinator may ask, resend or record (42501), and nothing changes', async () => {
    const id = await newCase('tilsynsperson');
    const reference = await referenceOf(id);
    const [referee] = await refereesOf(id);
    for (const [label, who] of outsiders(roles)) {
      const asked = await who().rpc('request_references', { application_reference: reference });
      expect(asked.error?.code, label).toBe('42501');
      const phoned = await who().rpc('record_phone_reference', {
        referee_id: referee?.id ?? '',
        note: 'Ringte.',
      });
      expect(phoned.error?.code, label).toBe('42501');
    }
    expect((await refereesOf(id)).map((r) => r.status)).toEqual(['not_asked', 'not_asked']);
    expect(await linkMessagesOf(id)).toEqual([]);
  });

  it('a closed case is not asked', async () => {
    const id = await newCase('tilsynsperson');
    await walk(roles.coordinator, id, 'tilsynsperson', 'withdrawn');
    const { error } = await roles.coordinator.rpc('request_references', {
      application_reference: await referenceOf(id),
    });
    expect(error?.code).toBe('23514');
    expect(await linkMessagesOf(id)).toEqual([]);
    await journal(roles.coordinator, id);
  });
});

describe("a referee's link", () => {
  it("opens with the applicant's name; answers once; the log has the status only", async () => {
    const { id, tokens } = await askedCase();
    const [first, second] = tokens;
    expect((await open(first ?? '')).data).toMatchObject({
      state: 'open',
      purpose: 'referee',
      applicant_name: 'Kari Testesen',
      kind: 'tilsynsperson',
    });
    const answers = { kjennskap: 'Nabo i ti år.', 'med-barn': 'Trygg og rolig.', annet: '' };
    expect((await answerAs(first ?? '', give(answers))).data).toEqual({ state: 'answered' });
    expect((await answerAs(second ?? '', { answer: 'decline' })).data).toEqual({
      state: 'declined',
    });
    const referees = await refereesOf(id);
    expect(referees.map((r) => [r.status, r.answers])).toEqual([
      ['answered', answers],
      ['declined', null],
    ]);
    expect((await linkAuditOf(id)).slice(-2).map((a) => a.changes)).toEqual([
      { status: { old: 'asked', new: 'answered' } },
      { status: { old: 'asked', new: 'declined' } },
    ]);
    expect(JSON.stringify(await linkAuditOf(id))).not.toContain('Nabo');
    for (const token of tokens) {
      expect((await open(token)).data).toEqual({ state: 'used' });
      expect((await answerAs(token, give({ kjennskap: 'Igjen' }))).data).toEqual({ state: 'used' });
    }
    expect((await refereesOf(id))[0]?.answers).toEqual(answers);
  });

  it('reaches only its own referee', async () => {
    const { id, tokens } = await askedCase();
    await answerAs(tokens[0] ?? '', give());
    expect((await refereesOf(id)).map((r) => r.status)).toEqual(['answered', 'asked']);
  });

  it.each([
    ['answer', { answer: 'kanskje' }],
    ['answer', { answer: 'give' }],
    ['answer', { answer: 'decline', answers: {} }],
    ['answer', { answer: 'give', answers: { a: 'x' }, extra: 1 }],
    ['answers', { answer: 'give', answers: {} }],
    ['answers', { answer: 'give', answers: { kjennskap: '' } }],
    ['answers', { answer: 'give', answers: { Stor: 'x' } }],
    ['answers', { answer: 'give', answers: [] }],
    [
      'answers',
      {
        answer: 'give',
        answers: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`q${i}`, 'x'])),
      },
    ],
    ['answers.kjennskap', { answer: 'give', answers: { kjennskap: 'x'.repeat(1001) } }],
    ['answers.kjennskap', { answer: 'give', answers: { kjennskap: ' x' } }],
    ['answers.kjennskap', { answer: 'give', answers: { kjennskap: 5 } }],
    ['answers.kjennskap', { answer: 'give', answers: { kjennskap: '\u202eAB' } }],
  ])('refuses %s (%j) and stores nothing', async (field, given) => {
    const { id, tokens } = await askedCase();
    const { data, error } = await answerAs(tokens[0] ?? '', given);
    expect(data).toBeNull();
    expect(error?.code).toBe('22023');
    expect(error?.message).toBe(`invalid field: ${field}`);
    expect((await refereesOf(id))[0]?.status).toBe('asked');
  });

  it('a referee not asked yet has no working link', async () => {
    const id = await newCase('tilsynsperson');
    const [referee] = await refereesOf(id);
    const token = await issueToken(id, 'referee', referee?.id ?? '');
    expect((await open(token)).data).toEqual({ state: 'expired' });
    expect((await answerAs(token, give())).data).toEqual({ state: 'expired' });
    expect((await refereesOf(id))[0]?.status).toBe('not_asked');
  });

  it('expires after 21 days, stores nothing; asking again or a resend opens it', async () => {
    const { id, reference, tokens } = await askedCase();
    await sql(
      `update public.referees set requested_at = now() - interval '22 days',
         expires_at = now() - interval '1 day' where application_id = $1`,
      [id],
    );
    for (const token of tokens) {
      expect((await open(token)).data).toEqual({ state: 'expired' });
      expect((await answerAs(token, give())).data).toEqual({ state: 'expired' });
    }
    expect((await refereesOf(id)).map((r) => r.answers)).toEqual([null, null]);

    const [first, second] = await refereesOf(id);
    expect(
      (
        await roles.coordinator.rpc('resend_link', {
          application_reference: reference,
          referee_id: first?.id ?? '',
        })
      ).data,
    ).toBe(true);
    expect((await open(tokens[0] ?? '')).data).toMatchObject({ state: 'open' });
    expect((await open(tokens[1] ?? '')).data).toEqual({ state: 'expired' });
    // Asking again asks the one whose link expired (not the one resent).
    expect(
      (await roles.coordinator.rpc('request_references', { application_reference: reference }))
        .data,
    ).toBe(1);
    expect((await open(tokens[1] ?? '')).data).toMatchObject({ state: 'open' });
    const messages = (await linkMessagesOf(id)).map((m) => m.subject_id);
    expect(messages.slice(0, 2).sort()).toEqual([first?.id, second?.id].sort());
    expect(messages.slice(2)).toEqual([first?.id, second?.id]);
  });
});

describe('the reminder', () => {
  it('goes once, 7 days after the request, to each asked referee who has not answered', async () => {
    const { id, tokens } = await askedCase();
    await answerAs(tokens[0] ?? '', give());
    const reminders = async () =>
      (await linkMessagesOf(id)).filter((m) => m.template === 'referee_reminder');

    // Six days on: too early.
    await sql(
      `update public.referees set requested_at = requested_at - interval '6 days',
         expires_at = expires_at - interval '6 days' where application_id = $1`,
      [id],
    );
    await remind();
    expect(await reminders()).toEqual([]);

    // Seven days on (the clock moved, as the retention tests move it): one reminder, to the one
    // who has not answered.
    await sql(
      `update public.referees set requested_at = requested_at - interval '1 day',
         expires_at = expires_at - interval '1 day' where application_id = $1`,
      [id],
    );
    expect(await remind()).toBeGreaterThanOrEqual(1);
    const [, waiting] = await refereesOf(id);
    expect(await reminders()).toEqual([
      { template: 'referee_reminder', recipient: 'referee', subject_id: waiting?.id },
    ]);
    expect(waiting?.reminded_at).not.toBeNull();

    // Never twice, also later and with a resend in between.
    await remind();
    await roles.coordinator.rpc('resend_link', {
      application_reference: await referenceOf(id),
      referee_id: waiting?.id ?? '',
    });
    await remind(new Date(Date.now() + 10 * 86_400_000).toISOString());
    expect(await reminders()).toHaveLength(1);
  });

  it('as_of judges the 7 days; an expired link gets none', async () => {
    const { id } = await askedCase();
    const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
    await remind(inDays(6));
    expect((await refereesOf(id)).every((r) => r.reminded_at === null)).toBe(true);
    await remind(inDays(22));
    expect((await refereesOf(id)).every((r) => r.reminded_at === null)).toBe(true);
    await remind(inDays(7.01));
    expect((await refereesOf(id)).every((r) => r.reminded_at !== null)).toBe(true);
  });

  it('no API role runs it, the server key neither (it could remind early); the scheduler does, daily from 08:00', async () => {
    for (const who of [anon(), roles.coordinator, roles.lead, service()]) {
      const { error } = await who.rpc('send_link_reminders' as never, {} as never);
      expect(error?.code).toBe('PGRST202');
    }
    // The scheduler runs it as a daily job from 08:00 (its once-a-day and concurrency rules are
    // tested in scheduled-jobs.test.ts; running it here would run today's retention too).
    const definition = (
      await sql<{ body: string }>(
        "select pg_get_functiondef('private.run_scheduled_jobs(timestamptz)'::regprocedure) as body",
      )
    )[0]?.body;
    expect(definition).toMatch(
      /run_daily_job\('link_reminders', 'private\.send_link_reminders\(timestamptz\)', as_of, '08:00'\)/,
    );
  });
});

describe('a link e-mail still waiting when the referee has answered or the case has ended', () => {
  const used = 'ikke sendt: har svart';
  const ended = 'ikke sendt: lenken er utløpt eller saken er avsluttet';

  it('a referee who answers online while the reminder waits gets none; one who has not, does', async () => {
    const { id, tokens } = await askedCase();
    await sql(
      `update public.outbox_messages set status = 'sent', sent_at = now()
        where application_id = $1 and template = 'referee_request'`,
      [id],
    );
    await sql(
      `update public.referees set requested_at = requested_at - interval '7 days',
         expires_at = expires_at - interval '7 days' where application_id = $1`,
      [id],
    );
    await remind();
    const [first, second] = await refereesOf(id);
    expect((await answerAs(tokens[0] ?? '', give())).data).toEqual({ state: 'answered' });

    const { claimed, rows, tokensIssued } = await claimLinksOf(id);
    expect(claimed).toEqual([
      { template: 'referee_reminder', to_address: second?.email, has_token: true },
    ]);
    expect(tokensIssued).toBe(1);
    const reminders = rows.filter((r) => r.template === 'referee_reminder');
    expect(reminders.map((r) => [r.subject_id, r.status, r.last_error])).toEqual(
      expect.arrayContaining([
        [first?.id, 'cancelled', used],
        [second?.id, 'sending', null],
      ]),
    );
    // Cancelled for good: a later claim takes it neither.
    expect((await claimLinksOf(id)).claimed).toEqual([]);
  });

  it('a reference taken by phone while the request waits gets no request', async () => {
    const { id } = await askedCase();
    const [first, second] = await refereesOf(id);
    const { data, error } = await roles.coordinator.rpc('record_phone_reference', {
      referee_id: first?.id ?? '',
      note: 'Ringte henne.',
    });
    expect(error).toBeNull();
    expect(data).toBe(true);

    const { claimed, rows, tokensIssued } = await claimLinksOf(id);
    expect(claimed).toEqual([
      { template: 'referee_request', to_address: second?.email, has_token: true },
    ]);
    expect(tokensIssued).toBe(1);
    expect(rows.map((r) => [r.subject_id, r.status, r.last_error])).toEqual(
      expect.arrayContaining([
        [first?.id, 'cancelled', used],
        [second?.id, 'sending', null],
      ]),
    );
  });

  it.each(['declined', 'withdrawn'] as const)(
    'a case %s while the requests wait sends none; the notice without a link still goes',
    async (closed) => {
      const { id } = await askedCase();
      await walk(roles.coordinator, id, 'tilsynsperson', closed);
      const [first] = await refereesOf(id);
      // The art. 14 notice is no link e-mail: it goes whatever happens to the case.
      await sql(
        `insert into public.outbox_messages (application_id, template, recipient, subject_id)
         values ($1, 'referee_notice', 'referee', $2)`,
        [id, first?.id],
      );

      const { claimed, rows, tokensIssued } = await claimLinksOf(id);
      expect(claimed).toEqual([
        { template: 'referee_notice', to_address: first?.email, has_token: false },
      ]);
      expect(tokensIssued).toBe(0);
      expect(
        rows.filter((r) => r.template === 'referee_request').map((r) => [r.status, r.last_error]),
      ).toEqual([
        ['cancelled', ended],
        ['cancelled', ended],
      ]);
      await journal(roles.coordinator, id);
    },
  );

  it('one whose sender stopped mid-send is cancelled, not failed, once the referee has answered', async () => {
    const { id, tokens } = await askedCase();
    const [first, second] = await refereesOf(id);
    expect((await claimLinksOf(id)).tokensIssued).toBe(2);
    expect((await answerAs(tokens[0] ?? '', give())).data).toEqual({ state: 'answered' });
    // The sender stopped after its last allowed try: both leases have run out.
    await sql(
      `update public.outbox_messages set attempts = 10, locked_until = now() - interval '1 second'
        where application_id = $1 and template = 'referee_request'`,
      [id],
    );
    const { claimed, rows, tokensIssued } = await claimLinksOf(id);
    expect(claimed).toEqual([]);
    expect(tokensIssued).toBe(0);
    expect(rows.map((r) => [r.subject_id, r.status])).toEqual(
      expect.arrayContaining([
        [first?.id, 'cancelled'],
        [second?.id, 'failed'],
      ]),
    );
  });

  it('a request to referees who have not answered is sent, each with a token', async () => {
    const { id } = await askedCase();
    const referees = await refereesOf(id);
    const { claimed, rows, tokensIssued } = await claimLinksOf(id);
    expect(claimed.map((m) => [m.template, m.has_token]).sort()).toEqual([
      ['referee_request', true],
      ['referee_request', true],
    ]);
    expect(claimed.map((m) => m.to_address).sort()).toEqual(referees.map((r) => r.email).sort());
    expect(tokensIssued).toBe(2);
    expect(rows.map((r) => r.status)).toEqual(['sending', 'sending']);
  });
});

describe('by phone, the checklist and the approval guard', () => {
  it('a coordinator records a reference taken by phone, with a note; a bad note is refused', async () => {
    const id = await newCase('tilsynsperson');
    const [referee] = await refereesOf(id);
    const bad = await roles.coordinator.rpc('record_phone_reference', {
      referee_id: referee?.id ?? '',
      note: ' ',
    });
    expect(bad.error?.message).toBe('invalid field: note');
    const { data, error } = await roles.coordinator.rpc('record_phone_reference', {
      referee_id: referee?.id ?? '',
      note: 'Ringte 5. desember. Kjenner søkeren godt.',
    });
    expect(error).toBeNull();
    expect(data).toBe(true);
    expect((await refereesOf(id))[0]).toMatchObject({
      status: 'by_phone',
      phone_note: 'Ringte 5. desember. Kjenner søkeren godt.',
      recorded_by: roles.coordinatorId,
    });
    expect((await linkAuditOf(id)).map((a) => a.changes)).toEqual([
      { status: { old: 'not_asked', new: 'by_phone' } },
    ]);
    expect(
      (
        await roles.coordinator.rpc('record_phone_reference', {
          referee_id: referee?.id ?? '',
          note: 'Igjen.',
        })
      ).data,
    ).toBe(false);
  });

  it('the references item is counted, not ticked, and the guard waits for enough', async () => {
    const { id, reference, tokens } = await askedCase();
    const item = async () =>
      (
        await roles.coordinator.rpc('case_checklist', { application_reference: reference })
      ).data?.find((row) => row.item === 'references');
    expect(await item()).toMatchObject({
      input: 'derived',
      label: 'Referanser',
      undo_label: null,
      value: '0',
      done: false,
      done_text: '0 av 2 referanser er mottatt eller tatt på telefon.',
      not_done_text: 'Bare 0 av 2 referanser er mottatt eller tatt på telefon.',
    });
    // The tick is not for such a case.
    const ticked = await fill(roles.coordinator, id, { references_checked: true });
    expect(ticked.error?.code).toBe('23514');

    await walk(roles.coordinator, id, 'tilsynsperson', 'conversation_scheduled');
    await fill(roles.coordinator, id, {
      certificate_issued_on: new Date().toISOString().slice(0, 10),
      conversation_held_on: new Date().toISOString().slice(0, 10),
    });
    await answerAs(tokens[0] ?? '', give());
    await answerAs(tokens[1] ?? '', { answer: 'decline' });
    expect(await approvalMissing(roles.coordinator, id)).toEqual([
      'Bare 1 av 2 referanser er mottatt eller tatt på telefon.',
    ]);
    const refused = await roles.coordinator
      .from('applications')
      .update({ status: 'approved' })
      .eq('id', id);
    expect(refused.error?.code).toBe('23514');

    const [answered, declined] = await refereesOf(id);
    // One who declined online may still talk: the coordinator phones them and records it.
    expect(
      (
        await roles.coordinator.rpc('record_phone_reference', {
          referee_id: declined?.id ?? '',
          note: 'Ringte.',
        })
      ).data,
    ).toBe(true);
    // One who answered online is not taken again by phone.
    expect(
      (
        await roles.coordinator.rpc('record_phone_reference', {
          referee_id: answered?.id ?? '',
          note: 'Ringte.',
        })
      ).data,
    ).toBe(false);
    expect(await item()).toMatchObject({
      value: '2',
      done: true,
      done_text: '2 av 2 referanser er mottatt eller tatt på telefon.',
    });
    expect(await approvalMissing(roles.coordinator, id)).toEqual([]);
    expect(
      (await roles.coordinator.from('applications').update({ status: 'approved' }).eq('id', id))
        .error,
    ).toBeNull();
    expect(await statusOf(id)).toBe('approved');
    await journal(roles.coordinator, id);
  });

  it("a case from before the form asked (referees_wanted 0) needs the coordinator's tick", async () => {
    const id = await newCase('tilsynsperson');
    await sql('delete from public.referees where application_id = $1', [id]);
    await sql('update public.applications set referees_wanted = 0 where id = $1', [id]);
    await walk(roles.coordinator, id, 'tilsynsperson', 'conversation_scheduled');
    const today = new Date().toISOString().slice(0, 10);
    await fill(roles.coordinator, id, {
      certificate_issued_on: today,
      conversation_held_on: today,
    });
    expect(await approvalMissing(roles.coordinator, id)).toEqual(['Referansene er ikke sjekket.']);
    const rows = await roles.coordinator.rpc('case_checklist', {
      application_reference: await referenceOf(id),
    });
    expect(rows.data?.find((row) => row.item === 'references')).toMatchObject({
      input: 'toggle',
      label: 'Referansene er sjekket',
    });
    expect((await fill(roles.coordinator, id, { references_checked: true })).error).toBeNull();
    expect(await approvalMissing(roles.coordinator, id)).toEqual([]);
  });

  it('readyForApproval and completeHousehold (what other tests use) satisfy the guard', async () => {
    const id = await newCase('besokshjem');
    await withDb((db) => completeHousehold(db, id));
    await readyForApproval(roles.coordinator, id, 'besokshjem');
    await walk(roles.coordinator, id, 'besokshjem', 'approved');
    expect(await statusOf(id)).toBe('approved');
    await journal(roles.coordinator, id);
  });
});

describe('the seed (supabase/seed.sql, what `npm start` shows)', () => {
  it('has a case with the co-applicant confirmed and referees in each state, and one pending', async () => {
    const rows = await sql<{ reference: string; part: string; referees: string[] }>(
      `select a.reference, p.status as part,
              array(select r.status from public.referees r where r.application_id = a.id
                     order by r.position) as referees
         from public.applications a join public.co_applicant_parts p on p.application_id = a.id
        where a.reference in ('BH-L2NK-SVAR', 'BH-MED5-VENT') order by a.reference`,
    );
    expect(rows).toEqual([
      {
        reference: 'BH-L2NK-SVAR',
        part: 'confirmed',
        referees: ['answered', 'declined', 'by_phone', 'asked'],
      },
      { reference: 'BH-MED5-VENT', part: 'pending', referees: ['not_asked', 'not_asked'] },
    ]);
  });
});
