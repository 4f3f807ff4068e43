// Retention: private.delete_ended_applications deletes an ended application (declined,
// withdrawn, or left open for 12 months with nothing happening, as the privacy statement says)
// retention_months (6) after it ended, with its checklist, notes and history, and leaves one audit
// row without personal data. Approved applications are kept. Only the database runs the job.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, sql, storeApplication, withDb } from '../support/db.ts';
import { applicationPayload } from '../support/payloads.ts';
import { newCase, walk, type Db } from '../support/screening.ts';

let coordinator: Db;

beforeAll(async () => {
  coordinator = await addUser(randomUUID(), { name: 'Test Koordinator' });
});

const submit = (kind: 'besokshjem' | 'tilsynsperson') => storeApplication(applicationPayload(kind));

describe('ended applications', () => {
  afterAll(() => sql('update public.screening_settings set retention_months = 6'));

  it('deletes exactly the ended applications past the period, with notes, checklist and history', async () => {
    // A first run removes anything another file left past its period, so the counts below are
    // this test's own.
    await sql('select private.delete_ended_applications()');
    const made: Record<string, string> = {};
    for (const [name, kind, status, monthsAgo] of [
      ['declinedLongAgo', 'tilsynsperson', 'declined', 7],
      ['withdrawnLongAgo', 'besokshjem', 'withdrawn', 13],
      ['declinedRecently', 'tilsynsperson', 'declined', 5],
      ['approvedLongAgo', 'tilsynsperson', 'approved', 24],
      ['openLongAgo', 'besokshjem', 'in_review', 12],
    ] as const) {
      const id = await newCase(kind);
      await walk(coordinator, id, kind, status);
      await coordinator
        .from('application_notes')
        .insert({ application_id: id, body: `Notat om ${name}` });
      await sql(
        `set session_replication_role = replica;
         update public.applications
            set status_changed_at = now() - make_interval(months => ${monthsAgo}) - interval '1 day',
                received_at = now() - make_interval(months => ${monthsAgo + 1})
          where id = '${id}';`,
      );
      made[name] = id;
    }
    const before = await sql<{ n: number }>('select count(*)::int as n from public.applications');

    const [result] = await sql<{ summary: Record<string, unknown> }>(
      'select private.delete_ended_applications() as summary',
    );
    expect(result?.summary).toMatchObject({
      retention_months: 6,
      deleted_applications: 2,
      deleted_checklists: 2,
      deleted_notes: 2,
    });

    const after = await sql<{ n: number }>('select count(*)::int as n from public.applications');
    expect(after[0]?.n).toBe((before[0]?.n ?? 0) - 2);
    const remaining = async (table: string, column: string) =>
      (
        await sql<{ id: string }>(
          `select ${column}::text as id from public.${table} where ${column} = any($1::uuid[])`,
          [Object.values(made)],
        )
      )
        .map((row) => row.id)
        .sort();
    const kept = [made['declinedRecently'], made['approvedLongAgo'], made['openLongAgo']].sort();
    expect(await remaining('applications', 'id')).toEqual(kept);
    expect(await remaining('application_checklists', 'application_id')).toEqual(kept);
    expect([...new Set(await remaining('application_notes', 'application_id'))].sort()).toEqual(
      kept,
    );
    expect([...new Set(await remaining('audit_log', 'application_id'))].sort()).toEqual(kept);

    const [entry] = await sql<{ changes: unknown; application_id: string | null }>(
      `select changes, application_id from public.audit_log where action = 'retention' order by id desc limit 1`,
    );
    expect(entry?.application_id).toBeNull();
    const text = JSON.stringify(entry);
    for (const id of Object.values(made)) expect(text).not.toContain(id);
    expect(text).not.toMatch(/Kari|BH-|TP-/);

    // Deletes outside the job are still refused.
    const error = await sql(
      `delete from public.application_notes where application_id = '${made['declinedRecently']}'`,
    ).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
  });

  it('no API role may run the retention job', async () => {
    const executors = await sql<{ role: string }>(
      `select r.rolname as role from pg_roles r
        where r.rolname in ('anon', 'authenticated', 'service_role')
          and has_function_privilege(r.oid, 'private.delete_ended_applications(timestamptz)', 'execute')`,
    );
    expect(executors).toEqual([]);
  });
});

/** Which of `references` are still there after the job ran `monthsAhead` months from now. */
async function leftAfter(monthsAhead: number, references: string[]) {
  return withDb(async (db) => {
    await db.query('begin');
    try {
      const { rows } = await db.query<{ summary: Record<string, unknown> }>(
        `select private.delete_ended_applications(now() + make_interval(months => $1) + interval '1 day') as summary`,
        [monthsAhead],
      );
      const left = await db.query<{ reference: string }>(
        'select reference from public.applications where reference = any($1)',
        [references],
      );
      return { summary: rows[0]?.summary ?? {}, left: left.rows.map((r) => r.reference).sort() };
    } finally {
      await db.query('rollback');
    }
  });
}

describe('open applications nobody has touched', () => {
  it.each([
    { months: 17, deleted: false },
    { months: 18, deleted: true },
  ])('after $months months (+1 day) untouched: deleted = $deleted', async ({ months, deleted }) => {
    const references = [await submit('besokshjem'), await submit('tilsynsperson')];
    const { summary, left } = await leftAfter(months, references);
    expect(left).toEqual(deleted ? [] : [...references].sort());
    if (deleted) expect(summary['deleted_untouched_open']).toBeGreaterThanOrEqual(2);
  });

  it('an approved application is never deleted by the job', async () => {
    const reference = await submit('tilsynsperson');
    await withDb(async (db) => {
      // The whole workflow is not the point here: triggers off for this transaction, status set.
      await db.query('begin');
      try {
        await db.query('set local session_replication_role = replica');
        await db.query("update public.applications set status = 'approved' where reference = $1", [
          reference,
        ]);
        const { rows } = await db.query(
          `select private.delete_ended_applications(now() + interval '10 years') as summary`,
        );
        expect(rows).toHaveLength(1);
        const left = await db.query('select 1 from public.applications where reference = $1', [
          reference,
        ]);
        expect(left.rowCount).toBe(1);
      } finally {
        await db.query('rollback');
      }
    });
  });
});
