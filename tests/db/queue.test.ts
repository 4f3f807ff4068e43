// The screening queue: the receipt date and contact deadline stored with each application
// (Europe/Oslo), the flags the queue view computes as of the screening clock, the counts and rows
// of each view as the workspace loads them, and the plan that keeps the queue fast at 100,000
// applications. Expected dates are written out by hand, independently of the SQL.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { QUEUE_PAGE_SIZE, type QueueView } from '../../src/lib/coordinator/workspace.ts';
import { addMonths, osloDate } from '../../src/lib/dates.ts';
import { ENDED_COUNT_CAP, loadQueue } from '../../src/lib/server/screening/queue.ts';
import { addUser, client, sql, stack, storeApplication, userToken, withDb } from '../support/db.ts';
import { applicationPayload, insertPayloadSql } from '../support/payloads.ts';
import { beginAsCoordinator, queueSeedSql } from '../support/queue-seed.ts';
import { addWorkingDays } from '../support/working-days.ts';
import { openSession, sessionClaims } from '../support/sessions.ts';
import {
  addDays,
  newCase,
  pinToday,
  referenceOf,
  today,
  walk,
  type Db,
} from '../support/screening.ts';

const ids = { coordinator: randomUUID() };
let coordinator: Db;

beforeAll(async () => {
  coordinator = await addUser(ids.coordinator, { name: 'Kø Test' });
});

afterEach(() => pinToday(null));

/** Inserts an application received at `receivedAt` as the superuser; returns its id. */
async function insertReceived(db: pg.Client, receivedAt: string): Promise<string> {
  const payload = applicationPayload('tilsynsperson');
  const result = await db.query<{ id: string }>(
    `${insertPayloadSql(payload, {
      reference: `'TP-2222-2222'`,
      received_at: '$2::timestamptz',
      heard_about: 'null',
      privacy_version: `'v1'`,
    })}
     returning id`,
    [JSON.stringify(payload), receivedAt],
  );
  return result.rows[0]?.id ?? '';
}

type Dates = { received_on: string; contact_due_on: string };

const storedDates = async (db: pg.Client, id: string): Promise<Dates | undefined> =>
  (
    await db.query<Dates>(
      `select received_on::text, contact_due_on::text from public.applications where id = $1`,
      [id],
    )
  ).rows[0];

/** Runs `fn` in a transaction that is rolled back, so nothing is left behind. */
const rolledBack = <T>(fn: (db: pg.Client) => Promise<T>) =>
  withDb(async (db) => {
    await db.query('begin');
    try {
      return await fn(db);
    } finally {
      await db.query('rollback');
    }
  });

// [received_at (UTC), received_on in Oslo, contact_due_on, why]. 2026-11-20 is a Friday; Easter
// Sunday 2026 is 5 April (Maundy Thursday to Easter Monday are not working days), Christmas Day a
// Friday. tests/db/working-days.test.ts tests the counting itself.
const cases: [string, string, string, string][] = [
  ['2026-11-23T09:00:00Z', '2026-11-23', '2026-11-30', 'Monday: the Monday a week later'],
  ['2026-11-20T12:00:00Z', '2026-11-20', '2026-11-27', 'Friday: the Friday a week later'],
  ['2026-11-21T10:00:00Z', '2026-11-21', '2026-11-27', 'Saturday: the Friday six days later'],
  ['2026-11-22T10:00:00Z', '2026-11-22', '2026-11-27', 'Sunday: the Friday five days later'],
  ['2026-11-20T22:59:00Z', '2026-11-20', '2026-11-27', '23:59 on a Friday in Oslo (winter, +1)'],
  ['2026-11-20T23:30:00Z', '2026-11-21', '2026-11-27', '00:30 on Saturday in Oslo, Friday in UTC'],
  ['2026-11-22T22:30:00Z', '2026-11-22', '2026-11-27', '23:30 on Sunday in Oslo'],
  ['2026-11-22T23:30:00Z', '2026-11-23', '2026-11-30', '00:30 on Monday in Oslo, Sunday in UTC'],
  ['2026-06-30T21:59:00Z', '2026-06-30', '2026-07-07', '23:59 on a Tuesday in Oslo (summer, +2)'],
  ['2026-06-30T22:00:00Z', '2026-07-01', '2026-07-08', 'midnight in Oslo (summer, +2)'],
  ['2026-03-29T00:30:00Z', '2026-03-29', '2026-04-08', 'summer time starts on Palm Sunday: Easter'],
  ['2026-12-23T12:00:00Z', '2026-12-23', '2026-12-31', 'Wednesday before Christmas'],
  ['2026-12-31T23:30:00Z', '2027-01-01', '2027-01-08', 'New Year in Oslo, still 2026 in UTC'],
];

