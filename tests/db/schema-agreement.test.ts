// One set of rules in two places: a property test that submit_application stores exactly the
// submissions the form's zod schema accepts (both forms; valid, nearly valid and hostile), with the
// same clock, and that a refused one stores nothing. Also ties every option list in the form
// definitions to what the database accepts, and the three-month certificate rule of src/lib/dates.ts
// to the one in SQL.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMonths,
  certificateValidOn,
  certificateValidUntil,
  formatNorwegianDate,
  osloDate,
} from '../../src/lib/dates.ts';
import { fieldsOf } from '../../src/lib/forms/definition.ts';
import { forms, withReferees, type AnyForm, type RawAnswers } from '../../src/lib/forms/index.ts';
import { refereeField } from '../../src/lib/forms/referees.ts';
import { validate } from '../../src/lib/forms/schema-cache.ts';
import { columnsOf, toSubmission } from '../../src/lib/forms/submission.ts';
import { TOGETHER } from '../../src/lib/forms/household.ts';
import { SUPERVISOR_REQUIREMENTS } from '../../src/lib/forms/supervisor.ts';
import { VISIT_HOME_REQUIREMENTS } from '../../src/lib/forms/visit-home.ts';
import { service, withDb } from '../support/db.ts';
import {
  applicationPayload,
  insertOutcome,
  REFEREES_WANTED,
  type Payload,
} from '../support/payloads.ts';

type Kind = 'besokshjem' | 'tilsynsperson';
const PRIVACY_VERSION = '1.0';
const today = () => osloDate(new Date());
const daysFrom = (iso: string, days: number) => {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

const requirementFields: Record<Kind, Record<string, string>> = {
  besokshjem: VISIT_HOME_REQUIREMENTS,
  tilsynsperson: SUPERVISOR_REQUIREMENTS,
};

/**
 * The form as the site serves it: with the referees the service wants (the profile's
 * refereesWanted, equal to public.screening_settings.referees_wanted; references-online checks).
 */
const formOf = <K extends Kind>(kind: K) => withReferees(forms[kind], REFEREES_WANTED);
const refereeKeys = ['full_name', 'relation', 'phone', 'email'] as const;

const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(str) : v == null ? [] : [str(v)]);
const yes = (v: unknown): string => (v === true ? 'ja' : str(v));

/**
 * The form answers that would give `payload`: the inverse of toSubmission, field by field through
 * the column each form field is stored in, forgiving on types (the round trip below catches any
 * difference).
 */
function answersFor(kind: Kind, payload: Payload): RawAnswers {
  const confirmed = list(payload['confirmed_requirements']);
  const raw: RawAnswers = { submissionId: str(payload['submission_id']) };
  const fields = new Map(fieldsOf(formOf(kind)).map((field) => [field.name, field]));
  for (const [name, column] of columnsOf(kind))
    raw[name] =
      fields.get(name)?.type === 'checkboxes' ? list(payload[column]) : yes(payload[column]);
  for (const [field, code] of Object.entries(requirementFields[kind]))
    raw[field] = confirmed.includes(code) ? 'ja' : '';
  const referees = Array.isArray(payload['referees']) ? payload['referees'] : [];
  for (let n = 1; n <= REFEREES_WANTED; n++)
    for (const key of refereeKeys)
      raw[refereeField(n, key)] = str(
        (referees[n - 1] as Record<string, unknown> | undefined)?.[key],
      );
  return raw;
}

const normal = (payload: Payload) => {
  const copy = JSON.parse(JSON.stringify(payload)) as Payload;
  if (Array.isArray(copy['confirmed_requirements']))
    copy['confirmed_requirements'] = [...(copy['confirmed_requirements'] as string[])].sort();
  return copy;
};

/**
 * The oracle, from the form alone: the payload is one the site could send, i.e. the form's schema
 * accepts the answers that give it and turns them into exactly this payload (the order of the
 * confirmed requirements aside), with the published privacy version.
 */
function formAccepts(kind: Kind, payload: Payload): boolean {
  if (payload['kind'] !== kind || payload['privacy_version'] !== PRIVACY_VERSION) return false;
  const result = validate(formOf(kind), answersFor(kind, payload));
  if (!result.ok) return false;
  const site = toSubmission(kind, result.data, PRIVACY_VERSION);
  try {
    expect(normal(payload)).toEqual(normal(site));
    return true;
  } catch {
    return false;
  }
}

