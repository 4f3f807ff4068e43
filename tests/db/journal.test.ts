// Journalføring: the municipality's journalpost or case number on a case
// (applications.journal_reference), with who and when, written straight through PostgREST with
// supabase-js as each role: only an active coordinator (a coordinator or a lead) may record or
// correct it; anon, a signed-in non-coordinator, a deactivated coordinator and the service-role key
// are refused. Who and when are the database's, clearing is refused, every change is in the audit
// log, and the reference's form is the same in SQL and in the workspace's zod schema.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { JOURNAL_REFERENCE_PATTERN } from '../../src/lib/coordinator/forms.ts';
import { addUser, anon, service, sql } from '../support/db.ts';
import { journalReferences } from '../support/journal-references.ts';
import { newCase, walk, type Db } from '../support/screening.ts';

const ids = {
  coordinator: randomUUID(),
  lead: randomUUID(),
  inactive: randomUUID(),
  stranger: randomUUID(),
};
let coordinator: Db;
let lead: Db;
let inactive: Db;
let stranger: Db;

beforeAll(async () => {
  coordinator = await addUser(ids.coordinator, { name: 'Journal Koordinator' });
  lead = await addUser(ids.lead, { name: 'Journal Leder', role: 'lead' });
  inactive = await addUser(ids.inactive, { name: 'Journal Sluttet', active: false });
  stranger = await addUser(ids.stranger);
});

/** Asks PostgREST, as `as`, to record `value` as the case's journal reference. */
const record = (as: Db, id: string, value: string | null) =>
  as
    .from('applications')
    .update({ journal_reference: value })
    .eq('id', id)
    .select('journal_reference, journaled_at, journaled_by');

interface Journal {
  journal_reference: string | null;
  journaled_at: Date | null;
  journaled_by: string | null;
}
const stored = async (id: string) =>
  (
    await sql<Journal & Record<string, unknown>>(
      'select journal_reference, journaled_at, journaled_by from public.applications where id = $1',
      [id],
    )
  )[0];

/** The audit rows of the case that changed its journal reference, oldest first. */
const journalLog = (id: string) =>
  sql<{ actor_id: string | null; actor_role: string; changes: Record<string, unknown> }>(
    `select actor_id, actor_role, changes from public.audit_log
      where application_id = $1 and action = 'update' and changes ? 'journal_reference'
      order by id`,
    [id],
  );

const declinedCase = async () => {
  const id = await newCase('tilsynsperson');
  await walk(coordinator, id, 'tilsynsperson', 'declined');
  return id;
};

describe('who may record a case as journalført, straight through PostgREST', () => {
  it.each([
    ['a coordinator', () => coordinator, () => ids.coordinator],
    ['a lead', () => lead, () => ids.lead],
  ])('%s may: the database records who and when, and logs it', async (_, who, whoId) => {
    const id = await declinedCase();
    const before = Date.now();
    const { data, error } = await record(who(), id, '2026/1234-1');
    expect(error).toBeNull();
    expect(data).toHaveLength(1);
    const row = await stored(id);
    expect(row?.journal_reference).toBe('2026/1234-1');
    expect(row?.journaled_by).toBe(whoId());
    expect(row?.journaled_at?.getTime()).toBeGreaterThanOrEqual(before - 60_000);
    expect(await journalLog(id)).toEqual([
      expect.objectContaining({
        actor_id: whoId(),
        actor_role: 'authenticated',
        changes: expect.objectContaining({
          journal_reference: { old: null, new: '2026/1234-1' },
          journaled_by: { old: null, new: whoId() },
        }),
      }),
    ]);
  });

  it.each([
    ['anon', () => anon()],
    ['a signed-in user who is not a coordinator', () => stranger],
    ['a deactivated coordinator', () => inactive],
    ['the service-role key', () => service()],
  ])('%s may not, and nothing is stored', async (_, who) => {
    const id = await declinedCase();
    const { data, error } = await record(who(), id, '2026/1234-1');
    expect(data ?? []).toEqual([]);
    expect(error?.code).toBe('42501');
    expect(await stored(id)).toEqual({
      journal_reference: null,
      journaled_at: null,
      journaled_by: null,
    });
    expect(await journalLog(id)).toEqual([]);
  });

  it('nobody writes who and when: they follow the reference', async () => {
    const id = await declinedCase();
    const direct = await coordinator
      .from('applications')
      .update({ journaled_by: ids.lead, journaled_at: '2020-01-01T00:00:00Z' } as never)
      .eq('id', id)
      .select('id');
    expect(direct.error?.code).toBe('42501');
    // Not even the SQL editor: without a new reference, who and when stay as they were.
    await sql(
      `update public.applications set journaled_by = $2, journaled_at = now() where id = $1`,
      [id, ids.lead],
    );
    expect(await stored(id)).toMatchObject({ journaled_by: null, journaled_at: null });
  });

  it('an open case may be journalført too (the municipality may journalføre on receipt)', async () => {
    const id = await newCase('besokshjem');
    expect((await record(coordinator, id, '26/01234-1')).error).toBeNull();
    expect((await stored(id))?.journal_reference).toBe('26/01234-1');
    const { data } = await coordinator.from('screening_queue').select('journaled').eq('id', id);
    expect(data).toEqual([{ journaled: true }]);
  });
});