describe('stored receipt date and contact deadline (Europe/Oslo)', () => {
  it.each(cases)('received %s: received_on %s, contact due %s (%s)', async (at, on, due) => {
    const stored = await rolledBack(async (db) => storedDates(db, await insertReceived(db, at)));
    expect(stored).toEqual({ received_on: on, contact_due_on: due });
  });

  it.each(cases)(
    'received %s, bulk-loaded with triggers off (replica): still %s and %s',
    async (at, on, due) => {
      const stored = await rolledBack(async (db) => {
        await db.query('set local session_replication_role = replica');
        return storedDates(db, await insertReceived(db, at));
      });
      expect(stored).toEqual({ received_on: on, contact_due_on: due });
    },
  );

  it.each(cases)('moved to %s by an update: %s and %s', async (at, on, due) => {
    const stored = await rolledBack(async (db) => {
      const id = await insertReceived(db, '2026-01-07T12:00:00Z');
      await db.query('set local session_replication_role = replica');
      await db.query('update public.applications set received_at = $2 where id = $1', [id, at]);
      return storedDates(db, id);
    });
    expect(stored).toEqual({ received_on: on, contact_due_on: due });
  });

  it.each(cases)(
    'received %s: the queue shows %s as received and counts from contact due %s',
    async (at, on, due) => {
      const deadlineCoordinator = randomUUID();
      const rows = await rolledBack(async (db) => {
        const id = await insertReceived(db, at);
        await db.query(
          `insert into auth.users (id, email, aud, role)
             values ($1::uuid, $1::text || '@test.invalid', 'authenticated', 'authenticated')`,
          [deadlineCoordinator],
        );
        await db.query(
          `insert into public.coordinators (user_id, name) values ($1, 'Test Frist')`,
          [deadlineCoordinator],
        );
        const queueAsOf = async (today: string) => {
          await db.query('update private.screening_clock set pinned_today = $1', [today]);
          const session = await openSession(db, deadlineCoordinator);
          await db.query('set local role authenticated');
          await db.query(`select set_config('request.jwt.claims', $1, true)`, [
            sessionClaims(deadlineCoordinator, session),
          ]);
          const row = (
            await db.query(
              `select days_since_received, contact_due_on::text, no_contact_overdue, urgency
                 from public.screening_queue where id = $1`,
              [id],
            )
          ).rows[0] as Record<string, unknown> | undefined;
          await db.query('reset role');
          return row;
        };
        return [await queueAsOf(due), await queueAsOf(addDays(due, 1))];
      });
      const daysToDue = (Date.parse(due) - Date.parse(on)) / 86_400_000;
      expect(rows).toEqual([
        {
          days_since_received: daysToDue,
          contact_due_on: due,
          no_contact_overdue: false,
          urgency: 0,
        },
        {
          days_since_received: daysToDue + 1,
          contact_due_on: due,
          no_contact_overdue: true,
          urgency: 2,
        },
      ]);
    },
  );

  it('cannot be written apart from received_at', async () => {
    const outcome = await rolledBack(async (db) => {
      const id = await insertReceived(db, '2026-11-22T23:30:00Z');
      await db.query(`update public.applications set received_on = '2020-01-01' where id = $1`, [
        id,
      ]);
      const afterUpdate = await storedDates(db, id);
      const generated = await db
        .query(`update public.applications set contact_due_on = '2020-01-01' where id = $1`, [id])
        .then(() => 'updated')
        .catch((error: { code?: string }) => error.code);
      return { afterUpdate, generated };
    });
    expect(outcome).toEqual({
      afterUpdate: { received_on: '2026-11-23', contact_due_on: '2026-11-30' },
      generated: '428C9', // cannot write a generated column
    });
  });

  it('is set for an application submitted by the public site', async () => {
    const payload = applicationPayload('besokshjem');
    await storeApplication(payload);
    const [stored] = await withDb(
      async (db) =>
        (
          await db.query<{ received_on: string; matches: boolean }>(
            `select received_on::text,
                    received_on = (received_at at time zone 'Europe/Oslo')::date as matches
               from public.applications where submission_id = $1`,
            [payload['submission_id']],
          )
        ).rows,
    );
    expect(stored?.matches).toBe(true);
    // The test ran just now, so received_on is today in Oslo (or yesterday, across midnight).
    const now = new Date();
    expect([osloDate(now), osloDate(new Date(now.getTime() - 60_000))]).toContain(
      stored?.received_on,
    );
  });

  it('the screening queue reads the stored dates rather than converting received_at per row', async () => {
    const definition = await withDb(
      async (db) =>
        (
          await db.query<{ sql: string }>(
            `select pg_get_viewdef('public.screening_queue'::regclass) as sql`,
          )
        ).rows[0]?.sql ?? '',
    );
    expect(definition).toMatch(/a\.received_on/);
    expect(definition).toMatch(/a\.contact_due_on/);
    expect(definition).not.toMatch(/received_at AT TIME ZONE/i);
  });
});