/** What the database does with it: the stored row count for its submission id, and the error. */
async function databaseStores(payload: Payload): Promise<boolean> {
  const { data, error } = await service().rpc('submit_application', payload as never);
  if (error) expect(error.code, `${error.code} ${error.message}`).toBe('22023');
  const rows = await withDb(
    async (db) =>
      (
        await db.query<{ n: string }>(
          'select count(*) as n from public.applications where submission_id::text = lower($1)',
          [String(payload['submission_id'])],
        )
      ).rows[0]?.n,
  );
  if (error) {
    expect(data).toBeNull();
    // A refused submission stores nothing (its id is fresh, so no earlier row either).
    if (
      typeof payload['submission_id'] === 'string' &&
      /^[0-9a-f-]{36}$/i.test(payload['submission_id'])
    )
      expect(rows).toBe('0');
    return false;
  }
  expect(rows).toBe('1');
  return true;
}

// Text pieces that probe trimming, control and bidi characters, code points and lengths, NUL
// (which Postgres text cannot hold) and invisible format characters (zero-width space, joiners,
// word joiner, soft hyphen), which alone are no answer.
const piece = fc.constantFrom(
  'Kari',
  '\u0000',
  '\u200b',
  '\u200d',
  '\u2060',
  '\u00ad',
  ' ',
  'Ø',
  'é',
  '😀',
  '\t',
  '\n',
  '\u00a0',
  '\ufeff',
  '\u202e',
  '\u2066',
  '\u0007',
  '-',
  ',',
  "'",
);
const text = (maxPieces: number) =>
  fc.array(piece, { maxLength: maxPieces }).map((parts) => parts.join(''));
const around = (core: fc.Arbitrary<string>) =>
  fc
    .tuple(fc.constantFrom('', ' ', '\t', '\u00a0'), core, fc.constantFrom('', ' ', '\n', '\u3000'))
    .map(([a, b, c]) => a + b + c);
const longName = (n: number) => fc.constantFrom('a'.repeat(n), 'é'.repeat(n), '😀'.repeat(n));
/** Text nobody can see, or with a NUL in it: refused by the form and by the database alike. */
const unseen = fc.constantFrom(
  '\u200b',
  '\u200c\u200d',
  ' \u2060\ufeff\u00ad ',
  'Kari\u0000',
  '\u0000',
);
const unique = () => randomUUID().slice(0, 8);
/** Mostly the first (valid) value, sometimes one of the others: so that whole payloads pass often. */
function mostly<T>(valid: fc.Arbitrary<T>, ...others: fc.Arbitrary<T>[]): fc.Arbitrary<T> {
  return fc.oneof(
    { weight: 30, arbitrary: valid },
    ...others.map((arbitrary) => ({ weight: 1, arbitrary })),
  );
}
/** Like mostly, but rarer still: for the many referee fields, so that whole payloads still pass. */
function seldom<T>(valid: fc.Arbitrary<T>, ...others: fc.Arbitrary<T>[]): fc.Arbitrary<T> {
  return fc.oneof(
    { weight: 150, arbitrary: valid },
    ...others.map((arbitrary) => ({ weight: 1, arbitrary })),
  );
}
const pick = <T>(valid: T, ...others: T[]) =>
  mostly(fc.constant(valid), ...others.map((o) => fc.constant(o)));

const date = fc.integer({ min: -100, max: 0 }).map((back) => {
  const iso = daysFrom(today(), back);
  return iso;
});
const boundaryDates = fc.constantFrom(
  addMonths(today(), -3),
  daysFrom(addMonths(today(), -3), -1),
  today(),
  daysFrom(today(), 1),
);

