// The lead's numbers (public.lead_figures_by_month, lead_figures_by_source,
// lead_figures_complete_from): a fixed set of cases, moved along as a coordinator through PostgREST,
// gives known figures per month of receipt; erasure and the retention job leave them unchanged;
// counts 1–4 leave the database as null ("under 5"); only an active lead in a live session gets
// anything. The cases are received in 2003 (backdated as the superuser, which the counting triggers
// follow), months no other test file uses, so the figures are this file's own on a shared stack.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { addUser, anon, service, sql, withDb } from '../support/db.ts';
import {
  completeHousehold,
  fill,
  move,
  newCase,
  type Db,
  type Kind,
  type Status,
} from '../support/screening.ts';

const ids = { coordinator: randomUUID(), lead: randomUUID(), signedOut: randomUUID() };
let coordinator: Db;
let lead: Db;
let signedOut: Db;

const MARCH = '2003-03-01';
const APRIL = '2003-04-01';
// Received on Monday 3 March 2003 at 10:00 in Oslo: the contact deadline is Monday 10 March (five
// working days; no public holiday that week), so contact on day 7 is in time and on day 9 late.
const RECEIVED = '2003-03-03T10:00:00+01:00';
const day = (n: number) => `2003-03-${String(3 + n).padStart(2, '0')}`;

interface Planned {
  kind: Kind;
  heard: string | null;
  /** Days from receipt to the conversation, if one is held. */
  conversation?: number;
  /** The final status and the day of March it was reached on (the status change backdated). */
  outcome?: { status: Status; on: string };
  received?: string;
}

/** Makes one case as planned: submitted, backdated, worked as the coordinator, decided. */
async function make(plan: Planned): Promise<string> {
  const id = await newCase(plan.kind, { heard_about: plan.heard });
  await sql('update public.applications set received_at = $2 where id = $1', [
    id,
    plan.received ?? RECEIVED,
  ]);
  const status = plan.outcome?.status;
  if (status === 'withdrawn') expect((await move(coordinator, id, 'withdrawn')).error).toBeNull();
  if (status !== 'withdrawn') expect((await move(coordinator, id, 'in_review')).error).toBeNull();
  if (plan.conversation !== undefined) {
    const { error } = await fill(coordinator, id, {
      conversation_held_on: day(plan.conversation),
    });
    expect(error).toBeNull();
  }
  if (status === 'declined') expect((await move(coordinator, id, 'declined')).error).toBeNull();
  if (status === 'approved') {
    const { error } = await fill(coordinator, id, {
      certificate_issued_on: new Date().toISOString().slice(0, 10),
    });
    expect(error).toBeNull();
    await withDb((db) => completeHousehold(db, id));
    expect((await move(coordinator, id, 'conversation_scheduled')).error).toBeNull();
    expect((await move(coordinator, id, 'approved')).error).toBeNull();
  }
  if (plan.outcome)
    await sql(
      `update public.applications set status_changed_at = ($2::date + time '12:00') at time zone 'Europe/Oslo'
        where id = $1`,
      [id, plan.outcome.on],
    );
  return id;
}

const approvedOn = (on: string) => ({ status: 'approved' as const, on });
const made: Record<string, string> = {};

const expectedMarch = {
  month: MARCH,
  received: 9,
  contacted: 8,
  contacted_in_time: 6,
  contacted_in_time_percent: 67,
  conversations: 8,
  approved: 6,
  declined: null, // 2
  withdrawn_by_applicant: 0,
  withdrawn_by_service: null, // 1
  median_days_to_contact: 3.5,
  median_days_to_decision: 23,
};

