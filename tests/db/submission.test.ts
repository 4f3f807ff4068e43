// Submission: what public.submit_application (called by the site with the service-role key)
// stores and refuses, and what the table's own constraints refuse behind it; resends of one
// submission, the certificate date as the database judges it, and the per-address limit.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addMonths } from '../../src/lib/dates.ts';
import {
  anon,
  rpcStatus,
  service,
  sql,
  stack,
  submitApplication as submit,
  withDb,
} from '../support/db.ts';
import {
  applicationPayload,
  insertOutcome,
  partner,
  roleAnswers,
  type Payload,
} from '../support/payloads.ts';
import { addDays, today } from '../support/screening.ts';

const dayBefore = (iso: string) => addDays(iso, -1);
const dayAfter = (iso: string) => addDays(iso, 1);

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

const rows = (submissionId: unknown) =>
  withDb(
    async (db) =>
      (await db.query('select * from public.applications where submission_id = $1', [submissionId]))
        .rows,
  );
const storedCount = async (submissionId: unknown) => (await rows(submissionId)).length;

describe('submit_application stores a valid application, once', () => {
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

describe('submit_application refuses what the form refuses, naming only the field', () => {
  // A visit home without a certificate yet: valid on any day.
  const bare = (overrides: Payload = {}) => applicationPayload('besokshjem', overrides);
  it.each([
    ['adults 2.5', { adults: 2.5 }, 'adults'],
    ['adults as a string', { adults: '2' }, 'adults'],
    ['commitment as a string', { commitment_months: '12' }, 'commitment_months'],
    ['weekends as a string', { weekends_per_month: '1' }, 'weekends_per_month'],
    ['over_18 "yes"', { over_18: 'yes' }, 'over_18'],
    ['privacy_consent "on"', { privacy_consent: 'on' }, 'privacy_consent'],
    [
      'a repeated requirement',
      {
        confirmed_requirements: [
          'stabil-livssituasjon',
          'overskudd-og-tid',
          'glad-i-barn',
          'trygge-rutiner',
          'glad-i-barn',
        ],
      },
      'confirmed_requirements',
    ],
    [
      'the removed health code',
      {
        confirmed_requirements: [
          'stabil-livssituasjon',
          'overskudd-og-tid',
          'glad-i-barn',
          'trygge-rutiner',
          'ingen-store-belastninger',
        ],
      },
      'confirmed_requirements',
    ],
    ['a repeated also_available', { also_available: ['ferier', 'ferier'] }, 'also_available'],
    ['a repeated suited_ages', { suited_ages: ['0-5', '0-5'] }, 'suited_ages'],
    ['names in children_ages', { children_ages: 'Ola 7, Kari 9' }, 'children_ages'],
    ['a motivation that is a tab', { motivation: '\t' }, 'motivation'],
    ['a name with a tab', { full_name: 'Kari\tNordmann' }, 'full_name'],
    ['a name with a newline', { full_name: 'Kari\nNordmann' }, 'full_name'],
    ['a name with a right-to-left override', { full_name: 'Kari \u202eNordmann' }, 'full_name'],
    ['a name ending in a no-break space', { full_name: 'Kari Nordmann\u00a0' }, 'full_name'],
    [
      'a postal place with a zero-width no-break space first',
      { postal_place: '\ufeffTrondheim' },
      'postal_place',
    ],
    ['the e-mail a,b@c.d', { email: 'a,b@c.d' }, 'email'],
    ['an unpublished privacy version', { privacy_version: '2099-01-01' }, 'privacy_version'],
    ['101 code points in a name', { full_name: 'é'.repeat(101) }, 'full_name'],
    ['a missing certificate date key', { certificate_issued_on: undefined }, 'missing field'],
  ])('refuses %s, naming only the field', async (_, overrides, field) => {
    const payload = JSON.parse(JSON.stringify(bare(overrides as Payload)));
    const { data, error } = await submit(payload);
    expect(data).toBeNull();
    expect(error?.code).toBe('22023');
    expect(error?.message).toBe(`invalid field: ${field}`);
    expect(await storedCount(payload.submission_id)).toBe(0);
  });

  it('lengths count code points as the form does: 100 emoji in a name are stored', async () => {
    const payload = bare({ full_name: '😀'.repeat(100) });
    expect((await submit(payload)).error).toBeNull();
    expect(await storedCount(payload['submission_id'])).toBe(1);
  });

  it('every published privacy version is the one the privacy page shows', async () => {
    const page = readFileSync('content/pages/personvern.mdx', 'utf8');
    const version = /^version:\s*'?([^'\n]+)'?$/m.exec(page)?.[1];
    const versions = await sql<{ version: string }>('select version from private.privacy_versions');
    expect(versions.map((v) => v.version)).toContain(version);
  });
});