const common = {
  fullName: mostly(
    fc.constant('Kari Nordmann'),
    unseen,
    around(fc.constant('Kari Nordmann')),
    text(6),
    longName(100),
    longName(101),
  ),
  email: mostly(
    fc.constant('kari.X@example.no'),
    fc.constantFrom(
      ' kari.X@example.no ',
      'KARI.X@EXAMPLE.NO',
      'a,X@c.no',
      'kari.X@example',
      'kari..X@example.no',
      "o'X@example.no",
      'kari X@example.no',
    ),
  ).map((e) => e.replace('X', unique())),
  phone: pick('91234567', '912 34 567', '+4791234567', '9123456', 'nine', '91234567 '),
  callTime: mostly(
    fc.constantFrom('formiddag', 'ettermiddag', 'dagtid'),
    fc.constantFrom('', 'kveld', 'Formiddag'),
  ),
  streetAddress: mostly(
    fc.constant('Storgata 1'),
    unseen,
    around(fc.constant('Storgata 1')),
    text(4),
    longName(121),
  ),
  postcode: pick('7010', ' 7010', '701', 'abcd', '70100'),
  postalPlace: mostly(
    fc.constant('Trondheim'),
    unseen,
    around(fc.constant('Trondheim')),
    text(4),
    longName(60),
    longName(61),
  ),
  over18: pick('ja', 'ja', 'nei', '', 'yes'),
  motivation: mostly(
    fc.constant('Jeg liker barn.'),
    unseen,
    around(fc.constant('Jeg liker barn.\r\nOg tid.')),
    text(6),
    longName(1000),
    longName(1001),
  ),
  certificate: pick('har', 'bestiller', 'bestiller', 'kanskje'),
  certificateIssuedOn: mostly(
    date.map(formatNorwegianDate),
    boundaryDates.map(formatNorwegianDate),
    boundaryDates,
    fc.constantFrom('', '31.02.2026', '1.1.1899', 'i går'),
  ),
  commitmentMonths: pick('12', '24', '36', '11', '121', '12.5', ''),
  heardAbout: pick('', 'nettside', 'annet', 'informasjonsmote', 'tv'),
  consent: pick('ja', 'ja', '', 'on'),
  submissionId: fc.constant('').map(() => randomUUID()),
  // The referees (the form's names: referee1FullName, …): mostly valid, sometimes one bad field,
  // and now and then the applicant's own address (SAME, filled in below).
  ...Object.fromEntries(
    Array.from({ length: REFEREES_WANTED }, (_, i) => i + 1).flatMap((n) => [
      [
        refereeField(n, 'full_name'),
        seldom(
          fc.constant(`Referanse ${n}`),
          unseen,
          around(fc.constant('Per Hansen')),
          longName(101),
        ),
      ],
      [
        refereeField(n, 'relation'),
        seldom(fc.constant('Nabo i ti år'), unseen, text(4), longName(100), longName(101)),
      ],
      [
        refereeField(n, 'phone'),
        seldom(fc.constant(`4000000${n}`), fc.constantFrom('400 00 001', '4000000', '')),
      ],
      [
        refereeField(n, 'email'),
        seldom(
          fc.constant('ref.X@example.no'),
          fc.constantFrom(' ref.X@example.no ', 'ref.X@example', '', 'SAME', 'SAME+tag'),
        ).map((e) => e.replace('X', unique())),
      ],
    ]),
  ),
};

/** Puts the applicant's own address where a generator asked for it (SAME). */
const sameAddress = (raw: RawAnswers): RawAnswers => {
  const own = str(raw['email']).trim();
  const copy: RawAnswers = { ...raw };
  for (let n = 1; n <= REFEREES_WANTED; n++) {
    const field = refereeField(n, 'email');
    const value = str(copy[field]);
    if (value === 'SAME') copy[field] = own.toUpperCase();
    else if (value === 'SAME+tag') copy[field] = own.replace('@', '+ref@');
  }
  return copy;
};

const confirm = pick('ja', '', 'on');
const ofOptions = (options: string[], extra: string[]) =>
  mostly(
    fc.subarray(options, { minLength: 1 }),
    fc.array(fc.constantFrom(...options, ...extra), { maxLength: options.length + 1 }),
  );
const count = mostly(
  fc.constantFrom('1', '2', '10'),
  fc.constantFrom('0', '11', '2.5', '02', ' 3', 'to', ''),
);

/** Alone or together, about as often, and now and then neither. */
const applyingWith = fc.oneof(
  { weight: 15, arbitrary: fc.constant('alene') },
  { weight: 15, arbitrary: fc.constant(TOGETHER) },
  { weight: 1, arbitrary: fc.constantFrom('', 'familie', 'Sammen') },
);
const partner = {
  partnerName: mostly(
    fc.constant('Ola Nordmann'),
    unseen,
    around(fc.constant('Ola Nordmann')),
    text(4),
    longName(100),
    longName(101),
  ),
  partnerPhone: pick('98765432', '987 65 432', '+4798765432', '0047 98765432', '9876543', ''),
  partnerEmail: mostly(
    fc.constant('ola.X@example.no'),
    fc.constantFrom(' ola.X@example.no ', 'ola.X@example', 'ola X@example.no', ''),
  ).map((e) => e.replace('X', unique())),
};

