import { randomUUID } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import { beforeAll, afterEach, describe, expect, it } from 'vitest';
import { QUEUE_PAGE_SIZE, type QueueView } from '../../src/lib/coordinator/workspace.ts';
import { osloDate } from '../../src/lib/dates.ts';
import type { Database } from '../../src/lib/database.types.ts';
import { loadQueue } from '../../src/lib/server/screening/queue.ts';
import { anon, client, service, stack, userToken, withDb } from '../support/db.ts';
import { applicationPayload } from '../support/payloads.ts';

// What the coordinator workspace reads and writes, straight through PostgREST as each role:
// the next steps function (workflow and approval guard from the database), the queue's views and
// counts as the workspace computes them, and that nobody but an active coordinator gets anything.

type Db = SupabaseClient<Database>;
type Kind = 'besokshjem' | 'tilsynsperson';

const sql = <T extends Record<string, unknown>>(text: string, values: unknown[] = []) =>
  withDb(async (db) => (await db.query<T>(text, values)).rows);
const pinToday = (date: string | null) =>
  sql('update private.screening_clock set pinned_today = $1', [date]);

const ids = { coordinator: randomUUID(), inactive: randomUUID(), stranger: randomUUID() };
let coordinator: Db;
let inactive: Db;
let stranger: Db;

beforeAll(async () => {
  await sql(
    `insert into auth.users (id, email, aud, role)
       select id, id || '@test.invalid', 'authenticated', 'authenticated'
         from unnest($1::uuid[]) as id;
     `.replace('$1', `array['${ids.coordinator}', '${ids.inactive}', '${ids.stranger}']`),
  );
  await sql(
    `insert into public.coordinators (user_id, name, active) values ($1, 'Arbeidsflate Test', true), ($2, 'Arbeidsflate Sluttet', false)`,
    [ids.coordinator, ids.inactive],
  );
  const { anonKey } = stack();
  coordinator = client(anonKey, await userToken(ids.coordinator));
  inactive = client(anonKey, await userToken(ids.inactive));
  stranger = client(anonKey, await userToken(ids.stranger));
});

afterEach(() => pinToday(null));

async function submit(kind: Kind): Promise<{ id: string; reference: string }> {
  const payload = applicationPayload(kind);
  // The site's server submits (service_role); the public anon key cannot.
  const { data, error } = await service().rpc('submit_application', {
    application: payload,
  } as never);
  expect(error).toBeNull();
  const rows = await sql<{ id: string }>(
    'select id from public.applications where reference = $1',
    [data],
  );
  return { id: rows[0]?.id ?? '', reference: String(data) };
}

const steps = async (as: Db, reference: string) =>
  as.rpc('application_next_steps', { application_reference: reference });