describe("the table's own checks on the answers, behind submit_application", () => {
  /** Inserts the application straight into the table as the owner; the constraint that refused it. */
  const insert = (application: Payload) =>
    insertOutcome(application, {
      reference: `'BH-2222-2222'`,
      certificate_status: `'bestiller'`,
      certificate_issued_on: 'null',
      privacy_version: `'v1'`,
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

describe('the per-address limit', () => {
  it('one address gets at most three receipts a day, however the calls arrive (429 after)', async () => {
    const email = `mottaker-${randomUUID().slice(0, 8)}@example.no`;
    const statuses = await Promise.all(
      Array.from({ length: 12 }, () =>
        rpcStatus(
          stack().serviceRoleKey,
          'submit_application',
          applicationPayload('tilsynsperson', { email: email.toUpperCase() }),
        ),
      ),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(9);
    const receipts = await sql<{ n: string }>(
      `select count(*) as n from public.outbox_messages m join public.applications a on a.id = m.application_id
        where lower(a.email) = $1 and m.template = 'receipt'`,
      [email],
    );
    expect(receipts[0]?.n).toBe('3');
  });

  it('counts `mor+1@x` and `MOR+2@X` as `mor@x`: one mailbox, one count', async () => {
    const local = `mor${randomUUID().slice(0, 8)}`;
    const spellings = [
      `${local}@example.no`,
      `${local}+1@example.no`,
      `${local.toUpperCase()}+2@EXAMPLE.NO`,
    ];
    for (const email of spellings) {
      const status = await rpcStatus(
        stack().serviceRoleKey,
        'submit_application',
        applicationPayload('tilsynsperson', { email }),
      );
      expect(status, email).toBe(200);
    }
    for (const email of [`${local}+3@example.no`, `${local}@Example.No`]) {
      const status = await rpcStatus(
        stack().serviceRoleKey,
        'submit_application',
        applicationPayload('tilsynsperson', { email }),
      );
      expect(status, email).toBe(429);
    }
    const keys = await sql<{ key: string }>(
      `select distinct private.address_key(email) as key from public.applications
        where lower(email) like $1`,
      [`${local}%@example.no`],
    );
    expect(keys).toEqual([{ key: `${local}@example.no` }]);
  });
});

describe('resends and the certificate date, as the database judges them', () => {
  it('a resend whose certificate has since aged (after midnight) returns the first receipt', async () => {
    const payload = applicationPayload('tilsynsperson', {
      certificate_status: 'har',
      certificate_issued_on: addMonths(today(), -3),
    });
    const first = await submit(payload);
    expect(first.error).toBeNull();
    // The same submission, judged a day later: the date is now one day too old.
    const older = new Date(`${addMonths(today(), -3)}T12:00:00Z`);
    older.setUTCDate(older.getUTCDate() - 1);
    const again = await submit({
      ...payload,
      certificate_issued_on: older.toISOString().slice(0, 10),
    });
    expect(again.error).toBeNull();
    expect(again.data).toBe(first.data);
    expect(await storedCount(payload['submission_id'])).toBe(1);
    const receipt = await service().rpc('application_receipt', {
      submission_id: payload['submission_id'] as string,
    });
    expect(receipt.data).toBe(first.data);
    expect(
      (
        await anon().rpc('application_receipt', {
          submission_id: payload['submission_id'] as string,
        })
      ).error?.code,
    ).toBe('42501');
  });

  it('a date the database judges too old or in the future says which, for the date field', async () => {
    const tooOld = new Date(`${addMonths(today(), -3)}T12:00:00Z`);
    tooOld.setUTCDate(tooOld.getUTCDate() - 1);
    const tomorrow = new Date(`${today()}T12:00:00Z`);
    tomorrow.setUTCDate(tomorrow.getUTCDate() + 1);
    for (const [date, hint] of [
      [tooOld.toISOString().slice(0, 10), 'too_old'],
      [tomorrow.toISOString().slice(0, 10), 'future'],
    ]) {
      const { error } = await submit(
        applicationPayload('besokshjem', {
          certificate_status: 'har',
          certificate_issued_on: date,
        }),
      );
      expect(error?.message).toBe('invalid field: certificate_issued_on');
      expect(error?.hint).toBe(hint);
    }
  });
});