/** Generated answers over a valid set (so that a question without a generator is answered). */
const overValid = (kind: Kind) => (raw: RawAnswers) =>
  sameAddress({
    ...answersFor(kind, applicationPayload(kind)),
    ...raw,
  });

/** Each form's answers, one generator per field. */
const visitHomeFields = {
  ...common,
  applyingWith,
  ...partner,
  adults: count,
  othersInformed: pick('ja', 'ingen-andre', '', 'nei'),
  children: count,
  childrenAges: pick('', '7', '4, 9', '4,9;12', 'Ola 7', '4,\t9', ' 7 ', '123'),
  spareBed: pick('ja', 'ja', 'nei'),
  weekendsPerMonth: pick('1', '2', '3', '4', ''),
  alsoAvailable: ofOptions(['ferier', 'hverdager'], ['helg']),
  siblings: pick('ja', 'nei', 'kanskje', 'Ja'),
  suitedAges: ofOptions(['0-5', '6-12', '13-18'], ['19-99']),
  confirmStable: confirm,
  confirmCapacity: confirm,
  confirmLikesChildren: confirm,
  confirmRoutines: confirm,
};
const supervisorFields = {
  ...common,
  experienceKinds: ofOptions(['forelder', 'jobb', 'frivillig', 'annet'], ['skole']),
  experienceYears: pick('0', '5', '60', '', '61', '1.5', ' '),
  availability: ofOptions(['dagtid', 'kveld', 'helg'], ['natt']),
  childrenCapacity: count,
  languages: mostly(fc.constantFrom('', 'norsk, engelsk'), text(4), unseen, longName(201)),
  confirmContact: confirm,
  confirmStable: confirm,
};

/** One field from its generator, the rest valid: each field's rules meet the database alone. */
const oneField = (fields: Record<string, fc.Arbitrary<unknown>>) =>
  fc
    .constantFrom(...Object.keys(fields))
    .chain((name) => fields[name]!.map((value) => ({ [name]: value }) as RawAnswers));

/**
 * Half whole generated answers (several fields may be off at once), half one generated field over
 * a valid set. With about 40 fields, whole answers alone pass only about one time in seven (about
 * 36 of 250, close enough to the floor of 25 below to fail one run in forty); with the other half
 * about one in two pass (measured over 4,000 runs with the hostile changes), far from either floor.
 */
const halfAndHalf = (
  whole: fc.Arbitrary<RawAnswers>,
  fields: Record<string, fc.Arbitrary<unknown>>,
) => fc.oneof(whole, oneField(fields));

const answers: Record<Kind, fc.Arbitrary<RawAnswers>> = {
  besokshjem: halfAndHalf(
    fc
      .tuple(
        fc.record(visitHomeFields),
        // Mostly answers that fit together, as people give them: two who apply together live with
        // at least one more adult, and the answer about the other adults fits the number. (The
        // rules between these fields are tried one at a time further down.)
        fc.oneof({ weight: 10, arbitrary: fc.constant(true) }, fc.constant(false)),
      )
      .map(([raw, fits]) => {
        if (!fits) return raw;
        const adults = raw.applyingWith === TOGETHER && raw.adults === '1' ? '2' : raw.adults;
        return raw.othersInformed === 'ja' || raw.othersInformed === 'ingen-andre'
          ? { ...raw, adults, othersInformed: adults === '1' ? 'ingen-andre' : 'ja' }
          : { ...raw, adults };
      }),
    visitHomeFields,
  ).map(overValid('besokshjem')),
  tilsynsperson: halfAndHalf(fc.record(supervisorFields), supervisorFields).map(
    overValid('tilsynsperson'),
  ),
};

