// The approval guard: what public.applications refuses to approve, and what
// application_next_steps says is missing before a coordinator tries. The certificate's three
// months on a pinned clock (Europe/Oslo), the conversation and home visit, the partner's
// certificate when two apply together, and two coordinators at once. (The co-applicant's part and
// the references are tested in household-links.test.ts and references-online.test.ts; here
// completeHousehold gives them.) Straight through PostgREST
// as coordinators; arranging and checking as the superuser.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addMonths } from '../../src/lib/dates.ts';
import type { Database } from '../../src/lib/database.types.ts';
import { addUser, sql, stack, withDb } from '../support/db.ts';
import { beginAsCoordinator } from '../support/queue-seed.ts';
import {
  addDays,
  approvalMissing,
  completeHousehold,
  fill,
  jointCase,
  move,
  newCase,
  norwegian,
  pinToday,
  referenceOf,
  statusOf,
  today,
  walk,
  type Db,
  type Kind,
} from '../support/screening.ts';

const ids = { coordinator: randomUUID(), colleague: randomUUID() };
let coordinator: Db;

beforeAll(async () => {
  coordinator = await addUser(ids.coordinator, { name: 'Test Koordinator' });
  await addUser(ids.colleague, { name: 'Test Kollega' });
});

afterEach(() => pinToday(null));