beforeAll(async () => {
  coordinator = await addUser(ids.coordinator, { name: 'Tall Koordinator' });
  lead = await addUser(ids.lead, { name: 'Tall Leder', role: 'lead' });
  signedOut = await addUser(ids.signedOut, { name: 'Utlogget Leder', role: 'lead' });
  await sql('delete from auth.sessions where user_id = $1', [ids.signedOut]);

  // March 2003, supervisors: six approved (contact on day 1, 2, 2, 3 in time, 9 and 9 late; three
  // approved after 17 days, three after 28), two declined (contact on day 4; after 22 and 24 days),
  // one withdrawn without contact.
  const plans: [string, Planned][] = [
    [
      'a1',
      { kind: 'tilsynsperson', heard: 'nettside', conversation: 1, outcome: approvedOn(day(17)) },
    ],
    [
      'a2',
      { kind: 'tilsynsperson', heard: 'nettside', conversation: 2, outcome: approvedOn(day(17)) },
    ],
    [
      'a3',
      { kind: 'tilsynsperson', heard: 'nettside', conversation: 2, outcome: approvedOn(day(17)) },
    ],
    [
      'a4',
      { kind: 'tilsynsperson', heard: 'nettside', conversation: 3, outcome: approvedOn(day(28)) },
    ],
    [
      'a5',
      { kind: 'tilsynsperson', heard: 'nettside', conversation: 9, outcome: approvedOn(day(28)) },
    ],
    [
      'a6',
      { kind: 'tilsynsperson', heard: 'annonse', conversation: 9, outcome: approvedOn(day(28)) },
    ],
    [
      'd1',
      {
        kind: 'tilsynsperson',
        heard: 'bekjent',
        conversation: 4,
        outcome: { status: 'declined', on: day(22) },
      },
    ],
    [
      'd2',
      {
        kind: 'tilsynsperson',
        heard: null,
        conversation: 4,
        outcome: { status: 'declined', on: day(24) },
      },
    ],
    ['w1', { kind: 'tilsynsperson', heard: null, outcome: { status: 'withdrawn', on: day(1) } }],
    // April 2003, visit homes: one with a contact note (today), one untouched.
    ['b1', { kind: 'besokshjem', heard: 'nettside', received: '2003-04-07T10:00:00+02:00' }],
    ['b2', { kind: 'besokshjem', heard: 'sosiale-medier', received: '2003-04-08T10:00:00+02:00' }],
  ];
  for (const [name, plan] of plans) made[name] = await make(plan);

  // A conversation recorded on b2 and cleared again (a mistake) counts for nothing.
  for (const on of ['2003-04-10', null]) {
    const { error } = await fill(coordinator, made['b2'] ?? '', { conversation_held_on: on });
    expect(error).toBeNull();
  }
  // Two contact notes on b1: the first is its first contact, the second changes nothing.
  for (const body of ['Ringte søkeren.', 'Ringte igjen.']) {
    const { error } = await coordinator
      .from('application_notes')
      .insert({ application_id: made['b1'] ?? '', body, is_contact: true });
    expect(error).toBeNull();
  }
}, 120_000);

const byMonth = (as: Db, kind: Kind | null = null) =>
  as.rpc('lead_figures_by_month', {
    from_month: MARCH,
    to_month: APRIL,
    ...(kind ? { kind } : {}),
  });

describe('the figures per month', () => {
  it('a fixed set of cases gives known figures per month, and for the period', async () => {
    const { data, error } = await byMonth(lead);
    expect(error).toBeNull();
    const daysToB1 = (
      await sql<{ days: number }>(
        `select (now() at time zone 'Europe/Oslo')::date - date '2003-04-07' as days`,
      )
    )[0]?.days;
    expect(daysToB1).toBeGreaterThan(5000);
    expect(data).toEqual([
      expectedMarch,
      {
        month: APRIL,
        received: null, // 2
        contacted: null, // 1
        contacted_in_time: 0,
        contacted_in_time_percent: null,
        conversations: 0,
        approved: 0,
        declined: 0,
        withdrawn_by_applicant: 0,
        withdrawn_by_service: 0,
        median_days_to_contact: null,
        median_days_to_decision: null,
      },
      {
        ...expectedMarch,
        month: null,
        received: 11,
        contacted: 9,
        contacted_in_time_percent: 55,
        // 1, 2, 2, 3, 4, 4, 9, 9 and b1's thousands of days: the fifth of nine.
        median_days_to_contact: 4,
      },
    ]);
  });

  it('counts what the data says exactly, under 5 too, as the database keeps it', async () => {
    const rows = await sql(
      `select kind, received, contacted, contacted_in_time, conversations, approved, declined,
              withdrawn_by_applicant, withdrawn_by_service
         from private.monthly_figures where month = $1`,
      [APRIL],
    );
    expect(rows).toEqual([
      {
        kind: 'besokshjem',
        received: 2,
        contacted: 1,
        contacted_in_time: 0,
        conversations: 0,
        approved: 0,
        declined: 0,
        withdrawn_by_applicant: 0,
        withdrawn_by_service: 0,
      },
    ]);
    const march = await sql(
      `select declined, withdrawn_by_service from private.monthly_figures where month = $1`,
      [MARCH],
    );
    expect(march).toEqual([{ declined: 2, withdrawn_by_service: 1 }]);
  });

  it('per role: the other role has zeros, not nothing', async () => {
    const supervisors = await byMonth(lead, 'tilsynsperson');
    expect(supervisors.data?.[0]).toEqual(expectedMarch);
    const visitHomes = await byMonth(lead, 'besokshjem');
    expect(visitHomes.data?.[0]).toMatchObject({ month: MARCH, received: 0, approved: 0 });
  });

  it('where applicants heard of the service, with how many were approved; under 5 as null', async () => {
    const { data, error } = await lead.rpc('lead_figures_by_source', {
      from_month: MARCH,
      to_month: APRIL,
    });
    expect(error).toBeNull();
    expect(data).toEqual([
      { source: 'nettside', received: 6, approved: 5 },
      { source: 'sosiale-medier', received: null, approved: 0 },
      { source: 'bekjent', received: null, approved: 0 },
      { source: 'annonse', received: null, approved: null },
      { source: 'informasjonsmote', received: 0, approved: 0 },
      { source: 'annet', received: 0, approved: 0 },
      { source: 'ikke-oppgitt', received: null, approved: 0 },
    ]);
  });

  it('the first count (for the migration) counts the existing cases as the triggers did', async () => {
    const read = `select to_jsonb(t) as row from (
        select 'f' as t, month, kind, received, contacted, contacted_in_time, conversations, approved,
          declined, withdrawn_by_applicant, withdrawn_by_service, null::text as source, null::int as days
          from private.monthly_figures where month in ($1, $2)
        union all select 's', month, kind, received, approved, 0, 0, 0, 0, 0, 0, source, null
          from private.monthly_sources where month in ($1, $2)
        union all select 'd', month, kind, cases, 0, 0, 0, 0, 0, 0, 0, measure, days
          from private.monthly_day_counts where month in ($1, $2) and cases <> 0) as t
      order by 1`;
    const byTriggers = (await sql(read, [MARCH, APRIL])).map((r) => r['row']);
    const recounted = await withDb(async (db) => {
      await db.query('begin');
      try {
        await db.query(`delete from private.monthly_figures; delete from private.monthly_sources;
          delete from private.monthly_day_counts;`);
        await db.query('select private.figures_count_existing()');
        return (await db.query(read, [MARCH, APRIL])).rows.map((r) => r['row']);
      } finally {
        await db.query('rollback');
      }
    });
    expect(byTriggers.length).toBeGreaterThan(10);
    expect(recounted).toEqual(byTriggers);
  });

  it('refuses a period that ends before it begins, in Norwegian', async () => {
    const { error } = await lead.rpc('lead_figures_by_month', {
      from_month: APRIL,
      to_month: MARCH,
    });
    expect(error?.code).toBe('22023');
    expect(error?.message).toBe('Første måned kan ikke være etter siste måned.');
  });
});