/** The payload a careless client would build from raw answers, without the schema. */
function naivePayload(kind: Kind, raw: RawAnswers): Payload {
  const num = (v: unknown) => (/^-?\d+(\.\d+)?$/.test(str(v)) ? Number(v) : str(v));
  const requirements = Object.entries(requirementFields[kind])
    .filter(([field]) => raw[field] !== '')
    .map(([, code]) => code);
  return {
    submission_id: raw['submissionId'],
    kind,
    full_name: raw['fullName'],
    email: raw['email'],
    phone: raw['phone'],
    call_time: raw['callTime'] || null,
    street_address: raw['streetAddress'],
    postcode: raw['postcode'],
    postal_place: raw['postalPlace'],
    over_18: raw['over18'] === 'ja' ? true : raw['over18'],
    motivation: raw['motivation'],
    certificate_status: raw['certificate'],
    certificate_issued_on: raw['certificate'] === 'har' ? raw['certificateIssuedOn'] : null,
    commitment_months: num(raw['commitmentMonths']),
    confirmed_requirements: requirements,
    ...(kind === 'besokshjem'
      ? {
          applying_with: raw['applyingWith'],
          partner_name: raw['partnerName'] || null,
          partner_phone: raw['partnerPhone'] || null,
          partner_email: raw['partnerEmail'] || null,
          adults: num(raw['adults']),
          others_informed: raw['othersInformed'],
          children: num(raw['children']),
          children_ages: raw['childrenAges'] || null,
          spare_bed: raw['spareBed'] === 'ja' ? true : raw['spareBed'],
          weekends_per_month: num(raw['weekendsPerMonth']),
          also_available: raw['alsoAvailable'],
          siblings: raw['siblings'],
          suited_ages: raw['suitedAges'],
        }
      : {
          experience_kinds: raw['experienceKinds'],
          experience_years: raw['experienceYears'] ? num(raw['experienceYears']) : null,
          availability: raw['availability'],
          children_capacity: num(raw['childrenCapacity']),
          languages: raw['languages'] || null,
        }),
    heard_about: raw['heardAbout'] || null,
    privacy_consent: raw['consent'] === 'ja' ? true : raw['consent'],
    privacy_version: PRIVACY_VERSION,
    referees: Array.from({ length: REFEREES_WANTED }, (_, i) =>
      Object.fromEntries(refereeKeys.map((key) => [key, raw[refereeField(i + 1, key)]])),
    ),
  };
}

// Hostile changes on top: types the form never sends, repeats, extra keys, other versions.
const hostile = fc.oneof(
  { weight: 15, arbitrary: fc.constant<[string, (p: Payload) => void]>(['none', () => {}]) },
  fc.constantFrom<[string, (p: Payload) => void]>(
    ['string number', (p) => (p['commitment_months'] = String(p['commitment_months']))],
    ['fraction', (p) => (p['commitment_months'] = 12.5)],
    ['boolean as text', (p) => (p['over_18'] = 'true')],
    ['consent as text', (p) => (p['privacy_consent'] = 'on')],
    ['extra key', (p) => (p['role'] = 'admin')],
    ['missing key', (p) => delete p['heard_about']],
    ['other version', (p) => (p['privacy_version'] = '2026-11-01')],
    [
      'other kind',
      (p) => (p['kind'] = p['kind'] === 'besokshjem' ? 'tilsynsperson' : 'besokshjem'),
    ],
    [
      'repeated requirement',
      (p) => {
        const list = p['confirmed_requirements'];
        if (Array.isArray(list) && list.length > 0) list.push(list[0]);
      },
    ],
    [
      'reordered requirements',
      (p) => {
        const list = p['confirmed_requirements'];
        if (Array.isArray(list)) list.reverse();
      },
    ],
    [
      'an answer of the other kind',
      (p) => (p[p['kind'] === 'besokshjem' ? 'languages' : 'children_ages'] = null),
    ],
    [
      'number as string in an answer',
      (p) => {
        if ('adults' in p) p['adults'] = String(p['adults']);
        else p['children_capacity'] = String(p['children_capacity']);
      },
    ],
    ['email list', (p) => (p['email'] = `a,${String(p['email'])}`)],
    ['no time to call', (p) => delete p['call_time']],
    ['no referees', (p) => delete p['referees']],
    ['a referee too few', (p) => (p['referees'] as unknown[] | undefined)?.pop()],
    [
      'a referee too many',
      (p) => (p['referees'] as unknown[] | undefined)?.push({ ...(p['referees'] as object[])[0] }),
    ],
    [
      'an extra key on a referee',
      (p) => {
        const [first] = (p['referees'] as Record<string, unknown>[] | undefined) ?? [];
        if (first) first['note'] = 'x';
      },
    ],
    ['an evening call', (p) => (p['call_time'] = 'kveld')],
    [
      'a partner for one applicant, or none for two',
      (p) => {
        if (p['applying_with'] === 'alene') p['partner_name'] = 'Ola Nordmann';
        else if (p['applying_with'] === TOGETHER) p['partner_email'] = null;
        else p['experience_years'] = '3';
      },
    ],
    [
      'together with one adult, or the others informed without others',
      (p) => {
        if (p['applying_with'] === TOGETHER) p['adults'] = 1;
        else if ('adults' in p) p['others_informed'] = p['adults'] === 1 ? 'ja' : 'ingen-andre';
        else p['experience_years'] = 1.5;
      },
    ],
  ),
);