describe('the queue view', () => {
  it('shows certificate validity, contact deadline and flags, as of the clock', async () => {
    const withCertificate = await newCase('besokshjem', {
      certificate_status: 'har',
      certificate_issued_on: today(),
    });
    const without = await newCase('tilsynsperson');
    const closed = await newCase('tilsynsperson');
    await walk(coordinator, closed, 'tilsynsperson', 'withdrawn');
    const validUntil = addMonths(today(), 3);

    const queue = async (date: string) => {
      await pinToday(date);
      const { data, error } = await coordinator
        .from('screening_queue')
        .select('*')
        .in('id', [withCertificate, without, closed]);
      expect(error).toBeNull();
      return new Map((data ?? []).map((row) => [row.id, row]));
    };

    // Five Norwegian working days after today, by the test's own oracle (date-holidays).
    const due = addWorkingDays(today(), 5);

    let rows = await queue(due);
    expect(rows.has(closed)).toBe(false);
    expect(rows.get(withCertificate)).toMatchObject({
      certificate_valid_until: validUntil,
      certificate_missing: false,
      certificate_expiring: false,
      certificate_expired: false,
      contact_due_on: due,
      no_contact_overdue: false,
      urgency: 0,
    });
    expect(rows.get(without)).toMatchObject({ certificate_missing: true, urgency: 0 });

    rows = await queue(addDays(due, 1));
    expect(rows.get(without)).toMatchObject({
      no_contact_overdue: true,
      days_since_last_contact: null,
      urgency: 2,
    });

    rows = await queue(addDays(validUntil, -14));
    expect(rows.get(withCertificate)).toMatchObject({
      certificate_days_left: 14,
      certificate_expiring: true,
    });
    rows = await queue(addDays(validUntil, 1));
    expect(rows.get(withCertificate)).toMatchObject({
      certificate_days_left: -1,
      certificate_expiring: false,
      certificate_expired: true,
      urgency: 2,
    });

    // A contact note counts as contact and clears the overdue flag.
    await pinToday(null);
    await coordinator
      .from('application_notes')
      .insert({ application_id: without, body: 'Ringte søkeren.', is_contact: true });
    rows = await queue(addDays(due, 1));
    expect(rows.get(without)).toMatchObject({
      last_contact_on: today(),
      no_contact_overdue: false,
    });
  });
});

