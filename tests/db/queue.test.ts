import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { osloDate } from '../../src/lib/dates.ts';
import { service, withDb } from '../support/db.ts';
import { applicationPayload, insertPayloadSql } from '../support/payloads.ts';

// applications.received_on (the receipt date in Europe/Oslo) and contact_due_on (5 working days
// later) are stored when an application arrives, and the screening queue reads them instead of
// converting received_at per row. These tests pin the stored values, whichever way a row is
// written. Expected dates are written out by hand, independently of the SQL.

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

const addDays = (iso: string, days: number) => {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

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

// [received_at (UTC), received_on in Oslo, contact_due_on, why]. 2026-11-20 is a Friday.
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
  ['2026-03-29T00:30:00Z', '2026-03-29', '2026-04-03', 'the Sunday summer time starts'],
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
      const coordinator = randomUUID();
      const rows = await rolledBack(async (db) => {
        const id = await insertReceived(db, at);
        await db.query(
          `insert into auth.users (id, email, aud, role)
             values ($1::uuid, $1::text || '@test.invalid', 'authenticated', 'authenticated')`,
          [coordinator],
        );
        await db.query(
          `insert into public.coordinators (user_id, name) values ($1, 'Test Frist')`,
          [coordinator],
        );
        const queueAsOf = async (today: string) => {
          await db.query('update private.screening_clock set pinned_today = $1', [today]);
          await db.query('set local role authenticated');
          await db.query(`select set_config('request.jwt.claims', $1, true)`, [
            JSON.stringify({ sub: coordinator, role: 'authenticated' }),
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
    const { error } = await service().rpc('submit_application', { application: payload } as never);
    expect(error).toBeNull();
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
