/**
 * Scheduled work in one place: private.run_scheduled_jobs (what pg_cron calls) runs each daily job
 * once a day, at or after its time, on working days when asked, and a failing job neither stops the
 * others nor counts as run; `npm run jobs` (src/cli/jobs.ts, the real command) runs it through
 * public.run_scheduled_jobs with the service-role key and then sends the outbox, and two runs at
 * once do each job's work once and send each e-mail once. Only the service role may call it.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../supabase/local/stack.ts';
import { addUser, client, sql, stack, storeApplication, withDb } from '../support/db.ts';
import { runJobs } from '../support/jobs.ts';
import { applicationPayload } from '../support/payloads.ts';
import { startResendMock, type ResendMock } from '../support/resend-mock.ts';
import { newCase, walk, type Db } from '../support/screening.ts';

let mock: ResendMock;
let coordinator: Db;
let lead: Db;

beforeAll(async () => {
  mock = await startResendMock();
  coordinator = await addUser(randomUUID(), { name: 'Jobb Koordinator' });
  lead = await addUser(randomUUID(), { name: 'Jobb Leder', role: 'lead' });
});
afterAll(() => mock?.close());

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

describe('private.run_daily_job', () => {
  /** A job that counts its calls, and one that fails, as pg_temp functions of the connection. */
  const jobs = async (db: pg.Client) => {
    await db.query(`create table pg_temp.calls (at timestamptz)`);
    await db.query(`create function pg_temp.counting(as_of timestamptz) returns jsonb language sql
      as $$ insert into pg_temp.calls values (as_of); select jsonb_build_object('done', 1) $$`);
    await db.query(`create function pg_temp.failing(as_of timestamptz) returns jsonb language plpgsql
      as $$ begin insert into pg_temp.calls values (as_of); raise exception 'boom'; end $$`);
  };
  const run = async (db: pg.Client, args: string) =>
    (await db.query<{ r: unknown }>(`select private.run_daily_job(${args}) as r`)).rows[0]?.r;
  const calls = async (db: pg.Client) =>
    (await db.query<{ n: number }>('select count(*)::int as n from pg_temp.calls')).rows[0]?.n;

  it('runs a job once a day, from its time of day, on working days when asked', async () => {
    const outcome = await rolledBack(async (db) => {
      await jobs(db);
      const job = `'test_counting', 'pg_temp.counting(timestamptz)'`;
      return {
        goodFriday: await run(db, `${job}, '2026-04-03 10:00+02', '07:00', true`),
        tooEarly: await run(db, `${job}, '2026-04-07 06:59+02', '07:00', true`),
        first: await run(db, `${job}, '2026-04-07 07:00+02', '07:00', true`),
        again: await run(db, `${job}, '2026-04-07 16:00+02', '07:00', true`),
        // 23:30 UTC on 7 April is 01:30 on 8 April in Oslo: a new day there.
        nextDay: await run(db, `${job}, '2026-04-07 23:30+00'`),
        calls: await calls(db),
        rows: (
          await db.query(
            `select run_on::text, result from private.scheduled_job_runs
              where job = 'test_counting' order by run_on`,
          )
        ).rows,
      };
    });
    expect(outcome).toEqual({
      goodFriday: { test_counting: 'not_yet' },
      tooEarly: { test_counting: 'not_yet' },
      first: { test_counting: { done: 1 } },
      again: { test_counting: 'already_ran' },
      nextDay: { test_counting: { done: 1 } },
      calls: 2,
      rows: [
        { run_on: '2026-04-07', result: { done: 1 } },
        { run_on: '2026-04-08', result: { done: 1 } },
      ],
    });
  });

  it('a failing job is undone, reported by its SQLSTATE only, and tried again by the next run', async () => {
    const outcome = await rolledBack(async (db) => {
      await jobs(db);
      const failing = await run(db, `'test_failing', 'pg_temp.failing(timestamptz)', now()`);
      const after = await run(db, `'test_counting', 'pg_temp.counting(timestamptz)', now()`);
      const claimed = (
        await db.query(`select job from private.scheduled_job_runs where job like 'test_%'`)
      ).rows;
      const retried = await run(db, `'test_failing', 'pg_temp.failing(timestamptz)', now()`);
      return { failing, after, claimed, retried, calls: await calls(db) };
    });
    expect(outcome).toEqual({
      failing: { test_failing: { error: 'P0001' } },
      after: { test_counting: { done: 1 } },
      claimed: [{ job: 'test_counting' }],
      retried: { test_failing: { error: 'P0001' } },
      calls: 1, // the failing job's own insert was undone with it
    });
  });
});