describe.each(['besokshjem', 'tilsynsperson'] as const)(
  '%s: the database stores exactly what the form accepts',
  (kind) => {
    it('for generated answers (valid, nearly valid) and hostile changes', async () => {
      let accepted = 0;
      let refused = 0;
      await fc.assert(
        fc.asyncProperty(answers[kind], hostile, async (raw, [, change]) => {
          const result = validate(formOf(kind), raw);
          const payload = result.ok
            ? toSubmission(kind, result.data, PRIVACY_VERSION)
            : naivePayload(kind, raw);
          change(payload);
          const expected = formAccepts(kind, payload);
          const actual = await databaseStores(payload);
          if (expected) accepted++;
          else refused++;
          expect(actual).toBe(expected);
        }),
        { numRuns: 250 },
      );
      // The generators reach both sides.
      expect(accepted).toBeGreaterThan(25);
      expect(refused).toBeGreaterThan(25);
    }, 120_000);
  },
);

describe('visit home: who applies and who lives there, one rule broken at a time', () => {
  // The generated answers above break several things at once, so a rule between fields is seldom
  // the only one broken. Here a valid answer gets exactly one change, and the payload is the
  // site's (when the form accepts it) or a careless client's (the raw answers as they are), so
  // each rule meets the database on its own. The valid answers are already in the stored form
  // (8-digit phone), so that a careless payload differs from the site's only by the change.
  const valid: Record<string, RawAnswers> = {
    alone: {
      applyingWith: 'alene',
      partnerName: '',
      partnerPhone: '',
      partnerEmail: '',
      adults: '1',
      othersInformed: 'ingen-andre',
    },
    aloneWithOthers: {
      applyingWith: 'alene',
      partnerName: '',
      partnerPhone: '',
      partnerEmail: '',
      adults: '3',
      othersInformed: 'ja',
    },
    together: {
      applyingWith: TOGETHER,
      partnerName: 'Ola Nordmann',
      partnerPhone: '98765432',
      partnerEmail: 'ola@example.no',
      adults: '2',
      othersInformed: 'ja',
    },
  };
  const changes: [string, RawAnswers][] = [
    ['nothing', {}],
    ['no partner name', { partnerName: '' }],
    ['a partner name of 101 characters', { partnerName: 'é'.repeat(101) }],
    ['a partner name with a control character', { partnerName: 'Ola\u202eNordmann' }],
    ['a partner name with a NUL', { partnerName: 'Ola\u0000Nordmann' }],
    ['a partner name of a zero-width space', { partnerName: '\u200b' }],
    ['a short partner phone', { partnerPhone: '9876543' }],
    ['a partner phone with spaces and +47', { partnerPhone: '+47 987 65 432' }],
    ['no partner phone', { partnerPhone: '' }],
    ['a bad partner e-mail', { partnerEmail: 'ola@example' }],
    ['no partner e-mail', { partnerEmail: '' }],
    ['one adult', { adults: '1' }],
    ['one adult, nobody else', { adults: '1', othersInformed: 'ingen-andre' }],
    ['two adults', { adults: '2' }],
    ['others informed', { othersInformed: 'ja' }],
    ['nobody else', { othersInformed: 'ingen-andre' }],
    ['no answer about the others', { othersInformed: '' }],
    [
      'a partner for one applicant',
      { partnerName: 'Ola Nordmann', partnerPhone: '98765432', partnerEmail: 'ola@example.no' },
    ],
    ['no answer to who applies', { applyingWith: '' }],
    ['applying alone', { applyingWith: 'alene' }],
    ['applying together', { applyingWith: TOGETHER }],
  ];

  it('the database stores exactly what the form accepts', async () => {
    let accepted = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(valid)),
        fc.constantFrom(...changes),
        fc.boolean(),
        async (start, [, change], careless) => {
          const base = answersFor('besokshjem', applicationPayload('besokshjem'));
          const raw = { ...base, ...valid[start], ...change, submissionId: randomUUID() };
          const result = validate(formOf('besokshjem'), raw);
          const payload =
            result.ok && !careless
              ? toSubmission('besokshjem', result.data, PRIVACY_VERSION)
              : naivePayload('besokshjem', raw);
          const expected = formAccepts('besokshjem', payload);
          if (expected) accepted++;
          else refused++;
          expect(await databaseStores(payload)).toBe(expected);
        },
      ),
      { numRuns: 200 },
    );
    expect(accepted).toBeGreaterThan(25);
    expect(refused).toBeGreaterThan(25);
  }, 120_000);
});

