/**
 * The daily overview (issue 26): private.daily_overview_counts gives each active coordinator the
 * right count of each kind for a seeded set of cases (a coordinator's own cases and the new ones
 * nobody has taken; a lead's, every case), private.queue_daily_overviews puts one message per
 * coordinator and day in the outbox on working days only, never one with every count zero, none
 * for a coordinator who turned it off or is deactivated; claim_outbox_messages gives the sender
 * the coordinator's address only while they are active; `npm run jobs` run twice at once (and
 * again) sends each overview once, without personal data; public.coordinator_settings lets each
 * coordinator change only their own setting, as every role finds straight through PostgREST.
 *
 * The counting tests run as the database owner in a transaction that is rolled back, with every
 * other application deleted inside it, so cases other tests left in the shared stack do not count
 * and nothing (the clock, the outbox) is left behind.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addUser, anon, client, service, sql, stack, userToken, withDb } from '../support/db.ts';
import { startResendMock, type ResendMock } from '../support/resend-mock.ts';
import { runJobs } from '../support/jobs.ts';
import { newCase, pinToday, together, type Db } from '../support/screening.ts';

/** A Tuesday with no public holiday near it; the cases are dated around it. */
const DAY = '2026-11-24';

interface Counts {
  new_unassigned: number;
  contact_due_today: number;
  contact_overdue: number;
  certificates_expiring: number;
  referees_waiting: number;
  co_applicants_pending: number;
  ended_not_journaled: number;
}
const zero: Counts = {
  new_unassigned: 0,
  contact_due_today: 0,
  contact_overdue: 0,
  certificates_expiring: 0,
  referees_waiting: 0,
  co_applicants_pending: 0,
  ended_not_journaled: 0,
};

const ids = {
  mine: randomUUID(),
  other: randomUUID(),
  lead: randomUUID(),
  off: randomUUID(),
  inactive: randomUUID(),
  stranger: randomUUID(),
  signedOut: randomUUID(),
};
let mine: Db;
let other: Db;
let lead: Db;
let off: Db;
let inactive: Db;
let stranger: Db;
let signedOut: Db;
/** The seeded cases by what each is there to count. */
const cases: Record<string, string> = {};
let mock: ResendMock;

beforeAll(async () => {
  mock = await startResendMock();
  mine = await addUser(ids.mine, { name: 'Oversikt Koordinator' });
  other = await addUser(ids.other, { name: 'Oversikt Kollega' });
  lead = await addUser(ids.lead, { name: 'Oversikt Leder', role: 'lead' });
  off = await addUser(ids.off, { name: 'Oversikt Avslått' });
  inactive = await addUser(ids.inactive, { name: 'Oversikt Sluttet', active: false });
  stranger = await addUser(ids.stranger);
  await addUser(ids.signedOut, { name: 'Oversikt Utlogget' });
  const token = await userToken(ids.signedOut);
  await sql('delete from auth.sessions where user_id = $1', [ids.signedOut]);
  signedOut = client(stack().anonKey, token);
  await sql(
    'insert into public.coordinator_settings (user_id, daily_overview) values ($1, false)',
    [ids.off],
  );

  // One case per kind of count, submitted as the site does; dated and moved on by the owner below.
  cases['newUnassigned'] = await newCase('tilsynsperson');
  cases['dueToday'] = await newCase('tilsynsperson');
  cases['overdue'] = await newCase('tilsynsperson');
  cases['certificates'] = await newCase('besokshjem', together());
  cases['referees'] = await newCase('tilsynsperson');
  cases['coApplicant'] = await newCase('besokshjem', together());
  cases['ended'] = await newCase('tilsynsperson');
  cases['othersOverdue'] = await newCase('tilsynsperson');
});

afterAll(async () => {
  mock?.close();
  await sql('delete from public.applications where id = any($1::uuid[])', [Object.values(cases)]);
  await pinToday(null);
});
afterEach(() => pinToday(null));

