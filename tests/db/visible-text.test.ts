// Text the portal can store and see: a NUL (which Postgres text cannot hold) and text of invisible
// characters only (a zero-width space) are refused straight through PostgREST, as every role, with
// the field named, nothing stored and nothing of the answers in the Postgres log; and the
// database's "visible" is the forms' "visible" on every code point.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasVisibleCharacter } from '../../src/lib/text.ts';
import {
  addUser,
  sql,
  stack,
  stackLogFromNow,
  submitApplication,
  userToken,
} from '../support/db.ts';
import { newCase, type Db } from '../support/screening.ts';
import { applicationPayload, insertOutcome, type Payload } from '../support/payloads.ts';

/** POSTs `body` (already JSON) to submit_application with `key` and `bearer`; status and answer. */
async function post(body: string, key: string, bearer = key) {
  const answer = await fetch(`${stack().url}/rest/v1/rpc/submit_application`, {
    method: 'POST',
    headers: { apikey: key, authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    body,
  });
  return { status: answer.status, text: await answer.text() };
}

const storedCount = async (submissionId: unknown) =>
  Number(
    (
      await sql<{ n: string }>(
        'select count(*) as n from public.applications where submission_id::text = $1',
        [String(submissionId)],
      )
    )[0]?.n,
  );

/** A visit-home payload whose answers carry `marker`, so the log can be searched for them. */
const marked = (marker: string, overrides: Payload = {}) =>
  applicationPayload('besokshjem', {
    full_name: `${marker} Navnesen`,
    street_address: `${marker}veien 1`,
    motivation: `${marker} liker barn.`,
    email: `${marker.toLowerCase()}@example.no`,
    ...overrides,
  });

describe('the database and the forms agree on what is visible', () => {
  it('on every code point, private.has_visible_character is hasVisibleCharacter', async () => {
    // Surrogates are no characters on their own; NUL is refused before either is asked.
    const invisible = (
      await sql<{ cp: number }>(
        `select cp from generate_series(1, 1114111) as cp
          where cp not between 55296 and 57343 and not private.has_visible_character(chr(cp))`,
      )
    ).map((row) => row.cp);
    const expected: number[] = [];
    for (let cp = 1; cp <= 0x10ffff; cp++)
      if ((cp < 0xd800 || cp > 0xdfff) && !hasVisibleCharacter(String.fromCodePoint(cp)))
        expected.push(cp);
    expect(expected.length).toBeGreaterThan(150);
    expect(invisible).toEqual(expected);
  }, 60_000);

  it('text with one visible character among invisible ones is visible', async () => {
    const [row] = await sql<{ a: boolean; b: boolean; c: boolean }>(
      `select private.has_visible_character(e'\\u200bx\\u200b') as a,
              private.has_visible_character(e' \\u00ad\\u2060\\ufeff\\u202e ') as b,
              private.has_visible_character('') as c`,
    );
    expect(row).toEqual({ a: true, b: false, c: false });
  });
});

describe('a NUL straight through PostgREST', () => {
  it.each([
    ['full_name', (m: string) => ({ full_name: `${m} Navne\u0000sen` })],
    ['motivation', (m: string) => ({ motivation: `${m} liker barn.\n\u0000\u0000` })],
    [
      'partner_name',
      (m: string) => ({
        applying_with: 'sammen',
        partner_name: `${m}\u0000`,
        adults: 2,
        others_informed: 'ja',
        partner_phone: '98765432',
        partner_email: 'ola@example.no',
      }),
    ],
  ])(
    'with the service-role key: refused naming %s, nothing stored, nothing in the log',
    async (field, change) => {
      const marker = `Nul${randomUUID().slice(0, 8)}`;
      const payload = marked(marker, change(marker));
      const log = await stackLogFromNow();
      const { status, text } = await post(JSON.stringify(payload), stack().serviceRoleKey);
      expect(status).toBe(400);
      expect(JSON.parse(text)).toMatchObject({ code: '22023', message: `invalid field: ${field}` });
      expect(text).not.toContain(marker);
      expect(await storedCount(payload['submission_id'])).toBe(0);
      await expect.poll(log, { timeout: 15_000 }).toContain(`invalid field: ${field}`);
      expect(log()).not.toContain(marker);
      expect(log()).not.toContain('cannot be converted to text');
    },
  );

  it('in a key, or in a body that is no object: refused as a whole, nothing in the log', async () => {
    const marker = `Nul${randomUUID().slice(0, 8)}`;
    const log = await stackLogFromNow();
    const inKey = JSON.stringify({ ...marked(marker), 'x\u0000': marker });
    const asList = JSON.stringify([marked(marker, { full_name: `${marker}\u0000` })]);
    for (const body of [inKey, asList]) {
      const { status, text } = await post(body, stack().serviceRoleKey);
      expect(status).toBe(400);
      expect(JSON.parse(text)).toMatchObject({
        code: '22023',
        message: 'invalid field: application',
      });
    }
    await expect.poll(log, { timeout: 15_000 }).toContain('invalid field: application');
    expect(log()).not.toContain(marker);
  });

  it('an escaped backslash before "u0000" is text, not a NUL, and is stored as typed', async () => {
    const payload = applicationPayload('besokshjem', { full_name: 'Kari \\u0000 Nordmann' });
    const { data, error } = await submitApplication(payload);
    expect(error).toBeNull();
    const [row] = await sql<{ full_name: string }>(
      'select full_name from public.applications where reference = $1',
      [data],
    );
    expect(row?.full_name).toBe('Kari \\u0000 Nordmann');
  });

  it('as anon, a signed-in non-coordinator or a coordinator: refused before it is read', async () => {
    const marker = `Nul${randomUUID().slice(0, 8)}`;
    const user = randomUUID();
    const coordinator = randomUUID();
    await addUser(user);
    await addUser(coordinator, { name: 'Nul Koordinator' });
    const payload = marked(marker, { full_name: `${marker}\u0000` });
    const log = await stackLogFromNow();
    const { anonKey } = stack();
    for (const bearer of [anonKey, await userToken(user), await userToken(coordinator)]) {
      const { status, text } = await post(JSON.stringify(payload), anonKey, bearer);
      expect([401, 403]).toContain(status);
      expect(JSON.parse(text)).toMatchObject({ code: '42501' });
    }
    expect(await storedCount(payload['submission_id'])).toBe(0);
    await expect
      .poll(log, { timeout: 15_000 })
      .toContain('permission denied for function submit_application');
    expect(log()).not.toContain(marker);
  });
});

describe('text of invisible characters only, straight through PostgREST', () => {
  let asLead: Db;
  const lead = randomUUID();
  const member = randomUUID();
  let applicationId = '';
  beforeAll(async () => {
    asLead = await addUser(lead, { name: 'Usynlig Leder', role: 'lead' });
    await addUser(member, { name: 'Usynlig Medlem' });
    applicationId = await newCase('besokshjem');
  });

  it.each([
    ['full_name', { full_name: '\u200b' }],
    ['full_name', { full_name: '\u200c\u200d\u2060\ufeff\u00ad' }],
    ['street_address', { street_address: '\u200b\u200e\u200b' }],
    ['motivation', { motivation: '\u200b\n\u2060' }],
  ])('a submission: refused naming %s, nothing stored', async (field, overrides) => {
    const payload = applicationPayload('besokshjem', overrides);
    const { error } = await submitApplication(payload);
    expect(error).toMatchObject({ code: '22023', message: `invalid field: ${field}` });
    expect(await storedCount(payload['submission_id'])).toBe(0);
  });

  it("the table's own check refuses it too (a row written past submit_application)", async () => {
    const payload = applicationPayload('besokshjem', { full_name: '\u200b' });
    const outcome = await insertOutcome(payload, {
      reference: `'BH-3333-3333'`,
      privacy_version: `'1.0'`,
    });
    expect(outcome).toBe('applications_full_name_length');
  });

  it('a note of zero-width characters: refused, nothing stored', async () => {
    const { error } = await asLead
      .from('application_notes')
      .insert({ application_id: applicationId, body: '\u200b\u2060' } as never);
    expect(error).toMatchObject({
      code: '23514',
      message: 'Notatet må ha synlig tekst, ikke bare usynlige tegn.',
    });
    const notes = await sql('select 1 from public.application_notes where application_id = $1', [
      applicationId,
    ]);
    expect(notes).toHaveLength(0);
  });

  it("a coordinator's name of zero-width characters: refused, the name kept", async () => {
    const { error } = await asLead
      .from('coordinators')
      .update({ name: '\ufeff\u200b' })
      .eq('user_id', member);
    expect(error).toMatchObject({
      code: '23514',
      message: 'Navnet må ha synlige tegn, ikke bare usynlige tegn.',
    });
    const [row] = await sql<{ name: string }>(
      'select name from public.coordinators where user_id = $1',
      [member],
    );
    expect(row?.name).toBe('Usynlig Medlem');
  });
});
