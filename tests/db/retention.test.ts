import { describe, expect, it } from 'vitest';
import { service, withDb } from '../support/db.ts';
import { applicationPayload } from '../support/payloads.ts';

// The privacy statement: an application left open for 12 months with nothing happening counts as
// ended and is deleted by the same rule as a declined one, retention_months (6) later. The job is
// run as of a day in the future, inside a transaction that is rolled back, so that the other tests'
// applications on the shared stack are left alone.

async function submit(kind: 'besokshjem' | 'tilsynsperson'): Promise<string> {
  const { data, error } = await service().rpc('submit_application', {
    application: applicationPayload(kind),
  } as never);
  expect(error).toBeNull();
  return String(data);
}

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