/**
 * In the owner's transaction: every other application gone, the cases dated and moved on as their
 * names say (triggers off, so the dates can be set as they would have been), the clock at `DAY`.
 */
async function seed(db: pg.Client): Promise<void> {
  await db.query(`set local session_replication_role = replica`);
  await db.query(`delete from public.applications where id <> all($1::uuid[])`, [
    Object.values(cases),
  ]);
  await db.query(`update private.screening_clock set pinned_today = $1`, [DAY]);
  const set = (id: string | undefined, columns: string, values: unknown[] = []) =>
    db.query(`update public.applications set ${columns} where id = $1`, [id, ...values]);
  const checklist = (id: string | undefined, columns: string, values: unknown[] = []) =>
    db.query(`update public.application_checklists set ${columns} where application_id = $1`, [
      id,
      ...values,
    ]);
  const received = (id: string | undefined, day: string, assignee: string | null, status: string) =>
    set(
      id,
      `received_at = ($2::date + time '09:00') at time zone 'Europe/Oslo', received_on = $2::date,
       assigned_to = $3, status = $4`,
      [day, assignee, status],
    );
  // The contact already made, so a case counts only for what it is there for.
  const contacted = (id: string | undefined) =>
    checklist(id, `conversation_held_on = $2`, ['2026-11-23']);
  const certificate = (
    id: string | undefined,
    column: 'certificate' | 'partner_certificate',
    issued: string,
  ) =>
    checklist(
      id,
      `${column}_issued_on = $2, ${column}_verified_by = $3, ${column}_verified_at = now()`,
      [issued, ids.mine],
    );

  // New, nobody has taken it; its contact deadline is next week.
  await received(cases['newUnassigned'], DAY, null, 'received');
  // Received five working days before DAY: the deadline for first contact is DAY.
  await received(cases['dueToday'], '2026-11-17', ids.mine, 'in_review');
  // A week earlier: the deadline passed on 17 November. Its certificate expired yesterday.
  await received(cases['overdue'], '2026-11-10', ids.mine, 'in_review');
  await certificate(cases['overdue'], 'certificate', '2026-08-23');
  // Both certificates stop being valid within 14 days: 30 November and 8 December (DAY + 14).
  await received(cases['certificates'], '2026-11-20', ids.mine, 'home_visit');
  await contacted(cases['certificates']);
  await certificate(cases['certificates'], 'certificate', '2026-08-30');
  await certificate(cases['certificates'], 'partner_certificate', '2026-09-08');
  await db.query(
    `update public.co_applicant_parts set status = 'confirmed', answered_at = now(), over_18 = true,
       phone = '93456789', call_time = 'dagtid', certificate_status = 'bestiller',
       privacy_version = '2.3' where application_id = $1`,
    [cases['certificates']],
  );
  // One referee asked 7 days before DAY (counts), one 6 days before (not yet); its certificate
  // is valid until 9 December, DAY + 15 (does not count).
  await received(cases['referees'], '2026-11-16', ids.mine, 'conversation_scheduled');
  await contacted(cases['referees']);
  await certificate(cases['referees'], 'certificate', '2026-09-09');
  for (const [position, asked] of [
    [1, '2026-11-17 10:00+01'],
    [2, '2026-11-18 10:00+01'],
  ] as const)
    await db.query(
      `update public.referees set status = 'asked', requested_at = $3::timestamptz,
         expires_at = $3::timestamptz + interval '21 days'
       where application_id = $1 and position = $2`,
      [cases['referees'], position, asked],
    );
  // The co-applicant has not confirmed.
  await received(cases['coApplicant'], '2026-11-20', ids.mine, 'in_review');
  await contacted(cases['coApplicant']);
  // Declined, not journalført.
  await received(cases['ended'], '2026-10-01', ids.mine, 'declined');
  await set(cases['ended'], `status_changed_at = '2026-11-02 12:00+01'`);
  // A colleague's case whose contact deadline passed: theirs and the lead's, not mine.
  await received(cases['othersOverdue'], '2026-11-10', ids.other, 'in_review');
}

