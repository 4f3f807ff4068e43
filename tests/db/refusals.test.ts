// No personal data in refusals: a refused submission, note or change to the coordinator list,
// straight through PostgREST as the site, coordinator or lead who makes it, answers with the field
// or the rule, never the row ("Failing row contains …"), and what the stack logs from the start of
// the test on does not hold it either.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { addUser, stackLogFromNow, submitApplication as submit, withDb } from '../support/db.ts';
import { newCase, type Db } from '../support/screening.ts';
import { applicationPayload } from '../support/payloads.ts';

const lead = randomUUID();
const member = randomUUID();
let asLead: Db;
let applicationId = '';

beforeAll(async () => {
  asLead = await addUser(lead, { name: 'Rad Leder', role: 'lead' });
  await addUser(member, { name: 'Rad Medlem' });
  applicationId = await newCase('besokshjem');
});

/**
 * What the stack logged since `log` was taken, once the refusal's own ERROR line is there (log
 * lines arrive a little after the answer): only then can the log be checked for what is absent.
 */
async function loggedRefusal(log: () => string, message: string): Promise<string> {
  await expect.poll(log, { timeout: 15_000 }).toContain(`ERROR:  ${message}`);
  return log();
}

describe('refusals carry no row data', () => {
  it('refusals name the field only, in the answer and in the log', async () => {
    const log = await stackLogFromNow();
    const marker = `Hemmelig${randomUUID().slice(0, 8)}`;
    const hostile = [
      { full_name: `${marker}\u202e` },
      { email: `${marker},x@example.no` },
      { motivation: `${marker}\u0007` },
      { street_address: ` ${marker}` },
      { children_ages: marker },
    ];
    for (const overrides of hostile) {
      const payload = applicationPayload('besokshjem', { phone: '97531864', ...overrides });
      const { error } = await submit(payload);
      expect(error).not.toBeNull();
      expect(JSON.stringify(error)).not.toContain(marker);
      expect(JSON.stringify(error)).not.toContain('97531864');
    }
    // A value that only the table's own constraint catches still answers without the row.
    const direct = await withDb(async (db) => {
      try {
        await db.query(
          `select public.submit_application(jsonb_set($1::jsonb, '{adults}', '1e400')::json)`,
          [JSON.stringify(applicationPayload('besokshjem', { full_name: marker }))],
        );
        return '';
      } catch (error) {
        return JSON.stringify(error);
      }
    });
    expect(direct).not.toContain(marker);
    // What this test made Postgres log, up to the refusal of its last statement.
    await expect.poll(log, { timeout: 15_000 }).toContain('invalid field: adults');
    expect(log()).toContain('invalid field: full_name');
    expect(log()).not.toContain(marker);
    expect(log()).not.toContain('97531864');
    expect(log()).not.toContain('Failing row contains');
  });

  it.each([
    { what: 'a note that is too long', body: (m: string) => `${m} ${'x'.repeat(4001)}` },
    { what: 'a note that is only spaces', body: () => '   ' },
  ])('$what', async ({ body }) => {
    const marker = `Skjult${randomUUID().slice(0, 8)}`;
    const log = await stackLogFromNow();
    const { error } = await asLead
      .from('application_notes')
      .insert({ application_id: applicationId, body: body(marker), is_contact: false } as never);
    expect(error?.code).toBe('23514');
    expect(error?.message).toBe('Notatet må ha mellom 1 og 4000 tegn.');
    expect(JSON.stringify(error)).not.toContain(marker);
    expect(JSON.stringify(error)).not.toMatch(/Failing row/);
    expect(await loggedRefusal(log, error?.message ?? '')).not.toContain(marker);
  });

  it.each([
    { what: 'a name with a space in front', name: (m: string) => ` ${m}` },
    { what: 'a name that is too long', name: (m: string) => `${m}${'y'.repeat(100)}` },
  ])('$what', async ({ name }) => {
    const marker = `Navn${randomUUID().slice(0, 8)}`;
    const log = await stackLogFromNow();
    const { error } = await asLead
      .from('coordinators')
      .update({ name: name(marker) })
      .eq('user_id', member);
    expect(error?.code).toBe('23514');
    expect(error?.message).toMatch(/^Navnet må ha mellom 1 og 100 tegn/);
    expect(JSON.stringify(error)).not.toContain(marker);
    expect(await loggedRefusal(log, error?.message ?? '')).not.toContain(marker);
    const stored = await withDb(
      async (db) =>
        (
          await db.query<{ name: string }>(
            'select name from public.coordinators where user_id = $1',
            [member],
          )
        ).rows[0]?.name,
    );
    expect(stored).toBe('Rad Medlem');
  });
});