describe('the queue: counts and rows per view match the database', () => {
  type OpenView = Exclude<QueueView, 'ikke-journalfort'>;
  it.each(['nye', 'mine', 'alle', 'haster'] as OpenView[])('%s', async (view) => {
    // Some cases of each kind: new, mine, someone else's, urgent (no contact past the deadline).
    const mine = { id: await newCase('besokshjem'), reference: '' };
    mine.reference = await referenceOf(mine.id);
    await coordinator.from('applications').update({ status: 'in_review' }).eq('id', mine.id);
    await newCase('tilsynsperson');
    await newCase('besokshjem');
    // Thirty days on, the cases without contact are past their deadline: urgent.
    const later = new Date(Date.now() + 30 * 86_400_000);
    await pinToday(osloDate(later));
    const where: Record<OpenView, string> = {
      nye: `status = 'received'`,
      mine: `assigned_to = '${ids.coordinator}'`,
      alle: 'true',
      haster: 'urgency in (1, 2)',
    };
    const expected = await sql<{ reference: string }>(
      `select reference from public.screening_queue where ${where[view]} order by urgency desc, received_at limit ${QUEUE_PAGE_SIZE}`,
    );
    const counts = await sql<Record<QueueView, number>>(
      `select count(*) filter (where status = 'received')::int as nye,
              count(*) filter (where assigned_to = '${ids.coordinator}')::int as mine,
              count(*)::int as alle,
              count(*) filter (where urgency in (1, 2))::int as haster,
              (select count(*)::int from (select from public.journal_queue limit ${ENDED_COUNT_CAP + 1}) as e)
                as "ikke-journalfort"
         from public.screening_queue`,
    );
    const page = await loadQueue(coordinator as never, ids.coordinator, view, '', 1);
    expect(page.counts).toEqual(counts[0]);
    expect(page.rows.map((r) => r.reference)).toEqual(expected.map((r) => r.reference));
    expect(page.counts[view]).toBeGreaterThan(0);

    const search = await loadQueue(
      coordinator as never,
      ids.coordinator,
      'alle',
      mine.reference.toLowerCase(),
      1,
    );
    expect(search.rows.map((r) => r.reference)).toEqual([mine.reference]);
  });
});

describe('the queue: ended cases not yet journalført', () => {
  it('lists them oldest decision first until they are journalført, and counts them', async () => {
    const declined = await newCase('tilsynsperson');
    await walk(coordinator, declined, 'tilsynsperson', 'declined');
    const withdrawn = await newCase('besokshjem');
    await walk(coordinator, withdrawn, 'besokshjem', 'withdrawn');
    const open = await newCase('besokshjem');
    const declinedRef = await referenceOf(declined);
    const withdrawnRef = await referenceOf(withdrawn);
    const openRef = await referenceOf(open);
    // The withdrawn one ended first.
    await sql(
      `set session_replication_role = replica;
       update public.applications set status_changed_at = now() - interval '2 days' where id = '${withdrawn}';`,
    );
    const listed = async () => {
      const page = await loadQueue(
        coordinator as never,
        ids.coordinator,
        'ikke-journalfort',
        '',
        1,
      );
      const [count] = await sql<{ n: number }>(
        'select count(*)::int as n from public.journal_queue',
      );
      expect(page.counts['ikke-journalfort']).toBe(count?.n);
      expect(page.rows).toEqual([]);
      return page.ended.map((row) => row.reference);
    };
    let references = await listed();
    expect(references).toContain(declinedRef);
    expect(references.indexOf(withdrawnRef)).toBeLessThan(references.indexOf(declinedRef));
    expect(references).not.toContain(openRef);

    const search = await loadQueue(
      coordinator as never,
      ids.coordinator,
      'ikke-journalfort',
      declinedRef.toLowerCase(),
      1,
    );
    expect(search.ended.map((row) => row.reference)).toEqual([declinedRef]);
    expect(search.total).toBe(1);

    const { error } = await coordinator
      .from('applications')
      .update({ journal_reference: '2026/77-1' })
      .eq('id', declined);
    expect(error).toBeNull();
    references = await listed();
    expect(references).not.toContain(declinedRef);
    expect(references).toContain(withdrawnRef);
  });

  it('anon and a signed-in non-coordinator read nothing of it', async () => {
    const strangerId = randomUUID();
    const stranger = await addUser(strangerId);
    for (const as of [stranger, client(stack().anonKey)]) {
      const { data, error } = await as.from('journal_queue').select('reference');
      expect(data ?? []).toEqual([]);
      expect(error?.code).toBe('42501');
    }
    const service = await client(stack().serviceRoleKey).from('journal_queue').select('reference');
    expect(service.error?.code).toBe('42501');
  });
});