describe('the referees, one field changed at a time', () => {
  // The generated answers above seldom break a referee alone; here each change meets the
  // database on its own, through the site's payload (when the form accepts it) or a careless one.
  const changes: [string, (n: number, own: string) => string, string][] = [
    ['nothing', () => '', ''],
    ['an empty name', () => ' ', 'full_name'],
    ['a name of 101 characters', () => 'é'.repeat(101), 'full_name'],
    ['a name of an invisible character', () => '\u200b', 'full_name'],
    ['a relation with a bidi character', () => 'Nabo\u202e', 'relation'],
    ['a relation of 100 characters', () => 'a'.repeat(100), 'relation'],
    ['a relation of 101 characters', () => 'a'.repeat(101), 'relation'],
    ['a phone of 7 digits', () => '4000000', 'phone'],
    ['a phone with spaces', () => '400 00 001', 'phone'],
    ['an e-mail without a domain', () => 'per@example', 'email'],
    ["the applicant's address", (_, own) => own, 'email'],
    ["the applicant's address in capitals", (_, own) => own.toUpperCase(), 'email'],
    ["the applicant's address with a +tag", (_, own) => own.replace('@', '+x@'), 'email'],
    ['an address of its own', (n) => `per.${n}.${unique()}@example.no`, 'email'],
  ];

  it.each(
    changes.flatMap(([label, value, key]) =>
      Array.from({ length: REFEREES_WANTED }, (_, i) => [label, i + 1, value, key] as const),
    ),
  )(
    '%s (referee %i): the database stores it exactly when the form accepts it',
    async (_, n, value, key) => {
      for (const careless of [false, true]) {
        const base = answersFor('besokshjem', applicationPayload('besokshjem'));
        const raw: RawAnswers = { ...base, submissionId: randomUUID() };
        if (key)
          raw[refereeField(n, key as (typeof refereeKeys)[number])] = value(n, str(raw['email']));
        const result = validate(formOf('besokshjem'), raw);
        const payload =
          result.ok && !careless
            ? toSubmission('besokshjem', result.data, PRIVACY_VERSION)
            : naivePayload('besokshjem', raw);
        expect(await databaseStores(payload)).toBe(formAccepts('besokshjem', payload));
      }
    },
  );
});