describe('the approval guard (fixed clock, Europe/Oslo)', () => {
  /** A supervisor case at conversation_scheduled whose certificate, seen on `issued`, is verified. */
  async function caseWithCertificate(issued: string, kind: Kind = 'tilsynsperson') {
    const id = await newCase(kind);
    await withDb((db) => completeHousehold(db, id));
    // Received before the certificate's day: conversation and visit may not predate the receipt.
    await sql(
      `update public.applications set received_at = ($2::date - 1)::timestamptz where id = $1`,
      [id, issued],
    );
    await walk(coordinator, id, kind, 'conversation_scheduled');
    await pinToday(issued);
    const checklist = await coordinator
      .from('application_checklists')
      .update({
        certificate_issued_on: issued,
        conversation_held_on: issued,
        ...(kind === 'besokshjem' ? { home_visit_held_on: issued } : {}),
      })
      .eq('application_id', id);
    expect(checklist.error).toBeNull();
    if (kind === 'besokshjem') expect((await move(coordinator, id, 'home_visit')).error).toBeNull();
    return id;
  }

  it.each([
    ['2026-08-22', '2026-11-22'],
    ['2026-05-31', '2026-08-31'],
    ['2025-11-30', '2026-02-28'],
    ['2027-11-30', '2028-02-29'],
  ])(
    'a certificate issued %s approves on %s, its last valid day, and not the day after',
    async (issued, lastDay) => {
      expect(addMonths(issued, 3)).toBe(lastDay);
      const onTime = await caseWithCertificate(issued);
      const late = await caseWithCertificate(issued, 'besokshjem');

      await pinToday(addDays(lastDay, 1));
      const refused = await move(coordinator, late, 'approved');
      expect(refused.error?.code).toBe('23514');
      expect(refused.error?.message).toMatch(/Politiattesten .* var bare gyldig til og med/);
      expect(await statusOf(late)).toBe('home_visit');

      await pinToday(lastDay);
      expect((await move(coordinator, onTime, 'approved')).error).toBeNull();
      expect((await move(coordinator, late, 'approved')).error).toBeNull();
    },
  );

  it.each([
    ['no verified certificate', 'tilsynsperson', {}, /Ingen koordinator har kontrollert/],
    [
      'no conversation (visit home)',
      'besokshjem',
      { certificate_issued_on: true, home_visit_held_on: true },
      /Samtalen er ikke registrert/,
    ],
    [
      'no home visit (visit home)',
      'besokshjem',
      { certificate_issued_on: true, conversation_held_on: true },
      /Hjemmebesøket er ikke registrert/,
    ],
  ] as const)('refuses approval with %s', async (_, kind, filled, message) => {
    const id = await newCase(kind);
    await walk(
      coordinator,
      id,
      kind,
      kind === 'besokshjem' ? 'home_visit' : 'conversation_scheduled',
    );
    const values: Database['public']['Tables']['application_checklists']['Update'] =
      Object.fromEntries(Object.keys(filled).map((key) => [key, today()]));
    if (Object.keys(values).length > 0) {
      const { error } = await coordinator
        .from('application_checklists')
        .update(values)
        .eq('application_id', id);
      expect(error).toBeNull();
    }
    const { error } = await move(coordinator, id, 'approved');
    expect(error?.code).toBe('23514');
    expect(error?.message).toMatch(message);
    expect(await statusOf(id)).not.toBe('approved');
  });

  it('needs no commitment check: a commitment under 12 months cannot be stored at all', async () => {
    // The guard's old commitment branch was unreachable: the table refuses such a row, for the
    // database owner too (the constraint, not only the submit path).
    const id = await newCase('tilsynsperson');
    for (const months of ['6', 'null'])
      await expect(
        withDb(async (db) => {
          // A refusal provoked on purpose, as the owner: its "Failing row" detail, which holds the
          // row, stays out of the stack's log.
          await db.query("set log_min_messages = 'panic'");
          await db.query(
            `update public.applications set commitment_months = ${months} where id = '${id}'`,
          );
        }),
      ).rejects.toThrow(/applications_commitment_at_least_a_year|null value/);
    const definition = await sql<{ source: string }>(
      `select prosrc as source from pg_proc where proname = 'check_approval'`,
    );
    expect(definition[0]?.source).not.toMatch(/commitment/);
  });

  it('refuses a supervisor with no conversation on record', async () => {
    const id = await newCase('tilsynsperson');
    await withDb((db) => completeHousehold(db, id));
    await walk(coordinator, id, 'tilsynsperson', 'conversation_scheduled');
    expect((await fill(coordinator, id, { certificate_issued_on: today() })).error).toBeNull();
    const approval = await move(coordinator, id, 'approved');
    expect(approval.error?.code).toBe('23514');
    expect(approval.error?.message).toMatch(/Samtalen er ikke registrert/);
    expect(JSON.parse(approval.error?.details ?? '[]')).toEqual([
      'Samtalen er ikke registrert som gjennomført.',
    ]);
  });

  /** A visit home ready for approval: verified certificate, conversation and visit today. */
  async function ready(): Promise<string> {
    const id = await newCase('besokshjem');
    await withDb((db) => completeHousehold(db, id));
    await walk(coordinator, id, 'besokshjem', 'conversation_scheduled');
    const filled = await fill(coordinator, id, {
      certificate_issued_on: today(),
      conversation_held_on: today(),
      home_visit_held_on: today(),
    });
    expect(filled.error).toBeNull();
    expect((await move(coordinator, id, 'home_visit')).error).toBeNull();
    return id;
  }

  async function session(who: string): Promise<pg.Client> {
    const db = new pg.Client({ connectionString: stack().dbUrl });
    await db.connect();
    await beginAsCoordinator(db, who);
    return db;
  }

  const outcome = (promise: Promise<unknown>) =>
    promise.then(
      () => 'ok',
      (error: { code?: string }) => error.code ?? 'error',
    );

  it.each([
    ['the certificate is cleared first', 'clear'],
    ['the approval comes first', 'approve'],
  ])('two coordinators at once, %s: never approved without a certificate', async (_, first) => {
    const id = await ready();
    const clearing = await session(ids.colleague);
    const approving = await session(ids.coordinator);
    try {
      const clear = () =>
        outcome(
          clearing.query(
            'update public.application_checklists set certificate_issued_on = null where application_id = $1',
            [id],
          ),
        );
      const approve = () =>
        outcome(
          approving.query(`update public.applications set status = 'approved' where id = $1`, [id]),
        );
      let results: string[];
      if (first === 'clear') {
        const cleared = await clear();
        const approval = approve(); // must wait for the clearing transaction
        await new Promise((r) => setTimeout(r, 200));
        await clearing.query('commit');
        results = [cleared, await approval];
        await approving.query(results[1] === 'ok' ? 'commit' : 'rollback');
      } else {
        const approved = await approve();
        const clearance = clear(); // must wait for the approving transaction
        await new Promise((r) => setTimeout(r, 200));
        await approving.query('commit');
        results = [await clearance, approved];
        await clearing.query(results[0] === 'ok' ? 'commit' : 'rollback');
      }
      const final = await sql<{ status: string; certificate_issued_on: Date | null }>(
        `select a.status, c.certificate_issued_on from public.applications a
           join public.application_checklists c on c.application_id = a.id where a.id = $1`,
        [id],
      );
      expect(results).toEqual(first === 'clear' ? ['ok', '23514'] : ['23514', 'ok']);
      expect(final[0]?.status === 'approved' && final[0].certificate_issued_on === null).toBe(
        false,
      );
    } finally {
      await clearing.end();
      await approving.end();
    }
  });
});

