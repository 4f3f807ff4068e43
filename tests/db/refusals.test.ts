import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { client, service, stack, stackLogFromNow, userToken, withDb } from '../support/db.ts';
import { applicationPayload } from '../support/payloads.ts';

// Refused writes to notes and to the coordinator list, straight through PostgREST as the
// coordinator or lead who makes them: the answer names the rule, never the row ("Failing row
// contains …"), and Postgres' log of the stack does not hold the text either.

const lead = randomUUID();
const member = randomUUID();
let applicationId = '';

beforeAll(async () => {
  await withDb(async (db) => {
    await db.query(
      `insert into auth.users (id, email, aud, role) values
         ($1::uuid, $1::text || '@test.invalid', 'authenticated', 'authenticated'),
         ($2::uuid, $2::text || '@test.invalid', 'authenticated', 'authenticated')`,
      [lead, member],
    );
    await db.query(
      `insert into public.coordinators (user_id, name, role) values ($1, 'Rad Leder', 'lead'), ($2, 'Rad Medlem', 'coordinator')`,
      [lead, member],
    );
  });
  const { data, error } = await service().rpc('submit_application', {
    application: applicationPayload('besokshjem'),
  } as never);
  expect(error).toBeNull();
  applicationId = await withDb(
    async (db) =>
      (
        await db.query<{ id: string }>('select id from public.applications where reference = $1', [
          data,
        ])
      ).rows[0]?.id ?? '',
  );
});

const asLead = async () => client(stack().anonKey, await userToken(lead));
/**
 * What the stack logged since `log` was taken, once the refusal's own ERROR line is there (log
 * lines arrive a little after the answer): only then can the log be checked for what is absent.
 */
async function loggedRefusal(log: () => string, message: string): Promise<string> {
  await expect.poll(log, { timeout: 15_000 }).toContain(`ERROR:  ${message}`);
  return log();
}

describe('refusals carry no row data', () => {
  it.each([
    { what: 'a note that is too long', body: (m: string) => `${m} ${'x'.repeat(4001)}` },
    { what: 'a note that is only spaces', body: () => '   ' },
  ])('$what', async ({ body }) => {
    const marker = `Skjult${randomUUID().slice(0, 8)}`;
    const log = await stackLogFromNow();
    const { error } = await (
      await asLead()
    )
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
    const { error } = await (
      await asLead()
    )
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
