import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { addMonths, certificateValidOn, osloDate } from '../../src/lib/dates.ts';
import { anon, client, service, userToken, withDb } from '../support/db.ts';
import {
  applicationPayload,
  insertPayloadSql,
  partner,
  roleAnswers,
  type Payload,
} from '../support/payloads.ts';

const today = () => osloDate(new Date());
const dayBefore = (iso: string) => {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
};
const dayAfter = (iso: string) => {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

// Valid by default: a certificate issued today, the newest a certificate can be.
const visitHome = (overrides: Payload = {}): Payload =>
  applicationPayload('besokshjem', {
    email: `kari-${randomUUID().slice(0, 8)}@example.no`,
    certificate_status: 'har',
    certificate_issued_on: today(),
    ...overrides,
  });
const supervisor = (overrides: Payload = {}): Payload =>
  applicationPayload('tilsynsperson', {
    email: `kari-${randomUUID().slice(0, 8)}@example.no`,
    certificate_status: 'har',
    certificate_issued_on: today(),
    ...overrides,
  });

const submit = (application: Payload) =>
  service().rpc('submit_application', { application } as never);

const rows = (submissionId: unknown) =>
  withDb(
    async (db) =>
      (await db.query('select * from public.applications where submission_id = $1', [submissionId]))
        .rows,
  );

describe('submitting an application as anon (the public site)', () => {
  it.each([
    ['visit home', visitHome, /^BH-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/],
    ['supervisor', supervisor, /^TP-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/],
  ])('stores a valid %s application and returns its reference', async (_, make, pattern) => {
    const application = make();
    const { data, error } = await submit(application);
    expect(error).toBeNull();
    expect(data).toMatch(pattern);
    const stored = await rows(application['submission_id']);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      reference: data,
      status: 'received',
      phone: '91234567',
      call_time: 'formiddag',
    });
  });

  it('a repeated submission id returns the first reference and stores one row', async () => {
    const application = visitHome();
    const first = await submit(application);
    const again = await submit({ ...application, full_name: 'Noen Andre' });
    const parallel = await Promise.all([submit(application), submit(application)]);
    expect(first.error).toBeNull();
    expect(again.data).toBe(first.data);
    expect(parallel.map((r) => r.data)).toEqual([first.data, first.data]);
    const stored = await rows(application['submission_id']);
    expect(stored).toHaveLength(1);
    expect(stored[0]['full_name']).toBe('Kari Nordmann');
  });

  it('accepts the oldest valid certificate and an applicant without one', async () => {
    for (const application of [
      visitHome({ certificate_issued_on: addMonths(today(), -3) }),
      supervisor({ certificate_status: 'bestiller', certificate_issued_on: null }),
    ]) {
      const { error } = await submit(application);
      expect(error).toBeNull();
    }
  });

  it.each<[string, Payload]>([
    ['a certificate issued tomorrow', { certificate_issued_on: dayAfter(today()) }],
    [
      'a certificate older than three months',
      { certificate_issued_on: dayBefore(addMonths(today(), -3)) },
    ],
    ['a certificate without its date', { certificate_issued_on: null }],
    ['a date without a certificate', { certificate_status: 'bestiller' }],
    ['an unknown certificate status', { certificate_status: 'kanskje' }],
    ['a commitment under 12 months', { commitment_months: 11 }],
    ['a missing commitment', { commitment_months: null }],
    [
      'a requirement not confirmed',
      {
        confirmed_requirements: ['stabil-livssituasjon', 'overskudd-og-tid', 'glad-i-barn'],
      },
    ],
    ['no requirements confirmed', { confirmed_requirements: [] }],
    [
      'an unknown requirement',
      { confirmed_requirements: [...(visitHome()['confirmed_requirements'] as string[]), 'annet'] },
    ],
    ['an invalid e-mail', { email: 'kari@example' }],
    ['an e-mail with spaces', { email: 'kari @example.no' }],
    ['a seven-digit phone number', { phone: '9123456' }],
    ['a phone number with country code', { phone: '+4791234567' }],
    ['a three-digit postcode', { postcode: '701' }],
    ['a postcode with letters', { postcode: '70A0' }],
    ['an untrimmed name', { full_name: ' Kari' }],
    ['an empty name', { full_name: '' }],
    ['a name of 101 characters', { full_name: 'x'.repeat(101) }],
    ['a motivation of 1001 characters', { motivation: 'x'.repeat(1001) }],
    ['under 18', { over_18: false }],
    ['no consent', { privacy_consent: false }],
    ['no privacy version', { privacy_version: null }],
    ['an unknown kind', { kind: 'fosterhjem' }],
    ['an unknown field', { national_id: '01010112345' }],
    ['a status chosen by the applicant', { status: 'approved' }],
    ['a receipt time chosen by the applicant', { received_at: '2020-01-01T00:00:00Z' }],
    ['an unknown heard-about answer', { heard_about: 'tv' }],
    ['no spare bed', { spare_bed: false }],
    ['an unknown answer', { health: 'god' }],
    ['a missing answer', { suited_ages: undefined }],
    ['no suited age group', { suited_ages: [] }],
    [
      "a supervisor's answers on a visit home",
      {
        ...Object.fromEntries(
          Object.keys(roleAnswers('besokshjem')).map((key) => [key, undefined]),
        ),
        ...roleAnswers('tilsynsperson'),
      },
    ],
    ["a supervisor's answer besides a visit home's", { languages: 'norsk' }],
  ])('the database rejects %s', async (_, overrides) => {
    const application = visitHome(overrides);
    const { data, error } = await submit(application);
    expect(data).toBeNull();
    // Postgres' classes 22 (bad data) and 23 (a broken constraint): the site reads these as
    // "refused", not as "database down".
    expect(error?.code).toMatch(/^(22|23)/);
    expect(await rows(application['submission_id'])).toHaveLength(0);
  });

  it('the database rejects a supervisor without availability', async () => {
    const application = supervisor({ availability: [] });
    const { error } = await submit(application);
    expect(error).not.toBeNull();
  });
});

