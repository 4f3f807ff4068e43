// The status workflow in the database: which moves each kind allows, who a move is recorded for
// and assigned to, what the next steps function offers, and that a status change needs a
// coordinator. Straight through PostgREST as coordinators; arranging and checking as the superuser.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { addUser, sql, withDb } from '../support/db.ts';
import { applicationPayload, insertPayloadSql } from '../support/payloads.ts';
import { openSession, sessionClaims } from '../support/sessions.ts';
import {
  move,
  newCase,
  pathTo,
  readyForApproval,
  referenceOf,
  statuses,
  statusOf,
  walk,
  type Db,
  type Kind,
  type Status,
} from '../support/screening.ts';

/** The workflow, written out independently of the SQL. */
const allowed: Record<Kind, Record<Status, Status[]>> = {
  besokshjem: {
    received: ['in_review', 'withdrawn'],
    in_review: ['conversation_scheduled', 'declined', 'withdrawn'],
    conversation_scheduled: ['home_visit', 'declined', 'withdrawn'],
    home_visit: ['approved', 'declined', 'withdrawn'],
    approved: [],
    declined: [],
    withdrawn: [],
  },
  tilsynsperson: {
    received: ['in_review', 'withdrawn'],
    in_review: ['conversation_scheduled', 'declined', 'withdrawn'],
    conversation_scheduled: ['approved', 'declined', 'withdrawn'],
    home_visit: [],
    approved: [],
    declined: [],
    withdrawn: [],
  },
};

const ids = { coordinator: randomUUID(), colleague: randomUUID(), inactive: randomUUID() };
let coordinator: Db;
let colleague: Db;

beforeAll(async () => {
  coordinator = await addUser(ids.coordinator, { name: 'Test Koordinator' });
  colleague = await addUser(ids.colleague, { name: 'Test Kollega', role: 'lead' });
  await addUser(ids.inactive, { name: 'Test Sluttet', active: false });
});

describe('the status workflow', () => {
  const cases = (['besokshjem', 'tilsynsperson'] as const).flatMap((kind) =>
    statuses
      .filter((from) => pathTo[kind][from])
      .flatMap((from) =>
        statuses
          .filter((to) => to !== from)
          .map((to) => [kind, from, to, allowed[kind][from].includes(to)] as const),
      ),
  );

  it.each(cases)('%s: %s → %s allowed: %s', async (kind, from, to, ok) => {
    const id = await newCase(kind);
    await walk(coordinator, id, kind, from);
    expect(await statusOf(id)).toBe(from);
    if (to === 'approved' && allowed[kind][from].length > 0)
      await readyForApproval(coordinator, id, kind);
    const { error } = await move(coordinator, id, to);
    if (ok) {
      expect(error).toBeNull();
      expect(await statusOf(id)).toBe(to);
    } else {
      expect(error?.code).toBe('23514');
      expect(error?.message).toMatch(/Ugyldig statusendring/);
      expect(await statusOf(id)).toBe(from);
    }
  });

  it('a new application cannot start in another status', async () => {
    const payload = applicationPayload('tilsynsperson');
    const error = await sql(
      insertPayloadSql(payload, {
        reference: `'TP-2222-2223'`,
        status: `'approved'`,
        privacy_version: `'x'`,
      }),
      [JSON.stringify(payload)],
    ).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/status received/);
  });
});