describe('npm run jobs', () => {
  it('run twice at once: the retention job runs once, each e-mail is sent once', async () => {
    // Today's retention has not run yet in this stack, and nothing else waits in the outbox.
    await sql(`delete from private.scheduled_job_runs where job = 'retention'`);
    await sql(`update public.outbox_messages set status = 'sent', sent_at = now(), locked_until = null
                where status <> 'sent'`);
    // A declined case, journalført, decided seven months ago: the retention job deletes it.
    const old = await newCase('tilsynsperson');
    await walk(coordinator, old, 'tilsynsperson', 'declined');
    await coordinator.from('applications').update({ journal_reference: '2026/77-1' }).eq('id', old);
    await sql(
      `set session_replication_role = replica;
       update public.applications set status_changed_at = now() - interval '7 months',
              received_at = now() - interval '8 months' where id = '${old}';`,
    );
    // A new application: its receipt and notice wait in the outbox.
    const reference = await storeApplication(applicationPayload('besokshjem'));
    const [mark] = await sql<{ id: number }>(
      'select coalesce(max(id), 0)::int as id from public.audit_log',
    );
    mock.delivered.length = 0;

    const runs = await Promise.all([runJobs(mock.url), runJobs(mock.url)]);

    for (const run of runs) expect(run.code, run.output).toBe(0);
    const retention = runs.map((run) => /^jobs: retention: (.*)$/m.exec(run.output)?.[1] ?? '');
    expect(retention.filter((line) => line === 'already_ran')).toHaveLength(1);
    const ran = JSON.parse(retention.find((line) => line !== 'already_ran') ?? '{}') as {
      deleted_applications?: number;
    };
    expect(ran.deleted_applications).toBeGreaterThanOrEqual(1);
    expect(await sql('select 1 from public.applications where id = $1', [old])).toEqual([]);
    const retentionRows = await sql(
      `select 1 from public.audit_log where action = 'retention' and id > $1`,
      [mark?.id ?? 0],
    );
    expect(retentionRows).toHaveLength(1);
    expect(
      await sql(`select run_on from private.scheduled_job_runs where job = 'retention'`),
    ).toHaveLength(1);
    const sent = mock.delivered.filter((d) => d.payload.subject.includes(reference));
    expect(sent.map((d) => d.idempotencyKey.split('/')[1]).sort()).toEqual([
      'coordinator_notice',
      'receipt',
    ]);
  });
});

describe('public.run_scheduled_jobs through PostgREST', () => {
  it('refuses anon, a coordinator and a lead; the service role runs the jobs', async () => {
    for (const who of [client(stack().anonKey), coordinator, lead]) {
      const { data, error } = await who.rpc('run_scheduled_jobs');
      expect(data).toBeNull();
      expect(error?.code).toBe('42501');
    }
    const { data, error } = await client(stack().serviceRoleKey).rpc('run_scheduled_jobs');
    expect(error).toBeNull();
    expect(data).toHaveProperty('retention');
  });
});

describe("the README's pg_cron schedule", () => {
  it('calls what runs the jobs', async () => {
    const readme = readFileSync(path.join(projectRoot, 'README.md'), 'utf8');
    const schedule = /cron\.schedule\('fosterportal-jobs', '([^']+)',\s*\$\$(.+?)\$\$\)/s.exec(
      readme,
    );
    expect(schedule?.[1]).toBe('*/15 * * * *');
    const result = await rolledBack(
      async (db) => (await db.query<{ r: unknown }>(`${schedule?.[2] ?? ''} as r`)).rows[0]?.r,
    );
    expect(result).toHaveProperty('retention');
  });
});