describe('anon can do nothing else', () => {
  it('cannot read applications', async () => {
    await submit(visitHome());
    const { data, error } = await anon().from('applications').select('*');
    expect(data ?? []).toEqual([]);
    expect(error?.code).toBe('42501');
  });

  it('cannot insert, update or delete directly', async () => {
    const application = visitHome();
    await submit(application);
    const insert = await anon()
      .from('applications')
      .insert({ ...application, reference: 'BH-2222-2222' } as never);
    expect(insert.error?.code).toBe('42501');
    const update = await anon()
      .from('applications')
      .update({ status: 'received' } as never)
      .eq('submission_id', application['submission_id'] as string);
    expect(update.error?.code).toBe('42501');
    const remove = await anon()
      .from('applications')
      .delete()
      .eq('submission_id', application['submission_id'] as string);
    expect(remove.error?.code).toBe('42501');
    expect(await rows(application['submission_id'])).toHaveLength(1);
  });

  it('a signed-in user without a coordinator role cannot read or submit', async () => {
    const token = await userToken('00000000-0000-4000-8000-000000000001');
    const { stack } = await import('../support/db.ts');
    const user = client(stack().anonKey, token);
    const read = await user.from('applications').select('*');
    expect(read.error?.code).toBe('42501');
    const rpc = await user.rpc('submit_application', { application: visitHome() } as never);
    expect(rpc.error?.code).toBe('42501');
  });

  it('only service_role (the site) may execute the submit function; the table grants no API role anything', async () => {
    const grants = await withDb(
      async (db) =>
        (
          await db.query<{ grantee: string; privilege_type: string }>(
            `select grantee, privilege_type from information_schema.role_table_grants
             where table_schema = 'public' and table_name = 'applications'
               and grantee in ('anon', 'authenticated', 'service_role')`,
          )
        ).rows,
    );
    expect(grants).toEqual([]);
    const executors = await withDb(async (db) =>
      (
        await db.query<{ role: string }>(
          `select r.rolname as role from pg_roles r
             where has_function_privilege(r.oid, 'public.submit_application(jsonb)', 'execute')
               and r.rolname in ('anon', 'authenticated', 'service_role', 'public')`,
        )
      ).rows.map((r) => r.role),
    );
    expect(executors).toEqual(['service_role']);
  });
});

