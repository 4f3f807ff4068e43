// Retention: private.delete_ended_applications deletes an ended application only once it is
// journalført (applications.journal_reference): declined and withdrawn ones retention_months (6)
// after the decision, approved ones approved_retention_months (12) after approval, and open ones
// nobody touched for 12 months more than retention_months (the privacy statement counts them as
// ended), with their checklist, notes and history, and leaves one audit row without personal data
// that counts each kind apart. A case that is not journalført is kept, however old. The settings
// equal the profile's (content/profile/kommune.yaml). Only the database runs the job.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProfileFile } from '../../src/lib/server/email/profile-file.ts';
import { addUser, sql, storeApplication, withDb } from '../support/db.ts';
import { applicationPayload } from '../support/payloads.ts';
import { newCase, walk, type Db, type Kind, type Status } from '../support/screening.ts';

let coordinator: Db;

beforeAll(async () => {
  coordinator = await addUser(randomUUID(), { name: 'Test Koordinator' });
});

const submit = (kind: 'besokshjem' | 'tilsynsperson') => storeApplication(applicationPayload(kind));

/** Records the case as journalført, as a coordinator does on the case page (through PostgREST). */
async function recordJournal(by: { id: string } | { reference: string }, number = '2026/1234-1') {
  const query = coordinator.from('applications').update({ journal_reference: number });
  const { data, error } = await (
    'id' in by ? query.eq('id', by.id) : query.eq('reference', by.reference)
  ).select('id');
  expect(error).toBeNull();
  expect(data).toHaveLength(1);
}

describe('the settings', () => {
  it("equal the profile's retentionMonths and approvedRetentionMonths (what applicants are told)", async () => {
    const profile = await loadProfileFile();
    const [settings] = await sql<{ retention_months: number; approved_retention_months: number }>(
      'select retention_months, approved_retention_months from public.screening_settings',
    );
    expect(settings).toEqual({
      retention_months: profile.retentionMonths,
      approved_retention_months: profile.approvedRetentionMonths,
    });
    const defaults = await sql<{ column_name: string; column_default: string }>(
      `select column_name, column_default from information_schema.columns
        where table_schema = 'public' and table_name = 'screening_settings'
          and column_name in ('retention_months', 'approved_retention_months')
        order by column_name`,
    );
    expect(defaults).toEqual([
      {
        column_name: 'approved_retention_months',
        column_default: `${profile.approvedRetentionMonths}`,
      },
      { column_name: 'retention_months', column_default: `${profile.retentionMonths}` },
    ]);
  });
});