describe('who moves a case, and who has it', () => {
  it('a coordinator lists the queue and moves a case, which is recorded and assigned', async () => {
    const id = await newCase('besokshjem');
    const queue = await coordinator.from('screening_queue').select('*').limit(1000);
    expect(queue.error).toBeNull();
    const row = queue.data?.find((r) => r.id === id);
    expect(row).toMatchObject({
      status: 'received',
      kind: 'besokshjem',
      certificate_missing: true,
    });

    const { data, error } = await move(coordinator, id, 'in_review');
    expect(error).toBeNull();
    expect(data).toEqual([{ id, status: 'in_review' }]);
    const [stored] = await sql<{
      status_changed_by: string;
      assigned_to: string;
      seconds_ago: number;
    }>(
      `select status_changed_by, assigned_to, extract(epoch from now() - status_changed_at)::float as seconds_ago
         from public.applications where id = $1`,
      [id],
    );
    expect(stored?.status_changed_by).toBe(ids.coordinator);
    expect(stored?.assigned_to).toBe(ids.coordinator);
    expect(stored?.seconds_ago).toBeLessThan(30);

    // A colleague moving it on is recorded as the mover; the assignment stays.
    expect((await move(colleague, id, 'conversation_scheduled')).error).toBeNull();
    const [after] = await sql<{ status_changed_by: string; assigned_to: string }>(
      'select status_changed_by, assigned_to from public.applications where id = $1',
      [id],
    );
    expect(after).toEqual({ status_changed_by: ids.colleague, assigned_to: ids.coordinator });
  });

  it('a case can be assigned only to an active coordinator', async () => {
    const id = await newCase('besokshjem');
    const toInactive = await coordinator
      .from('applications')
      .update({ assigned_to: ids.inactive })
      .eq('id', id);
    expect(toInactive.error?.message).toMatch(/aktiv koordinator/);
    const toColleague = await coordinator
      .from('applications')
      .update({ assigned_to: ids.colleague })
      .eq('id', id);
    expect(toColleague.error).toBeNull();
  });

  it('the assigned-coordinator fallback is for a database administrator only, and logged as such', async () => {
    const id = await newCase('tilsynsperson');
    await walk(coordinator, id, 'tilsynsperson', 'in_review');
    // An API request without a signed-in coordinator (claims as PostgREST sets them) gets no actor.
    const refused = await withDb(async (db) => {
      await db.query('begin');
      await db.query(`select set_config('request.jwt.claims', '{"role":"service_role"}', true)`);
      try {
        await db.query(
          `update public.applications set status = 'conversation_scheduled' where id = $1`,
          [id],
        );
        return null;
      } catch (error) {
        return (error as { code?: string }).code;
      } finally {
        await db.query('rollback');
      }
    });
    expect(refused).toBe('23514');
    // The administrator (postgres, no claims) acts for the assigned coordinator; the log says postgres.
    await sql(`update public.applications set status = 'conversation_scheduled' where id = $1`, [
      id,
    ]);
    const rows = await sql<{ actor_id: string | null; actor_role: string }>(
      `select actor_id, actor_role from public.audit_log
        where application_id = $1 and action = 'status_change' order by id desc limit 1`,
      [id],
    );
    expect(rows[0]).toEqual({ actor_id: null, actor_role: 'postgres' });
  });
});

describe('application_next_steps offers the workflow from the database', () => {
  const steps = async (reference: string) =>
    coordinator.rpc('application_next_steps', { application_reference: reference });

  it('lists exactly the statuses an update may move to, in Norwegian', async () => {
    const id = await newCase('besokshjem');
    const reference = await referenceOf(id);
    // Every status, and whether the update the workspace would send is accepted.
    for (const path of [[], ['in_review'], ['in_review', 'conversation_scheduled']]) {
      for (const step of path)
        expect(
          (await coordinator.from('applications').update({ status: step }).eq('id', id)).error,
        ).toBeNull();
      const { data, error } = await steps(reference);
      expect(error).toBeNull();
      const offered = (data ?? []).map((s) => s.status);
      const [{ status: current } = { status: '' }] = await sql<{ status: string }>(
        'select status from public.applications where id = $1',
        [id],
      );
      for (const candidate of statuses.filter((c) => c !== current)) {
        // Probe each candidate in a transaction that is rolled back, as this coordinator.
        const accepted = await withDb(async (db) => {
          await db.query('begin');
          try {
            await db.query(`select set_config('request.jwt.claims', $1, true)`, [
              sessionClaims(ids.coordinator, await openSession(db, ids.coordinator)),
            ]);
            await db.query('set local role authenticated');
            await db.query('update public.applications set status = $1 where id = $2', [
              candidate,
              id,
            ]);
            return true;
          } catch {
            return false;
          } finally {
            await db.query('rollback');
          }
        });
        expect({ candidate, offered: offered.includes(candidate) }).toEqual({
          candidate,
          offered: accepted,
        });
      }
      await sql('update public.applications set status = status where id = $1', [id]);
    }
    const { data } = await steps(reference);
    expect(data?.every((s) => s.label.length > 0)).toBe(true);
  });
});