describe('correcting and clearing', () => {
  it('a correction is recorded with who and when, and the log keeps the old number', async () => {
    const id = await declinedCase();
    expect((await record(coordinator, id, '2026/1234-1')).error).toBeNull();
    const first = await stored(id);
    expect((await record(lead, id, '2026/1234-2')).error).toBeNull();
    const second = await stored(id);
    expect(second).toMatchObject({ journal_reference: '2026/1234-2', journaled_by: ids.lead });
    expect(second?.journaled_at?.getTime()).toBeGreaterThanOrEqual(
      first?.journaled_at?.getTime() ?? Infinity,
    );
    const log = await journalLog(id);
    expect(log.map((row) => [row.actor_id, row.changes['journal_reference']])).toEqual([
      [ids.coordinator, { old: null, new: '2026/1234-1' }],
      [ids.lead, { old: '2026/1234-1', new: '2026/1234-2' }],
    ]);
  });

  it('clearing it is refused, in Norwegian, and the number stays', async () => {
    const id = await declinedCase();
    expect((await record(coordinator, id, '2026/1234')).error).toBeNull();
    const { error } = await record(lead, id, null);
    expect(error?.code).toBe('23514');
    expect(error?.message).toBe(
      'Journalføringen kan ikke fjernes. Er nummeret feil, skriver du det riktige.',
    );
    expect(await stored(id)).toMatchObject({
      journal_reference: '2026/1234',
      journaled_by: ids.coordinator,
    });
  });

  it('a number of the wrong form is refused by its constraint', async () => {
    const id = await declinedCase();
    const { error } = await record(coordinator, id, '2026-1234');
    expect(error?.code).toBe('23514');
    expect(error?.message).toContain('applications_journal_reference_format');
    expect((await stored(id))?.journal_reference).toBeNull();
  });
});

describe("the reference's form: the database and the zod schema agree", () => {
  /** What private.is_journal_reference says of each value, in one round trip. */
  const inSql = async (values: string[]) =>
    (
      await sql<{ ok: boolean }>(
        `select private.is_journal_reference(v) as ok
           from unnest($1::text[]) with ordinality as t(v, n) order by n`,
        [values],
      )
    ).map((row) => row.ok);

  it('at the edges of the form', async () => {
    const values = journalReferences.map(([value]) => value);
    expect(await inSql(values)).toEqual(journalReferences.map(([, valid]) => valid));
    expect(values.map((value) => JOURNAL_REFERENCE_PATTERN.test(value))).toEqual(
      journalReferences.map(([, valid]) => valid),
    );
  });

  it('on generated text of digits, slashes, hyphens and more', async () => {
    // Near-references (a year, a separator, digits, a document number, something around them) and
    // loose text of the same characters.
    const digits = (min: number, max: number) =>
      fc.string({ unit: fc.constantFrom('0', '1', '2', '9'), minLength: min, maxLength: max });
    const near = fc
      .tuple(
        fc.constantFrom('', ' ', 'a'),
        fc.oneof(digits(0, 5), fc.constantFrom('19', '20', '2026', '1899', '2100')),
        fc.constantFrom('/', '/', '-', '\\', ''),
        digits(0, 8),
        fc.oneof(
          fc.constant(''),
          digits(0, 5).map((d) => `-${d}`),
          fc.constantFrom('/1', '-1-1'),
        ),
        fc.constantFrom('', '', ' ', '\n'),
      )
      .map((parts) => parts.join(''));
    const loose = fc
      .array(fc.constantFrom('0', '1', '2026', '/', '-', ' ', 'a'), { maxLength: 10 })
      .map((parts) => parts.join(''));
    const samples = fc.sample(fc.oneof(near, loose), { numRuns: 3000, seed: 23 });
    const valid = samples.filter((value) => JOURNAL_REFERENCE_PATTERN.test(value));
    // The generator reaches both answers, so agreement is not agreement on "no".
    expect(valid.length).toBeGreaterThan(20);
    expect(samples.length - valid.length).toBeGreaterThan(100);
    expect(await inSql(samples)).toEqual(samples.map((v) => JOURNAL_REFERENCE_PATTERN.test(v)));
  });
});