describe('application_next_steps: the workflow and the guard, from the database', () => {
  it('lists exactly the statuses an update may move to, in Norwegian', async () => {
    const { id, reference } = await submit('besokshjem');
    // Every status, and whether the update the workspace would send is accepted.
    for (const path of [[], ['in_review'], ['in_review', 'conversation_scheduled']]) {
      for (const step of path)
        expect(
          (await coordinator.from('applications').update({ status: step }).eq('id', id)).error,
        ).toBeNull();
      const { data, error } = await steps(coordinator, reference);
      expect(error).toBeNull();
      const offered = (data ?? []).map((s) => s.status);
      const [{ status: current } = { status: '' }] = await sql<{ status: string }>(
        'select status from public.applications where id = $1',
        [id],
      );
      for (const candidate of [
        'received',
        'in_review',
        'conversation_scheduled',
        'home_visit',
        'approved',
        'declined',
        'withdrawn',
      ].filter((c) => c !== current)) {
        // Probe each candidate in a transaction that is rolled back, as this coordinator.
        const accepted = await withDb(async (db) => {
          await db.query('begin');
          try {
            await db.query(`select set_config('request.jwt.claims', $1, true)`, [
              JSON.stringify({ sub: ids.coordinator, role: 'authenticated' }),
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
    const { data } = await steps(coordinator, reference);
    expect(data?.every((s) => s.label.length > 0)).toBe(true);
  });

  it('tells before approval what the guard would refuse, in its own words', async () => {
    const { id, reference } = await submit('tilsynsperson');
    for (const status of ['in_review', 'conversation_scheduled'])
      await coordinator.from('applications').update({ status }).eq('id', id);
    // Issued and the conversation held on the day it arrived (the guard refuses earlier dates).
    const [days] = await sql<{ received: string; last: string; after: string }>(
      `select received_on::text as received,
              private.certificate_valid_until(received_on)::text as last,
              (private.certificate_valid_until(received_on) + 1)::text as after
         from public.applications where id = $1`,
      [id],
    );
    const { received, last, after } = days ?? { received: '', last: '', after: '' };
    await coordinator
      .from('application_checklists')
      .update({ certificate_issued_on: received, conversation_held_on: received })
      .eq('application_id', id);

    await pinToday(after);
    const before = (await steps(coordinator, reference)).data?.find((s) => s.status === 'approved');
    const refused = await coordinator
      .from('applications')
      .update({ status: 'approved' })
      .eq('id', id);
    expect(refused.error?.code).toBe('23514');
    // The guard's list, given once to the next steps and once with the refusal (its DETAIL).
    expect(before?.approval_missing).toEqual(JSON.parse(refused.error?.details ?? 'null'));
    expect(refused.error?.message).toBe(
      `Kan ikke godkjenne søknad ${reference}: ${before?.approval_missing.join(' ')}`,
    );
    const [y, m, d] = last.split('-');
    const [ry, rm, rd] = received.split('-');
    expect(before?.approval_missing).toEqual([
      `Politiattesten (utstedt ${rd}.${rm}.${ry}) var bare gyldig til og med ${d}.${m}.${y}.`,
    ]);

    await pinToday(last);
    const ready = (await steps(coordinator, reference)).data?.find((s) => s.status === 'approved');
    expect(ready?.approval_missing).toEqual([]);
    expect(
      (await coordinator.from('applications').update({ status: 'approved' }).eq('id', id)).error,
    ).toBeNull();
    expect((await steps(coordinator, reference)).data).toEqual([]);
  });

  it('answers nobody but an active coordinator', async () => {
    const { reference } = await submit('besokshjem');
    for (const as of [inactive, stranger]) {
      const { data, error } = await steps(as, reference);
      expect(error?.code).toBe('42501');
      expect(data).toBeNull();
    }
    const { error } = await steps(anon(), reference);
    expect(error?.code).toMatch(/^(42501|PGRST202)$/);
    expect((await steps(coordinator, reference)).data?.length).toBeGreaterThan(0);
    // The queue's counts, likewise.
    for (const as of [inactive, stranger]) {
      const counts = await as.rpc('screening_queue_counts');
      expect(counts.error?.code).toBe('42501');
      expect(counts.data).toBeNull();
    }
    expect((await anon().rpc('screening_queue_counts')).error?.code).toMatch(/^(42501|PGRST202)$/);
  });
});

describe('the workspace as other roles, straight through PostgREST', () => {
  it('a deactivated coordinator, a signed-in non-coordinator and anon read and change nothing', async () => {
    const { id } = await submit('besokshjem');
    for (const as of [inactive, stranger, anon()]) {
      for (const table of [
        'screening_queue',
        'applications',
        'application_checklists',
        'application_notes',
        'audit_log',
        'coordinators',
      ] as const) {
        const { data, error } = await as
          .from(table as 'applications')
          .select('*')
          .limit(1);
        expect(error, table).not.toBeNull();
        expect(data).toBeNull();
      }
      await as.from('applications').update({ status: 'in_review' }).eq('id', id);
      await as.from('applications').update({ assigned_to: ids.coordinator }).eq('id', id);
      await as
        .from('application_checklists')
        .update({ conversation_held_on: osloDate(new Date()) })
        .eq('application_id', id);
      const note = await as
        .from('application_notes')
        .insert({ application_id: id, body: 'Forsøk' });
      expect(note.error).not.toBeNull();
      const added = await as
        .from('coordinators')
        .insert({ user_id: ids.stranger, name: 'Inntrenger' });
      expect(added.error).not.toBeNull();
    }
    const [row] = await sql<{
      status: string;
      assigned_to: string | null;
      conversation_held_on: string | null;
      notes: number;
    }>(
      `select a.status, a.assigned_to, c.conversation_held_on,
              (select count(*)::int from public.application_notes n where n.application_id = a.id) as notes
         from public.applications a join public.application_checklists c on c.application_id = a.id
        where a.id = $1`,
      [id],
    );
    expect(row).toEqual({
      status: 'received',
      assigned_to: null,
      conversation_held_on: null,
      notes: 0,
    });
    expect(
      await sql('select 1 from public.coordinators where user_id = $1', [ids.stranger]),
    ).toEqual([]);
  });

  it('the server key (service_role) reads nothing the workspace shows: the guide says so', async () => {
    // docs/screening.md promises only what holds for every role; this pins what service_role can do.
    const reads = {
      applications: service().from('applications').select('id').limit(1),
      screening_queue: service().from('screening_queue').select('id').limit(1),
      coordinators: service().from('coordinators').select('user_id').limit(1),
      audit_log: service().from('audit_log').select('id').limit(1),
    };
    for (const [table, read] of Object.entries(reads)) {
      expect((await read).error?.code, table).toBe('42501');
    }
    const { error } = await service().rpc('application_next_steps', {
      application_reference: 'BH-2222-2222',
    });
    expect(error?.code).toBe('42501');
  });
});

describe('changes to the coordinator list are in the audit log', () => {
  it('a lead adds, changes and deactivates; each change is logged with who; nobody else can', async () => {
    const lead = randomUUID();
    const member = randomUUID();
    await sql(
      `insert into auth.users (id, email, aud, role) values ($1::uuid, $1::text || '@test.invalid', 'authenticated', 'authenticated'), ($2::uuid, $2::text || '@test.invalid', 'authenticated', 'authenticated')`,
      [lead, member],
    );
    await sql(
      `insert into public.coordinators (user_id, name, role) values ($1, 'Logg Leder', 'lead')`,
      [lead],
    );
    const asLead = client(stack().anonKey, await userToken(lead));
    expect(
      (await asLead.from('coordinators').insert({ user_id: member, name: 'Logg Ny' })).error,
    ).toBeNull();
    expect(
      (await asLead.from('coordinators').update({ role: 'lead' }).eq('user_id', member)).error,
    ).toBeNull();
    expect(
      (await asLead.from('coordinators').update({ active: false }).eq('user_id', member)).error,
    ).toBeNull();
    // A coordinator who does not lead changes nothing, so nothing is logged for them.
    await coordinator.from('coordinators').update({ active: true }).eq('user_id', member);
    const rows = await sql<{ actor_id: string; action: string; changes: unknown }>(
      `select actor_id, action, changes from public.audit_log where table_name = 'coordinators' and row_key = $1 order by id`,
      [member],
    );
    expect(rows).toEqual([
      {
        actor_id: lead,
        action: 'insert',
        // The name is personal data: logged only as changed.
        changes: expect.objectContaining({
          name: { changed: true },
          role: { old: null, new: 'coordinator' },
          active: { old: null, new: true },
        }),
      },
      { actor_id: lead, action: 'update', changes: { role: { old: 'coordinator', new: 'lead' } } },
      { actor_id: lead, action: 'update', changes: { active: { old: true, new: false } } },
    ]);
    const visible = await coordinator
      .from('audit_log')
      .select('row_key')
      .eq('table_name', 'coordinators')
      .eq('row_key', member);
    expect(visible.data?.length).toBe(3);
  });
});

describe('the queue: counts and rows per view match the database', () => {
  it.each(['nye', 'mine', 'alle', 'haster'] as QueueView[])('%s', async (view) => {
    // Some cases of each kind: new, mine, someone else's, urgent (no contact past the deadline).
    const mine = await submit('besokshjem');
    await coordinator.from('applications').update({ status: 'in_review' }).eq('id', mine.id);
    await submit('tilsynsperson');
    await submit('besokshjem');
    // Thirty days on, the cases without contact are past their deadline: urgent.
    const later = new Date(Date.now() + 30 * 86_400_000);
    await pinToday(osloDate(later));
    const where: Record<QueueView, string> = {
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
              count(*) filter (where urgency in (1, 2))::int as haster
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