/** Runs `fn` as the owner in a transaction that is rolled back. */
const rolledBack = <T>(fn: (db: pg.Client) => Promise<T>) =>
  withDb(async (db) => {
    await db.query('begin');
    try {
      return await fn(db);
    } finally {
      await db.query('rollback');
    }
  });

const countsOf = async (db: pg.Client, day: string) => {
  const { rows } = await db.query<Counts & { coordinator_id: string; is_lead: boolean }>(
    `select coordinator_id, is_lead, new_unassigned::int, contact_due_today::int,
            contact_overdue::int, certificates_expiring::int, referees_waiting::int,
            co_applicants_pending::int, ended_not_journaled::int
       from private.daily_overview_counts($1)`,
    [day],
  );
  return new Map(rows.map(({ coordinator_id, is_lead: _, ...counts }) => [coordinator_id, counts]));
};

const overviewsOf = async (db: pg.Client) =>
  (
    await db.query<{ subject_id: string; overview_on: string; overview_counts: unknown }>(
      `select subject_id, overview_on::text, overview_counts from public.outbox_messages
        where template = 'daily_overview' order by subject_id`,
    )
  ).rows;

describe('private.daily_overview_counts', () => {
  it('counts one of each kind for the coordinator, the colleague only theirs, the lead every case', async () => {
    const outcome = await rolledBack(async (db) => {
      await seed(db);
      const due = await db.query<{ id: string; contact_due_on: string }>(
        `select id, contact_due_on::text from public.applications where id = any($1::uuid[])`,
        [[cases['dueToday'], cases['overdue']]],
      );
      const counts = await countsOf(db, DAY);
      return {
        due: Object.fromEntries(due.rows.map((r) => [r.id, r.contact_due_on])),
        mine: counts.get(ids.mine),
        other: counts.get(ids.other),
        lead: counts.get(ids.lead),
        inactive: counts.get(ids.inactive),
      };
    });
    // The seeding did what it says: the deadlines fall on DAY and a week before.
    expect(outcome.due).toEqual({
      [cases['dueToday'] ?? '']: DAY,
      [cases['overdue'] ?? '']: '2026-11-17',
    });
    expect(outcome.mine).toEqual({
      new_unassigned: 1,
      contact_due_today: 1,
      contact_overdue: 1,
      certificates_expiring: 2,
      referees_waiting: 1,
      co_applicants_pending: 1,
      ended_not_journaled: 1,
    });
    expect(outcome.other).toEqual({ ...zero, new_unassigned: 1, contact_overdue: 1 });
    expect(outcome.lead).toEqual({ ...outcome.mine, contact_overdue: 2 });
    expect(outcome.inactive).toBeUndefined();
  });

  it('moves with the day: the next day the contact due today is overdue, and the second referee counts', async () => {
    const counts = await rolledBack(async (db) => {
      await seed(db);
      return (await countsOf(db, '2026-11-25')).get(ids.mine);
    });
    expect(counts).toMatchObject({ contact_due_today: 0, contact_overdue: 2, referees_waiting: 2 });
  });
});