describe('every option list in the form definitions is what the database accepts', () => {
  /** The database keys for a field of the form, and the payload that holds it. */
  const places: Record<string, (p: Payload, value: unknown) => void> = {
    over18: (p, v) => (p['over_18'] = v === 'ja'),
    certificate: (p, v) => {
      p['certificate_status'] = v;
      p['certificate_issued_on'] = v === 'har' ? today() : null;
    },
    commitmentMonths: (p, v) => (p['commitment_months'] = Number(v)),
    heardAbout: (p, v) => (p['heard_about'] = v),
    callTime: (p, v) => (p['call_time'] = v),
    applyingWith: (p, v) => {
      p['applying_with'] = v;
      const together = v === TOGETHER;
      p['partner_name'] = together ? 'Ola Nordmann' : null;
      p['partner_phone'] = together ? '98765432' : null;
      p['partner_email'] = together ? `ola-${unique()}@example.no` : null;
    },
    othersInformed: (p, v) => {
      p['others_informed'] = v;
      p['adults'] = v === 'ingen-andre' ? 1 : 2;
    },
    spareBed: (p, v) => (p['spare_bed'] = v === 'ja'),
    weekendsPerMonth: (p, v) => (p['weekends_per_month'] = Number(v)),
    siblings: (p, v) => (p['siblings'] = v),
    alsoAvailable: (p, v) => (p['also_available'] = [v]),
    suitedAges: (p, v) => (p['suited_ages'] = [v]),
    experienceKinds: (p, v) => (p['experience_kinds'] = [v]),
    availability: (p, v) => (p['availability'] = [v]),
  };
  const optionFields = (form: AnyForm) =>
    fieldsOf(form).flatMap((field) =>
      'options' in field && field.options
        ? [{ name: field.name, values: field.options.map((o) => o.value) }]
        : [],
    );

  it.each(['besokshjem', 'tilsynsperson'] as const)(
    '%s: each offered option is stored (unless the form itself refuses it), and nothing else is',
    async (kind) => {
      const fields = optionFields(forms[kind]);
      expect(fields.length).toBeGreaterThan(3);
      for (const { name, values } of fields) {
        const place = places[name];
        expect(place, `no database place known for the option field ${name}`).toBeDefined();
        for (const value of [...values, 'ikke-et-valg']) {
          const payload = applicationPayload(kind, { email: `valg-${unique()}@example.no` });
          place!(payload, value);
          // Options the form offers but refuses by rule (e.g. "Nei" to a spare bed) must be refused
          // by the database too; the form's own verdict is the oracle.
          const expected = value !== 'ikke-et-valg' && formAccepts(kind, payload);
          expect(await databaseStores(payload), `${name} = ${value}`).toBe(expected);
        }
      }
    },
  );

  it('each requirement the form asks is one the database requires, and no other', async () => {
    for (const kind of ['besokshjem', 'tilsynsperson'] as const) {
      const codes = Object.values(requirementFields[kind]);
      const all = applicationPayload(kind, { confirmed_requirements: codes });
      expect(await databaseStores(all)).toBe(true);
      for (const code of codes) {
        const missing = applicationPayload(kind, {
          confirmed_requirements: codes.filter((c) => c !== code),
        });
        expect(await databaseStores(missing), `${kind} without ${code}`).toBe(false);
      }
      expect(codes).not.toContain('ingen-store-belastninger');
    }
  });
});

describe("the certificate rule: the site's dates module and Postgres agree on every day", () => {
  it('for every issue date of 2024–2029, the last valid day is the same in both', async () => {
    // Postgres' one statement of the rule (private.certificate_valid_until, which the table, the
    // submission check, the approval guard and the queue call) against src/lib/dates.ts.
    const rows = await withDb(
      async (db) =>
        (
          await db.query<{ issued: string; until: string; last: boolean; after: boolean }>(
            `select d::date::text as issued, private.certificate_valid_until(d::date)::text as until,
                    private.is_certificate_valid(d::date, private.certificate_valid_until(d::date)) as last,
                    private.is_certificate_valid(d::date, private.certificate_valid_until(d::date) + 1) as after
               from generate_series(date '2024-01-01', date '2029-12-31', interval '1 day') as d`,
          )
        ).rows,
    );
    expect(rows.length).toBeGreaterThan(2000);
    const mismatches = rows.filter(
      (r) =>
        certificateValidUntil(r.issued) !== r.until ||
        certificateValidOn(r.issued, r.until) !== r.last ||
        certificateValidOn(r.issued, daysFrom(r.until, 1)) !== r.after,
    );
    expect(mismatches).toEqual([]);
    expect(rows.every((r) => r.last && !r.after)).toBe(true);
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
    const application = applicationPayload('besokshjem', {
      certificate_status: 'har',
      certificate_issued_on: issued,
    });
    const outcome = await insertOutcome(
      application,
      {
        reference: `'BH-2222-2222'`,
        received_at: '$2::timestamptz',
        heard_about: 'null',
        privacy_version: `'v1'`,
      },
      [receivedAt],
    );
    expect(outcome).toBe(accepted ? 'accepted' : 'applications_certificate_recent');
    // The same verdict from the forms' own rule (CERTIFICATE_VALID_MONTHS).
    expect(certificateValidOn(issued, osloDate(new Date(receivedAt)))).toBe(accepted);
  });
});