describe('what is missing, before approval: application_next_steps and the refusal agree', () => {
  const steps = async (reference: string) =>
    coordinator.rpc('application_next_steps', { application_reference: reference });

  it('tells before approval what the guard would refuse, in its own words', async () => {
    const id = await newCase('tilsynsperson');
    await withDb((db) => completeHousehold(db, id));
    const reference = await referenceOf(id);
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
    const before = (await steps(reference)).data?.find((s) => s.status === 'approved');
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
    const ready = (await steps(reference)).data?.find((s) => s.status === 'approved');
    expect(ready?.approval_missing).toEqual([]);
    expect(
      (await coordinator.from('applications').update({ status: 'approved' }).eq('id', id)).error,
    ).toBeNull();
    expect((await steps(reference)).data).toEqual([]);
  });
});

describe("a visit home applying together: the partner's police certificate before approval", () => {
  it('is required for approval: the next steps and the guard say so until it is verified', async () => {
    const id = await jointCase(coordinator, today());
    expect(await approvalMissing(coordinator, id)).toEqual([
      'Ingen koordinator har kontrollert politiattesten til medsøkeren.',
    ]);
    const refused = await move(coordinator, id, 'approved');
    expect(refused.error?.code).toBe('23514');
    expect(refused.error?.message).toMatch(/politiattesten til medsøkeren/);
    expect(await statusOf(id)).toBe('home_visit');

    const verified = await coordinator
      .from('application_checklists')
      .update({ partner_certificate_issued_on: today() })
      .eq('application_id', id)
      .select('partner_certificate_verified_by, partner_certificate_verified_at');
    expect(verified.error).toBeNull();
    expect(verified.data?.[0]?.partner_certificate_verified_by).toBe(ids.coordinator);
    expect(verified.data?.[0]?.partner_certificate_verified_at).toBeTruthy();
    expect(await approvalMissing(coordinator, id)).toEqual([]);
    expect((await move(coordinator, id, 'approved')).error).toBeNull();
  });

  it.each([
    ['2026-08-22', '2026-11-22'],
    ['2026-05-31', '2026-08-31'],
    ['2025-11-30', '2026-02-28'],
  ])(
    'issued %s, it approves on %s, its last valid day, and not the day after',
    async (issued, lastDay) => {
      const id = await jointCase(coordinator, lastDay);
      await pinToday(issued);
      const recorded = await coordinator
        .from('application_checklists')
        .update({ partner_certificate_issued_on: issued })
        .eq('application_id', id);
      expect(recorded.error).toBeNull();

      await pinToday(addDays(lastDay, 1));
      // The applicant's certificate (recorded on lastDay) is still valid: only the partner's is not.
      expect(await approvalMissing(coordinator, id)).toEqual([
        `Medsøkerens politiattest (utstedt ${norwegian(issued)}) var bare gyldig til og med ${norwegian(lastDay)}.`,
      ]);
      expect((await move(coordinator, id, 'approved')).error?.message).toMatch(
        /Medsøkerens politiattest .* var bare gyldig til og med/,
      );

      await pinToday(lastDay);
      expect((await move(coordinator, id, 'approved')).error).toBeNull();
    },
  );

  it('a certificate dated after the approval day is refused by the guard', async () => {
    const tomorrow = addDays(today(), 1);
    const id = await jointCase(coordinator, tomorrow);
    await pinToday(tomorrow);
    await coordinator
      .from('application_checklists')
      .update({ partner_certificate_issued_on: tomorrow })
      .eq('application_id', id);
    // Approved the day before (a clock set back): the partner's certificate lies in the future.
    await pinToday(today());
    const { error } = await move(coordinator, id, 'approved');
    expect(error?.message).toMatch(/Medsøkerens politiattest er datert fram i tid/);
  });
});