describe('ended applications', () => {
  afterAll(() => sql('update public.screening_settings set retention_months = 6'));

  it('deletes exactly the journalført applications past their period, with notes, checklist and history', async () => {
    // A first run removes anything another file left past its period, so the counts below are
    // this test's own.
    await sql('select private.delete_ended_applications()');
    const made: Record<string, string> = {};
    const cases: [string, Kind, Status, number, boolean][] = [
      ['declinedLongAgo', 'tilsynsperson', 'declined', 7, true],
      ['withdrawnLongAgo', 'besokshjem', 'withdrawn', 13, true],
      ['approvedLongAgo', 'tilsynsperson', 'approved', 13, true],
      ['declinedNotJournaled', 'tilsynsperson', 'declined', 13, false],
      ['approvedNotJournaled', 'besokshjem', 'approved', 24, false],
      ['declinedRecently', 'tilsynsperson', 'declined', 5, true],
      ['approvedRecently', 'tilsynsperson', 'approved', 11, true],
      ['openLongAgo', 'besokshjem', 'in_review', 12, true],
    ];
    for (const [name, kind, status, monthsAgo, journaled] of cases) {
      const id = await newCase(kind);
      await walk(coordinator, id, kind, status);
      if (journaled) await recordJournal({ id });
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
      approved_retention_months: 12,
      deleted_applications: 3,
      deleted_declined_or_withdrawn: 2,
      deleted_approved: 1,
      deleted_untouched_open: 0,
      deleted_checklists: 3,
      deleted_notes: 3,
    });
    // Past their period, not journalført: kept and counted (others' cases may be among them).
    expect(result?.summary['kept_unjournaled']).toBeGreaterThanOrEqual(2);

    const after = await sql<{ n: number }>('select count(*)::int as n from public.applications');
    expect(after[0]?.n).toBe((before[0]?.n ?? 0) - 3);
    const remaining = async (table: string, column: string) =>
      (
        await sql<{ id: string }>(
          `select ${column}::text as id from public.${table} where ${column} = any($1::uuid[])`,
          [Object.values(made)],
        )
      )
        .map((row) => row.id)
        .sort();
    const kept = [
      'declinedNotJournaled',
      'approvedNotJournaled',
      'declinedRecently',
      'approvedRecently',
      'openLongAgo',
    ]
      .map((name) => made[name])
      .sort();
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
  ])(
    'after $months months (+1 day) untouched: the journalført one deleted = $deleted, the other kept',
    async ({ months, deleted }) => {
      const journaled = await submit('besokshjem');
      const notJournaled = await submit('tilsynsperson');
      // Recording the journal reference does not count as touching the case.
      await recordJournal({ reference: journaled });
      const { summary, left } = await leftAfter(months, [journaled, notJournaled]);
      expect(left).toEqual(deleted ? [notJournaled] : [journaled, notJournaled].sort());
      if (deleted) expect(summary['deleted_untouched_open']).toBeGreaterThanOrEqual(1);
    },
  );

  it('an approved application that is not journalført is never deleted by the job', async () => {
    const reference = await submit('tilsynsperson');
    await withDb(async (db) => {
      // The whole workflow is not the point here: triggers off for this transaction, status set.
      await db.query('begin');
      try {
        await db.query('set local session_replication_role = replica');
        await db.query(
          "update public.applications set status = 'approved', status_changed_at = now() where reference = $1",
          [reference],
        );
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

describe('at the boundary day', () => {
  // Four cases end at the same instant, one journalført and one not of each: declined, approved.
  // In one transaction, rolled back: the decision moved to `ended`, the job run on the last day
  // each is kept and on the day after.
  const ended = '2020-01-15T12:00:00+01:00';

  async function endedCases() {
    const made: Record<string, string> = {};
    for (const [name, status, journaled] of [
      ['declined', 'declined', true],
      ['declinedNotJournaled', 'declined', false],
      ['approved', 'approved', true],
      ['approvedNotJournaled', 'approved', false],
    ] as const) {
      const id = await newCase('tilsynsperson');
      await walk(coordinator, id, 'tilsynsperson', status);
      if (journaled) await recordJournal({ id });
      made[name] = id;
    }
    return made;
  }

  /** Runs `fn` with the cases ended at `ended`, in a transaction that is rolled back. */
  async function atBoundary(
    made: Record<string, string>,
    fn: (run: (asOf: string) => Promise<string[]>, db: import('pg').Client) => Promise<void>,
  ) {
    await withDb(async (db) => {
      await db.query('begin');
      try {
        await db.query('set local session_replication_role = replica');
        await db.query(
          `update public.applications set status_changed_at = $2, received_at = $2::timestamptz - interval '1 month'
            where id = any($1)`,
          [Object.values(made), ended],
        );
        await db.query('set local session_replication_role = origin');
        const names = Object.fromEntries(Object.entries(made).map(([name, id]) => [id, name]));
        // Which of the cases are left after the job ran as of `asOf`.
        const run = async (asOf: string) => {
          await db.query('select private.delete_ended_applications($1)', [asOf]);
          const left = await db.query<{ id: string }>(
            'select id::text from public.applications where id = any($1)',
            [Object.values(made)],
          );
          return left.rows.map((row) => names[row.id] ?? '').sort();
        };
        await fn(run, db);
      } finally {
        await db.query('rollback');
      }
    });
  }

  it('declined: kept on the last day of retention_months, the journalført one deleted the day after', async () => {
    const made = await endedCases();
    await atBoundary(made, async (run) => {
      const all = Object.keys(made).sort();
      expect(await run('2020-07-15T12:00:00+02:00')).toEqual(all);
      expect(await run('2020-07-16T12:00:00+02:00')).toEqual(
        ['approved', 'approvedNotJournaled', 'declinedNotJournaled'].sort(),
      );
    });
  });

  it('approved: kept on the last day of approved_retention_months, the journalført one deleted the day after', async () => {
    const made = await endedCases();
    await atBoundary(made, async (run) => {
      expect(await run('2021-01-15T12:00:00+01:00')).toEqual(
        ['approved', 'approvedNotJournaled', 'declinedNotJournaled'].sort(),
      );
      expect(await run('2021-01-16T12:00:00+01:00')).toEqual(
        ['approvedNotJournaled', 'declinedNotJournaled'].sort(),
      );
      // Ten years on, what is not journalført is still there.
      expect(await run('2030-01-16T12:00:00+01:00')).toEqual(
        ['approvedNotJournaled', 'declinedNotJournaled'].sort(),
      );
    });
  });

  it('approved: the setting decides, not the profile or the declined period', async () => {
    const made = await endedCases();
    await atBoundary(made, async (run, db) => {
      await db.query('update public.screening_settings set approved_retention_months = 3');
      expect(await run('2020-04-15T12:00:00+02:00')).toContain('approved');
      expect(await run('2020-04-16T12:00:00+02:00')).not.toContain('approved');
    });
  });
});
