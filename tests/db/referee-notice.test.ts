// The referees' art. 14 notice (issue 24 follow-up): a referee nobody has asked 25 days after the
// application came in gets one referee_notice e-mail through the outbox, whatever the case's
// status (private.send_referee_notices, a daily job of the scheduler); one asked through
// request_references gets none; never twice. The sender claims it with the address and the two
// names and no link token. No API role may run the job. The job's runs with a future `as_of` are
// made in transactions that are rolled back, so they queue nothing for other files' cases.
import type pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { anon, service, sql, withDb } from '../support/db.ts';
import { journal, linkRoles, refereesOf, type LinkRoles } from '../support/db-links.ts';
import { newCase, referenceOf, walk } from '../support/screening.ts';

let roles: LinkRoles;
beforeAll(async () => {
  roles = await linkRoles();
});

const DAY = 86_400_000;

/** Runs `fn` on one connection as the owner, in a transaction that is rolled back. */
const rolledBack = <T>(fn: (db: pg.Client) => Promise<T>) =>
  withDb(async (db) => {
    await db.query('begin');
    try {
      return await fn(db);
    } finally {
      await db.query('rollback');
    }
  });

/** What the job did for one case: its notices in the outbox and its referees' notified_at. */
async function noticesOf(db: pg.Client, id: string) {
  const messages = await db.query<{ template: string; recipient: string; subject_id: string }>(
    `select template, recipient, subject_id from public.outbox_messages
      where application_id = $1 and template = 'referee_notice' order by subject_id`,
    [id],
  );
  const referees = await db.query<{ id: string; notified: boolean }>(
    `select id, notified_at is not null as notified from public.referees
      where application_id = $1 order by id`,
    [id],
  );
  return { messages: messages.rows, referees: referees.rows };
}

/**
 * The job as the scheduler calls it, with `as_of` this many days after the case came in (computed
 * in SQL: received_at has microseconds, a JavaScript Date only milliseconds).
 */
const notice = async (db: pg.Client, id: string, days: number) =>
  (
    await db.query<{ queued: number }>(
      `select private.send_referee_notices(received_at + $2 * interval '1 day') as queued
         from public.applications where id = $1`,
      [id, days],
    )
  ).rows[0]?.queued ?? 0;

const receivedAtOf = async (id: string) =>
  (
    await sql<{ received_at: Date }>('select received_at from public.applications where id = $1', [
      id,
    ])
  )[0]?.received_at ?? new Date(0);

describe('the notice to referees nobody has asked', () => {
  it('goes once to each, 25 days after the application came in, and not before', async () => {
    const id = await newCase('besokshjem');
    const referees = await refereesOf(id);
    expect(referees.map((r) => r.status)).toEqual(['not_asked', 'not_asked']);
    const outcome = await rolledBack(async (db) => {
      await notice(db, id, 24.99);
      const early = await noticesOf(db, id);
      const queued = await notice(db, id, 25);
      const due = await noticesOf(db, id);
      // Later runs, days later too, queue nothing more.
      await notice(db, id, 25);
      await notice(db, id, 40);
      return { early, queued, due, again: await noticesOf(db, id) };
    });
    const ids = referees.map((r) => r.id).sort();
    expect(outcome.early).toEqual({
      messages: [],
      referees: ids.map((id) => ({ id, notified: false })),
    });
    expect(outcome.queued).toBeGreaterThanOrEqual(2);
    const told = {
      messages: ids.map((id) => ({
        template: 'referee_notice',
        recipient: 'referee',
        subject_id: id,
      })),
      referees: ids.map((id) => ({ id, notified: true })),
    };
    expect(outcome.due).toEqual(told);
    expect(outcome.again).toEqual(told);
  });

  it('not to referees a coordinator has asked (their request told them), whatever happens next', async () => {
    const id = await newCase('tilsynsperson');
    const { error } = await roles.coordinator.rpc('request_references', {
      application_reference: await referenceOf(id),
    });
    expect(error).toBeNull();
    const outcome = await rolledBack(async (db) => {
      await notice(db, id, 30);
      return noticesOf(db, id);
    });
    expect(outcome.messages).toEqual([]);
    expect(outcome.referees.every((r) => !r.notified)).toBe(true);
  });

  it('also when the case has ended before anyone asked', async () => {
    const id = await newCase('tilsynsperson');
    await walk(roles.coordinator, id, 'tilsynsperson', 'withdrawn');
    await journal(roles.coordinator, id);
    const outcome = await rolledBack(async (db) => {
      await notice(db, id, 25);
      return noticesOf(db, id);
    });
    expect(outcome.messages).toHaveLength(2);
  });

  it('the sender claims it with the address and the two names, and no link token', async () => {
    const id = await newCase('besokshjem');
    const [referee] = await refereesOf(id);
    // First in the queue, so that this claim of one takes exactly this message.
    await sql(
      `insert into public.outbox_messages (application_id, template, recipient, subject_id, next_attempt_at)
       values ($1, 'referee_notice', 'referee', $2, '2000-01-01')`,
      [id, referee?.id],
    );
    const { data, error } = await service().rpc('claim_outbox_messages', { batch: 1 });
    expect(error).toBeNull();
    expect(data?.[0]).toMatchObject({
      template: 'referee_notice',
      recipient: 'referee',
      to_address: referee?.email,
      applicant_name: 'Kari Testesen',
      recipient_name: referee?.full_name,
      link_token: null,
    });
    const [tokens] = await sql<{ n: number }>(
      'select count(*)::int as n from private.link_tokens where application_id = $1',
      [id],
    );
    expect(tokens?.n).toBe(0);
    await sql(
      `update public.outbox_messages set status = 'sent', sent_at = now(), locked_until = null
        where application_id = $1`,
      [id],
    );
  });
});

describe('who runs it', () => {
  it('no API role, the server key neither (it could notify early)', async () => {
    for (const [label, who] of [
      ['anon', anon()],
      ['a coordinator', roles.coordinator],
      ['a lead', roles.lead],
      ['service_role (the server key)', service()],
    ] as const) {
      const { data, error } = await who.rpc('send_referee_notices' as never, {} as never);
      expect(error?.code, label).toBe('PGRST202');
      expect(data, label).toBeNull();
    }
  });

  it('the scheduler, daily from 08:00 (Oslo)', async () => {
    const definition = (
      await sql<{ body: string }>(
        "select pg_get_functiondef('private.run_scheduled_jobs(timestamptz)'::regprocedure) as body",
      )
    )[0]?.body;
    expect(definition).toMatch(
      /run_daily_job\('referee_notices', 'private\.send_referee_notices\(timestamptz\)', as_of, '08:00'\)/,
    );
    // And it runs there: 26 days on at 09:00 Oslo time, a day whose row nobody has claimed.
    const id = await newCase('besokshjem');
    const day = new Date((await receivedAtOf(id)).getTime() + 26 * DAY);
    const asOf = `${day.toISOString().slice(0, 10)} 09:00 Europe/Oslo`;
    const outcome = await rolledBack(async (db) => {
      const ran = await db.query<{ summary: Record<string, unknown> }>(
        'select private.run_scheduled_jobs($1) as summary',
        [asOf],
      );
      return { summary: ran.rows[0]?.summary, notices: await noticesOf(db, id) };
    });
    expect(outcome.summary?.['referee_notices']).toEqual(expect.any(Number));
    expect(outcome.notices.messages).toHaveLength(2);
  });
});