describe('private.queue_daily_overviews', () => {
  it('queues one overview per coordinator with something to do, none for one who turned it off, once a day', async () => {
    const outcome = await rolledBack(async (db) => {
      await seed(db);
      const first = (
        await db.query<{ r: unknown }>(`select private.queue_daily_overviews(now()) as r`)
      ).rows[0]?.r;
      const again = (
        await db.query<{ r: unknown }>(`select private.queue_daily_overviews(now()) as r`)
      ).rows[0]?.r;
      return { first, again, rows: await overviewsOf(db) };
    });
    expect(outcome.first).toMatchObject({ day: DAY, working_day: true });
    expect(outcome.again).toEqual({ day: DAY, working_day: true, queued: 0 });
    const byCoordinator = new Map(outcome.rows.map((r) => [r.subject_id, r]));
    expect(byCoordinator.get(ids.mine)).toEqual({
      subject_id: ids.mine,
      overview_on: DAY,
      overview_counts: {
        scope: 'own',
        new_unassigned: 1,
        contact_due_today: 1,
        contact_overdue: 1,
        certificates_expiring: 2,
        referees_waiting: 1,
        co_applicants_pending: 1,
        ended_not_journaled: 1,
      },
    });
    expect(byCoordinator.get(ids.lead)?.overview_counts).toMatchObject({
      scope: 'all',
      contact_overdue: 2,
    });
    expect(byCoordinator.get(ids.other)?.overview_counts).toMatchObject({ contact_overdue: 1 });
    // Turned off, deactivated: nothing, though the new case would count for them.
    expect(byCoordinator.has(ids.off)).toBe(false);
    expect(byCoordinator.has(ids.inactive)).toBe(false);
    expect(outcome.rows.filter((r) => r.subject_id === ids.mine)).toHaveLength(1);
  });

  it('sends nothing on a day with nothing to do', async () => {
    const outcome = await rolledBack(async (db) => {
      await seed(db);
      await db.query(`delete from public.applications`);
      const result = (
        await db.query<{ r: unknown }>(`select private.queue_daily_overviews(now()) as r`)
      ).rows[0]?.r;
      return { result, rows: await overviewsOf(db) };
    });
    expect(outcome).toEqual({ result: { day: DAY, working_day: true, queued: 0 }, rows: [] });
  });

  it('sends nothing on a Saturday, Christmas Day or Good Friday; the scheduler runs it as one of its jobs', async () => {
    const outcome = await rolledBack(async (db) => {
      await seed(db);
      const results: unknown[] = [];
      for (const day of ['2026-11-28', '2026-12-25']) {
        await db.query(`update private.screening_clock set pinned_today = $1`, [day]);
        results.push(
          (await db.query<{ r: unknown }>(`select private.queue_daily_overviews(now()) as r`))
            .rows[0]?.r,
        );
      }
      // Unpinned, the day is the scheduler's own: Good Friday 2026, then the Tuesday after Easter.
      await db.query(`update private.screening_clock set pinned_today = null`);
      await db.query(`delete from private.scheduled_job_runs where job = 'daily_overview'`);
      const goodFriday = (
        await db.query<{ r: Record<string, unknown> }>(
          `select private.run_scheduled_jobs('2026-04-03 10:00+02') as r`,
        )
      ).rows[0]?.r['daily_overview'];
      const rowsBefore = (await overviewsOf(db)).length;
      const tuesday = (
        await db.query<{ r: Record<string, unknown> }>(
          `select private.run_scheduled_jobs('2026-04-07 07:00+02') as r`,
        )
      ).rows[0]?.r['daily_overview'];
      return { results, goodFriday, rowsBefore, tuesday, rows: await overviewsOf(db) };
    });
    expect(outcome.results).toEqual([
      { day: '2026-11-28', working_day: false, queued: 0 },
      { day: '2026-12-25', working_day: false, queued: 0 },
    ]);
    expect(outcome.goodFriday).toEqual({ day: '2026-04-03', working_day: false, queued: 0 });
    expect(outcome.rowsBefore).toBe(0);
    expect(outcome.tuesday).toMatchObject({ day: '2026-04-07', working_day: true });
    expect(outcome.rows.find((r) => r.subject_id === ids.mine)?.overview_on).toBe('2026-04-07');
  });
});

