import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, stack, userToken, withDb } from '../support/db.ts';
import { beginAsCoordinator, queueSeedSql } from '../support/queue-seed.ts';

// The screening queue at 100,000 applications (tests/support/queue-seed.ts): it reads open
// applications through a partial index, looks up only their checklists, and pages through
// PostgREST. The seeded rows are removed again afterwards. Seeding takes the db project's hook
// timeout (tests/vitest.config.ts), which leaves room for a loaded machine.

const total = 100_000;
const coordinatorId = '00000000-0000-4000-8000-00000000fe01';

beforeAll(async () => {
  await withDb(async (db) => {
    await db.query(
      queueSeedSql({
        rows: total,
        coordinatorId,
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
      delete from public.coordinators where user_id = '${coordinatorId}';
      delete from auth.users where id = '${coordinatorId}';`),
  );
});

describe('the screening queue at 100,000 applications', () => {
  // How fast is measured by `npm run bench`; these check the plan that makes it fast, and fail
  // when an index or the keyed checklist lookup is lost.
  it('reads open applications through the partial index and looks up each checklist by key', async () => {
    const plan = await withDb(async (db) => {
      await beginAsCoordinator(db, coordinatorId);
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
    const coordinator = client(stack().anonKey, await userToken(coordinatorId));
    const page = await coordinator.from('screening_queue').select('*').limit(50);
    const count = await coordinator
      .from('screening_queue')
      .select('id', { count: 'exact', head: true });
    expect(page.error).toBeNull();
    expect(page.data).toHaveLength(50);
    expect(count.error).toBeNull();
    expect(count.count).toBeGreaterThanOrEqual(total / 100);
  });
});