describe('the figures survive erasure and retention', () => {
  it('erasing a case and deleting cases past their retention leave every figure as it was', async () => {
    const before = await Promise.all([
      byMonth(lead),
      lead.rpc('lead_figures_by_source', { from_month: MARCH, to_month: APRIL }),
    ]);
    const erased = await lead.rpc('erase_application', { application_id: made['a2'] ?? '' });
    expect(erased.error).toBeNull();
    // Journalført, then the retention job as of mid-2004: only cases that ended in 2003 are past
    // their time then (no other test's case is that old).
    for (const name of ['a3', 'd1', 'w1']) {
      const { error } = await coordinator
        .from('applications')
        .update({ journal_reference: '2003/1234-1' })
        .eq('id', made[name] ?? '');
      expect(error).toBeNull();
    }
    const [result] = await sql<{ summary: { deleted_applications: number } }>(
      `select private.delete_ended_applications('2004-06-01') as summary`,
    );
    expect(result?.summary.deleted_applications).toBe(3);
    const left = await sql<{ n: number }>(
      'select count(*)::int as n from public.applications where id = any($1::uuid[])',
      [['a2', 'a3', 'd1', 'w1'].map((name) => made[name])],
    );
    expect(left[0]?.n).toBe(0);

    const after = await Promise.all([
      byMonth(lead),
      lead.rpc('lead_figures_by_source', { from_month: MARCH, to_month: APRIL }),
    ]);
    expect(after[0].data).toEqual(before[0].data);
    expect(after[1].data).toEqual(before[1].data);
    expect(after[0].data?.[0]).toEqual(expectedMarch);
  });
});

describe('who gets the figures', () => {
  const calls = (as: Db) => [
    byMonth(as),
    as.rpc('lead_figures_by_source', { from_month: MARCH, to_month: APRIL }),
    as.rpc('lead_figures_complete_from'),
  ];

  it('an active lead gets them, and from which month they are complete', async () => {
    const { data, error } = await lead.rpc('lead_figures_complete_from');
    expect(error).toBeNull();
    // The test stack was built from the migrations on an empty database: complete for every month.
    expect(data).toBeNull();
  });

  it('a coordinator who is not a lead gets nothing (42501)', async () => {
    for (const answer of await Promise.all(calls(coordinator))) {
      expect(answer.error?.code).toBe('42501');
      expect(answer.data).toBeNull();
    }
  });

  it('a lead whose session has ended gets nothing (42501)', async () => {
    for (const answer of await Promise.all(calls(signedOut))) {
      expect(answer.error?.code).toBe('42501');
      expect(answer.data).toBeNull();
    }
  });

  it('anon and the service role get nothing', async () => {
    for (const as of [anon(), service()])
      for (const answer of await Promise.all(calls(as))) {
        expect(answer.error).not.toBeNull();
        expect(answer.data).toBeNull();
      }
  });

  it('the counts themselves are not in the API', async () => {
    const { data, error } = await lead
      .schema('private' as 'public')
      .from('monthly_figures' as 'applications')
      .select('*');
    expect(error).not.toBeNull();
    expect(data).toBeNull();
  });
});