describe('public.claim_outbox_messages', () => {
  it("hands the sender the coordinator's address while they are active, and the counts", async () => {
    const claimed = await rolledBack(async (db) => {
      await db.query(`delete from public.outbox_messages`);
      const counts = JSON.stringify({ ...zero, scope: 'own', new_unassigned: 1 });
      for (const id of [ids.mine, ids.inactive])
        await db.query(
          `insert into public.outbox_messages (template, recipient, subject_id, overview_on, overview_counts)
             values ('daily_overview', 'coordinator', $1, $2, $3)`,
          [id, DAY, counts],
        );
      return (
        await db.query<Record<string, unknown>>(
          `select to_address, reference, overview_on::text, overview_counts
             from public.claim_outbox_messages(10, 300, 10) order by to_address nulls last`,
        )
      ).rows;
    });
    const counts = { ...zero, scope: 'own', new_unassigned: 1 };
    expect(claimed).toEqual([
      {
        to_address: `${ids.mine}@test.invalid`,
        reference: null,
        overview_on: DAY,
        overview_counts: counts,
      },
      // Deactivated since it was queued: no address, so the sender gives up on it.
      { to_address: null, reference: null, overview_on: DAY, overview_counts: counts },
    ]);
  });
});

describe('npm run jobs', () => {
  it('run twice at once, and again, sends each overview once, with counts and links and no personal data', async () => {
    // Nothing else waits in the outbox; today's overview has not been queued; the clock on DAY.
    await sql(`delete from private.scheduled_job_runs where job = 'daily_overview'`);
    await sql(`delete from public.outbox_messages where template = 'daily_overview'`);
    await sql(`update public.outbox_messages set status = 'sent', sent_at = now(), locked_until = null
                where status <> 'sent'`);
    await pinToday(DAY);
    mock.delivered.length = 0;

    const runs = await Promise.all([runJobs(mock.url), runJobs(mock.url)]);

    for (const run of runs) expect(run.code, run.output).toBe(0);
    const lines = runs.map((run) => /^jobs: daily_overview: (.*)$/m.exec(run.output)?.[1] ?? '');
    expect(lines.filter((line) => line === 'already_ran')).toHaveLength(1);
    // And once more, after them: nothing new.
    const later = await runJobs(mock.url);
    expect(later.code, later.output).toBe(0);
    expect(later.output).toMatch(/^jobs: daily_overview: already_ran$/m);
    const mineAddress = `${ids.mine}@test.invalid`;
    const toMine = mock.delivered.filter((d) => d.payload.to.includes(mineAddress));
    expect(toMine).toHaveLength(1);
    expect(mock.delivered.some((d) => d.payload.to.includes(`${ids.off}@test.invalid`))).toBe(
      false,
    );
    expect(mock.delivered.some((d) => d.payload.to.includes(`${ids.inactive}@test.invalid`))).toBe(
      false,
    );
    const [stored] = await sql<{ overview_counts: Counts }>(
      `select overview_counts from public.outbox_messages
        where template = 'daily_overview' and subject_id = $1`,
      [ids.mine],
    );
    const email = toMine[0]?.payload;
    const text = email?.text ?? '';
    expect(email?.subject).toBe('Daglig oversikt fra søknadsportalen 24.11.2026');
    const n = stored?.overview_counts.new_unassigned ?? 0;
    expect(text).toContain(`${n} ${n === 1 ? 'ny søknad' : 'nye søknader'} som ingen har tatt`);
    expect(email?.html).toContain('/koordinator/?visning=nye');
    // No reference of any case in the stack; no name, address or phone of the seeded cases'
    // applicants, co-applicants or referees.
    const references = await sql<{ reference: string }>(
      `select reference from public.applications`,
    );
    const people = await sql<Record<string, string | null>>(
      `select full_name, email, phone, partner_name, partner_email, partner_phone
         from public.applications where id = any($1::uuid[])`,
      [Object.values(cases)],
    );
    const referees = await sql<Record<string, string>>(
      `select full_name, email, phone from public.referees where application_id = any($1::uuid[])`,
      [Object.values(cases)],
    );
    const personal = [
      ...references.map((r) => r.reference),
      ...[...people, ...referees].flatMap((row) => Object.values(row)),
    ].filter((value): value is string => typeof value === 'string' && value !== '');
    expect(personal).toContain('Ola Testesen');
    for (const value of personal) {
      expect(text).not.toContain(value);
      expect(email?.html ?? '').not.toContain(value);
    }
  });
});