describe('the three-month rule in SQL matches src/lib/dates.ts (certificateValidOn)', () => {
  // Inserted as the superuser with a chosen receipt time, in a transaction that is rolled back.
  it.each([
    // issued, received at (UTC instant), accepted
    ['2026-08-22', '2026-11-22T11:00:00Z', true],
    ['2026-08-22', '2026-11-23T11:00:00Z', false],
    ['2026-05-31', '2026-08-31T11:00:00Z', true],
    ['2026-05-31', '2026-09-01T11:00:00Z', false],
    ['2026-11-30', '2027-02-28T11:00:00Z', true],
    ['2026-11-30', '2027-03-01T11:00:00Z', false],
    ['2027-11-30', '2028-02-29T11:00:00Z', true],
    ['2027-11-30', '2028-03-01T11:00:00Z', false],
    ['2026-11-22', '2026-11-22T11:00:00Z', true], // issued today
    ['2026-11-23', '2026-11-22T11:00:00Z', false], // issued tomorrow
    // 23:30 on 22 Nov in Oslo (22:30 UTC): the 23rd is still tomorrow.
    ['2026-11-23', '2026-11-22T22:30:00Z', false],
    // 00:30 on 23 Nov in Oslo (23:30 UTC on the 22nd): the 23rd is today, 22 Aug has expired.
    ['2026-11-23', '2026-11-22T23:30:00Z', true],
    ['2026-08-22', '2026-11-22T23:30:00Z', false],
    // DST change days: 29 March and 25 October 2026.
    ['2026-03-29', '2026-06-29T21:59:00Z', true],
    ['2026-03-29', '2026-06-29T22:00:00Z', false],
    ['2026-10-25', '2027-01-25T22:59:00Z', true],
    ['2026-10-25', '2027-01-25T23:00:00Z', false],
  ])('issued %s, received %s: %s', async (issued, receivedAt, accepted) => {
    const application = visitHome({ certificate_issued_on: issued });
    const outcome = await withDb(async (db) => {
      await db.query('begin');
      // A refused row is the point here; keep its "Failing row contains" out of the server log,
      // which last-line.test.ts checks for leaks from the submission path.
      await db.query("set local log_min_messages = 'fatal'");
      try {
        await db.query(
          insertPayloadSql(application, {
            reference: `'BH-2222-2222'`,
            received_at: '$2::timestamptz',
            heard_about: 'null',
            privacy_version: `'v1'`,
          }),
          [JSON.stringify(application), receivedAt],
        );
        return 'accepted';
      } catch (error) {
        return (error as { constraint?: string }).constraint ?? String(error);
      } finally {
        await db.query('rollback');
      }
    });
    expect(outcome).toBe(accepted ? 'accepted' : 'applications_certificate_recent');
    // The same verdict from the forms' own rule (CERTIFICATE_VALID_MONTHS).
    expect(certificateValidOn(issued, osloDate(new Date(receivedAt)))).toBe(accepted);
  });
});

describe("the table's own checks on the new answers (the last line behind submit_application)", () => {
  /** Inserts the application straight into the table as the owner; the constraint that refused it. */
  const insert = (application: Payload) =>
    withDb(async (db) => {
      await db.query('begin');
      // A refused row is the point here; keep its "Failing row contains" out of the server log,
      // which last-line.test.ts checks for leaks from the submission path.
      await db.query("set local log_min_messages = 'fatal'");
      try {
        await db.query(
          insertPayloadSql(application, {
            reference: `'BH-2222-2222'`,
            certificate_status: `'bestiller'`,
            certificate_issued_on: 'null',
            privacy_version: `'v1'`,
          }),
          [JSON.stringify(application)],
        );
        return 'accepted';
      } catch (error) {
        return (error as { constraint?: string }).constraint ?? String(error);
      } finally {
        await db.query('rollback');
      }
    });
  /** A visit home's answers as stored before the forms asked who applies and who knows. */
  const before = {
    applying_with: null,
    partner_name: null,
    partner_phone: null,
    partner_email: null,
    others_informed: null,
  };

  it.each([
    ['one applicant', visitHome(), 'accepted'],
    ['two together', visitHome(partner), 'accepted'],
    [
      'an application from before the new questions',
      visitHome({ ...before, call_time: null }),
      'accepted',
    ],
    [
      'a supervisor without years of experience',
      supervisor({ experience_years: null }),
      'accepted',
    ],
    ['an information meeting', visitHome({ heard_about: 'informasjonsmote' }), 'accepted'],
    ['an evening call', visitHome({ call_time: 'kveld' }), 'applications_call_time_known'],
    ['an unknown heard-about', visitHome({ heard_about: 'tv' }), 'applications_heard_about_known'],
    [
      'a partner for one applicant',
      visitHome({ partner_name: 'Ola Nordmann' }),
      'applications_partner_given',
    ],
    [
      'two together without a phone',
      visitHome({ ...partner, partner_phone: null }),
      'applications_partner_given',
    ],
    [
      'two together with one adult',
      visitHome({ ...partner, adults: 1, others_informed: 'ingen-andre' }),
      'applications_partner_given',
    ],
    [
      'others informed, but nobody else',
      visitHome({ adults: 1, others_informed: 'ja' }),
      'applications_others_informed_fits',
    ],
    [
      'nobody else, but two adults',
      visitHome({ adults: 2, others_informed: 'ingen-andre' }),
      'applications_others_informed_fits',
    ],
    [
      'some of the new keys only',
      visitHome({ ...before, applying_with: 'alene' }),
      'applications_role_answers_given',
    ],
    [
      'an unknown way to apply',
      visitHome({ applying_with: 'familie' }),
      'applications_applying_with_known',
    ],
  ])('%s: %s', async (_, application, outcome) => {
    expect(await insert(application)).toBe(outcome);
  });
});