describe('the screening queue at 100,000 applications', () => {
  // The seed (tests/support/queue-seed.ts) is made for these tests only and removed after them.
  // Seeding takes the db project's hook timeout (tests/vitest.config.ts), which leaves room for a
  // loaded machine. How fast is measured by `npm run bench`; these check the plan that makes it
  // fast, and fail when an index or the keyed checklist lookup is lost.
  const total = 100_000;
  const seedCoordinator = '00000000-0000-4000-8000-00000000fe01';

  beforeAll(async () => {
    await withDb(async (db) => {
      await db.query(
        queueSeedSql({
          rows: total,
          coordinatorId: seedCoordinator,
          coordinatorEmail: 'perf@test.invalid',
          coordinatorName: 'Ytelse Test',
          marker: 'perf-test',
          referenceOffset: 0,
        }),
      );
    });
  });

  afterAll(async () => {
    await withDb((db) =>
      db.query(`
        set session_replication_role = replica;
        delete from public.application_checklists
          where application_id in (select id from public.applications where privacy_version = 'perf-test');
        delete from public.applications where privacy_version = 'perf-test';
        delete from public.coordinators where user_id = '${seedCoordinator}';
        delete from auth.users where id = '${seedCoordinator}';`),
    );
  });

  it('outside its own view the count of ended cases stops at ENDED_COUNT_CAP; its own view counts all', async () => {
    const [all] = await sql<{ n: number }>('select count(*)::int as n from public.journal_queue');
    expect(all?.n).toBeGreaterThan(ENDED_COUNT_CAP);
    const open = await loadQueue(coordinator as never, ids.coordinator, 'alle', '', 1);
    expect(open.counts['ikke-journalfort']).toBe(ENDED_COUNT_CAP + 1);
    expect(open.endedOverCap).toBe(true);
    const own = await loadQueue(coordinator as never, ids.coordinator, 'ikke-journalfort', '', 1);
    expect(own.counts['ikke-journalfort']).toBe(all?.n);
    expect(own.endedOverCap).toBe(false);
    expect(own.pages).toBe(Math.ceil((all?.n ?? 0) / QUEUE_PAGE_SIZE));
  });

  it('reads open applications through the partial index and looks up each checklist by key', async () => {
    const plan = await withDb(async (db) => {
      await beginAsCoordinator(db, seedCoordinator);
      const rows = (
        await db.query<{ 'QUERY PLAN': string }>(
          'explain (costs off) select * from public.screening_queue',
        )
      ).rows.map((row) => row['QUERY PLAN']);
      await db.query('rollback');
      return rows.join('\n');
    });
    expect(plan).toMatch(/applications_open_queue_idx/);
    expect(plan).toMatch(/Index Scan using application_checklists_application_id_hash_idx/);
    expect(plan).not.toMatch(/Seq Scan/);
  });

  it('gives a coordinator the first page and the count of open cases through PostgREST', async () => {
    const seeded = client(stack().anonKey, await userToken(seedCoordinator));
    const page = await seeded.from('screening_queue').select('*').limit(50);
    const count = await seeded.from('screening_queue').select('id', { count: 'exact', head: true });
    expect(page.error).toBeNull();
    expect(page.data).toHaveLength(50);
    expect(count.error).toBeNull();
    expect(count.count).toBeGreaterThanOrEqual(total / 100);
  });
});