describe('public.coordinator_settings through PostgREST', () => {
  const failing = (): [string, () => Db][] => [
    ['anon', () => anon()],
    ['service_role (the server key)', () => service()],
    ['a signed-in user who is not a coordinator', () => stranger],
    ['a deactivated coordinator', () => inactive],
    ['a signed-out coordinator', () => signedOut],
  ];

  it('a coordinator reads and changes only their own setting', async () => {
    const save = await mine
      .from('coordinator_settings')
      .upsert({ user_id: ids.mine, daily_overview: false }, { onConflict: 'user_id' });
    expect(save.error).toBeNull();
    const again = await mine
      .from('coordinator_settings')
      .upsert({ user_id: ids.mine, daily_overview: true }, { onConflict: 'user_id' });
    expect(again.error).toBeNull();
    const read = await mine.from('coordinator_settings').select('user_id, daily_overview');
    expect(read.data).toEqual([{ user_id: ids.mine, daily_overview: true }]);

    // Someone else's row: refused on insert, untouched by update, for a colleague and a lead.
    for (const who of [other, lead]) {
      const insert = await who
        .from('coordinator_settings')
        .upsert({ user_id: ids.mine, daily_overview: false }, { onConflict: 'user_id' });
      expect(insert.error?.code).toBe('42501');
      const update = await who
        .from('coordinator_settings')
        .update({ daily_overview: false })
        .eq('user_id', ids.mine)
        .select();
      expect(update.data).toEqual([]);
      // Moving one's own row onto another's id is refused too.
      const moved = await who
        .from('coordinator_settings')
        .upsert({ user_id: ids.off, daily_overview: true }, { onConflict: 'user_id' });
      expect(moved.error?.code).toBe('42501');
    }
    const [row] = await sql<{ daily_overview: boolean }>(
      'select daily_overview from public.coordinator_settings where user_id = $1',
      [ids.mine],
    );
    expect(row?.daily_overview).toBe(true);
    const [offRow] = await sql<{ daily_overview: boolean }>(
      'select daily_overview from public.coordinator_settings where user_id = $1',
      [ids.off],
    );
    expect(offRow?.daily_overview).toBe(false);
  });

  it('logs each change with its value', async () => {
    await off.from('coordinator_settings').update({ daily_overview: true }).eq('user_id', ids.off);
    await off.from('coordinator_settings').update({ daily_overview: false }).eq('user_id', ids.off);
    const log = await sql<{ actor_id: string; changes: unknown }>(
      `select actor_id, changes from public.audit_log
        where table_name = 'coordinator_settings' and row_key = $1 and action = 'update'
        order by id`,
      [ids.off],
    );
    expect(log).toEqual([
      { actor_id: ids.off, changes: { daily_overview: { old: false, new: true } } },
      { actor_id: ids.off, changes: { daily_overview: { old: true, new: false } } },
    ]);
  });

  it('refuses anon, the server key, non-coordinators, deactivated and signed-out coordinators', async () => {
    for (const [who, as] of failing()) {
      const read = await as().from('coordinator_settings').select('user_id');
      expect(read.error?.code, who).toBe('42501');
      const write = await as()
        .from('coordinator_settings')
        .upsert({ user_id: ids.inactive, daily_overview: false }, { onConflict: 'user_id' });
      expect(write.error?.code, who).toBe('42501');
    }
    expect(
      await sql('select 1 from public.coordinator_settings where user_id = $1', [ids.inactive]),
    ).toEqual([]);
  });
});