describe('submit_application refuses each new rule on its own, naming the field', () => {
  it.each([
    ['no time to call', { call_time: null }, 'call_time'],
    ['an evening call', { call_time: 'kveld' }, 'call_time'],
    ['an unknown heard-about', { heard_about: 'tv' }, 'heard_about'],
    ['an unknown way to apply', { applying_with: 'familie' }, 'applying_with'],
    ['two together without a name', { ...partner, partner_name: null }, 'partner_name'],
    ['two together, a name with a tab', { ...partner, partner_name: 'Ola\tN' }, 'partner_name'],
    [
      'two together, a phone with spaces',
      { ...partner, partner_phone: '987 65 432' },
      'partner_phone',
    ],
    ['two together, a short phone', { ...partner, partner_phone: '9876543' }, 'partner_phone'],
    ['two together, a bad e-mail', { ...partner, partner_email: 'ola@example' }, 'partner_email'],
    ['a partner name for one applicant', { partner_name: 'Ola Nordmann' }, 'partner_name'],
    ['a partner phone for one applicant', { partner_phone: '98765432' }, 'partner_phone'],
    ['a partner e-mail for one applicant', { partner_email: 'ola@example.no' }, 'partner_email'],
    [
      'two together with one adult',
      { ...partner, adults: 1, others_informed: 'ingen-andre' },
      'adults',
    ],
    ['others informed, but nobody else', { adults: 1, others_informed: 'ja' }, 'others_informed'],
    [
      'nobody else, but two adults',
      { adults: 2, others_informed: 'ingen-andre' },
      'others_informed',
    ],
    ['no answer about the others', { others_informed: null }, 'others_informed'],
  ])('%s → %s', async (_, overrides, field) => {
    const payload = visitHome(overrides as Payload);
    const { data, error } = await submit(payload);
    expect(data).toBeNull();
    expect(error?.code).toBe('22023');
    expect(error?.message).toBe(`invalid field: ${field}`);
    expect(await rows(payload['submission_id'])).toHaveLength(0);
  });

  it.each([
    ['two together', partner],
    ['one adult alone', { adults: 1, others_informed: 'ingen-andre' }],
    ['an information meeting', { heard_about: 'informasjonsmote' }],
  ])('stores %s', async (_, overrides) => {
    const payload = visitHome(overrides as Payload);
    expect((await submit(payload)).error).toBeNull();
    expect(await rows(payload['submission_id'])).toHaveLength(1);
  });

  it.each([
    ['no years of experience', null, null],
    ['60 years', 60, null],
    ['61 years', 61, 'experience_years'],
    ['1.5 years', 1.5, 'experience_years'],
    ['years as text', '3', 'experience_years'],
  ])('a supervisor with %s', async (_, years, field) => {
    const payload = supervisor({ experience_years: years });
    const { error } = await submit(payload);
    if (field === null) expect(error).toBeNull();
    else expect(error?.message).toBe(`invalid field: ${field}`);
  });
});
