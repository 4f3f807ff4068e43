import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, formatNorwegianDate } from '../../../src/lib/dates.ts';
import { fieldsOf } from '../../../src/lib/forms/definition.ts';
import { forms, type RawAnswers } from '../../../src/lib/forms/index.ts';
import { validate } from '../../../src/lib/forms/schema-cache.ts';
import { columnsOf, REQUIREMENTS, toSubmission } from '../../../src/lib/forms/submission.ts';
import { TOGETHER } from '../../../src/lib/forms/household.ts';
import { schemas, validateWith } from '../../../src/lib/forms/validation.ts';
import { at, supervisorAnswers, visitHomeAnswers } from './fixtures.ts';

/** `YYYY-MM-DD` of a UTC timestamp (a calendar day, not an instant). */
const isoFromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The certificate rule written independently of src/lib/dates.ts, straight from the rule's words:
 * valid from the issue day through the same day number three calendar months later, or that
 * month's last day when it has no such day (31 May → 31 Aug, 30 Nov → 28/29 Feb).
 */
function oracleValid(issued: string, today: string): boolean {
  const [y, m, d] = issued.split('-').map(Number) as [number, number, number];
  const lastDayOfTarget = new Date(Date.UTC(y, m - 1 + 4, 0)).getUTCDate();
  const until = isoFromUtc(Date.UTC(y, m - 1 + 3, Math.min(d, lastDayOfTarget)));
  return issued <= today && today <= until;
}

describe('the independent certificate oracle itself', () => {
  it.each([
    ['2026-08-22', '2026-11-22', true],
    ['2026-08-22', '2026-11-23', false],
    ['2026-05-31', '2026-08-31', true],
    ['2026-05-31', '2026-09-01', false],
    ['2025-11-30', '2026-02-28', true],
    ['2025-11-30', '2026-03-01', false],
    ['2027-11-30', '2028-02-29', true],
    ['2027-11-30', '2028-03-01', false],
    ['2026-02-28', '2026-05-28', true],
    ['2026-02-28', '2026-05-29', false],
    ['2028-02-29', '2028-05-29', true],
    ['2026-12-31', '2027-03-31', true],
    ['2026-11-23', '2026-11-22', false],
  ])('issued %s, on %s: %s', (issued, today, valid) => {
    expect(oracleValid(issued, today)).toBe(valid);
  });

  it('agrees with the form on every day of six years for the day after each boundary', () => {
    // One schema whose clock the loop moves (the clock is read when the rule runs).
    let now = '';
    const schema = schemas.tilsynsperson(() => new Date(`${now}T11:00:00Z`));
    for (let i = 0; i < 365 * 6; i++) {
      const issued = isoFromUtc(Date.UTC(2026, 0, 1 + i));
      for (const offset of [0, 1, 2]) {
        const [y, m, d] = issued.split('-').map(Number) as [number, number, number];
        const boundary = Date.UTC(
          y,
          m - 1 + 3,
          Math.min(d, new Date(Date.UTC(y, m + 3, 0)).getUTCDate()),
        );
        const today = isoFromUtc(boundary + (offset - 1) * 86_400_000);
        now = today;
        const result = validateWith(
          schema,
          supervisorAnswers({ certificateIssuedOn: formatNorwegianDate(issued) }),
        );
        expect(result.ok, `issued ${issued}, today ${today}`).toBe(oracleValid(issued, today));
      }
    }
  }, 30_000);
});

// 22 November 2026, midday in Oslo.
const clock = at('2026-11-22T11:00:00Z');
const cases = [
  { name: 'visit home', form: forms.besokshjem, answers: visitHomeAnswers },
  { name: 'supervisor', form: forms.tilsynsperson, answers: supervisorAnswers },
] as const;

function errorsFor(form: (typeof cases)[number]['form'], raw: RawAnswers, c = clock) {
  const result = validate(form, raw, c);
  return result.ok ? {} : result.errors;
}

describe.each(cases)('the $name schema', ({ form, answers }) => {
  it('is the one the island loads, with the same messages', () => {
    // The island validates with `schemas` (loaded on demand), the Action with the definition.
    expect(schemas[form.kind]).toBe(form.schema);
    const raw = answers({ fullName: '', phone: '123' });
    const result = validateWith<unknown>(schemas[form.kind](clock), raw);
    expect(result).toEqual(validate(form, raw, clock));
    expect(result.ok ? {} : result.errors).toMatchObject({
      fullName: 'Skriv inn fullt navn',
      phone: 'Skriv inn et norsk telefonnummer med 8 siffer, for eksempel 912 34 567',
    });
  });

  it('accepts a complete application and normalises it', () => {
    const result = validate(form, answers({ phone: '+47 912 34 567' }), clock);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.phone).toBe('91234567');
    expect(result.data.certificateIssuedOn).toBe('2026-11-01');
    expect(result.data.commitmentMonths).toBe(12);
    expect(result.data.over18).toBe(true);
  });

  it('has a definition field for every schema key and no more', () => {
    const names = fieldsOf(form).map((f) => f.name);
    expect(new Set([...names, 'submissionId'])).toEqual(new Set(Object.keys(answers())));
  });

  it.each([
    // [description, today (instant), issued (typed), expected error or undefined]
    ['22 Aug is valid on 22 Nov', '2026-11-22T11:00:00Z', '22.08.2026', undefined],
    ['22 Aug is too old on 23 Nov', '2026-11-23T11:00:00Z', '22.08.2026', 'eldre enn tre måneder'],
    ['23 Aug is valid on 23 Nov', '2026-11-23T11:00:00Z', '23.08.2026', undefined],
    ['31 May is valid on 31 Aug', '2026-08-31T11:00:00Z', '31.05.2026', undefined],
    ['31 May is too old on 1 Sep', '2026-09-01T11:00:00Z', '31.05.2026', 'eldre enn tre måneder'],
    ['30 Nov is valid on 28 Feb', '2027-02-28T11:00:00Z', '30.11.2026', undefined],
    ['30 Nov is too old on 1 Mar', '2027-03-01T11:00:00Z', '30.11.2026', 'eldre enn tre måneder'],
    ['30 Nov is valid on 29 Feb (leap year)', '2028-02-29T11:00:00Z', '30.11.2027', undefined],
    ['today is valid', '2026-11-22T11:00:00Z', '22.11.2026', undefined],
    ['tomorrow is in the future', '2026-11-22T11:00:00Z', '23.11.2026', 'fram i tid'],
    // 23:30 on 22 Nov in Oslo is 22:30 UTC: still the 22nd, so the 23rd is tomorrow.
    ['late evening in Oslo', '2026-11-22T22:30:00Z', '23.11.2026', 'fram i tid'],
    // 00:30 on 23 Nov in Oslo is still 22 Nov in UTC: the 23rd is today.
    ['just after midnight in Oslo', '2026-11-22T23:30:00Z', '23.11.2026', undefined],
    ['just after midnight in Oslo, 22 Aug expired', '2026-11-22T23:30:00Z', '22.08.2026', 'eldre'],
    ['spring DST day', '2026-06-29T10:00:00Z', '29.03.2026', undefined],
    ['spring DST day + 1', '2026-06-30T10:00:00Z', '29.03.2026', 'eldre'],
    ['autumn DST day', '2027-01-25T10:00:00Z', '25.10.2026', undefined],
    ['autumn DST day + 1', '2027-01-26T10:00:00Z', '25.10.2026', 'eldre'],
    ['ISO format works too', '2026-11-22T11:00:00Z', '2026-11-01', undefined],
    ['not a real date', '2026-11-22T11:00:00Z', '31.09.2026', 'dd.mm.åååå'],
    ['missing date', '2026-11-22T11:00:00Z', '', 'Skriv inn datoen'],
  ])('certificate: %s', (_, now, issued, expected) => {
    const errors = errorsFor(form, answers({ certificateIssuedOn: issued }), at(now));
    if (expected === undefined) expect(errors).toEqual({});
    else expect(errors['certificateIssuedOn']).toContain(expected);
  });

  it('ignores the date when the applicant will order a certificate', () => {
    const result = validate(
      form,
      answers({ certificate: 'bestiller', certificateIssuedOn: '01.01.2000' }),
      clock,
    );
    expect(result.ok && result.data.certificateIssuedOn).toBeNull();
  });

  it.each([
    ['fullName', '   ', 'Skriv inn fullt navn'],
    ['fullName', 'x'.repeat(101), 'høyst 100'],
    ['email', '', 'Skriv inn e-postadressen din'],
    ['email', 'kari@', 'gyldig e-postadresse'],
    ['email', 'kari example.no', 'gyldig e-postadresse'],
    ['phone', '', 'Skriv inn telefonnummeret'],
    ['phone', '1234567', '8 siffer'],
    ['phone', '123456789', '8 siffer'],
    ['phone', '+46 91234567', '8 siffer'],
    ['phone', '+4791234567x', '8 siffer'],
    ['postcode', '', 'Skriv inn postnummeret'],
    ['postcode', '701', '4 siffer'],
    ['postcode', '70100', '4 siffer'],
    ['postcode', 'abcd', '4 siffer'],
    ['streetAddress', '', 'adressen'],
    ['postalPlace', '', 'poststedet'],
    ['over18', '', 'Velg om du er 18 år eller eldre'],
    ['over18', 'nei', 'må være 18 år eller eldre'],
    ['motivation', '', 'Skriv kort om hvorfor'],
    ['motivation', 'a'.repeat(1001), 'høyst 1000'],
    ['certificate', '', 'Velg om du har en politiattest'],
    ['commitmentMonths', '', 'Velg hvor lenge'],
    ['commitmentMonths', '11', 'minst ett år'],
    ['commitmentMonths', '0', 'minst ett år'],
    ['commitmentMonths', '12.5', 'Velg hvor lenge'],
    ['heardAbout', 'tv', 'Velg et av svarene'],
    ['consent', '', 'har lest personvernerklæringen'],
    ['consent', 'nei', 'har lest personvernerklæringen'],
    ['confirmStable', '', 'stabil livssituasjon'],
    ['fullName', 'Kari\tNordmann', 'Fjern tegn'],
    ['fullName', 'Kari \u202eNordmann', 'Fjern tegn'],
    ['streetAddress', 'Storgata\n1', 'Fjern tegn'],
    ['fullName', 'é'.repeat(101), 'høyst 100'],
    ['submissionId', 'not-a-uuid', 'Last inn siden'],
    // Text Postgres cannot store (NUL), and text nobody can see, which is no answer.
    ['fullName', 'Kari\u0000Nordmann', 'Fjern tegn'],
    ['motivation', 'Jeg liker barn.\u0000', 'Fjern tegn'],
    ['fullName', '\u200b', 'Skriv inn fullt navn'],
    ['fullName', ' \u200c\u200d\u2060\ufeff\u00ad ', 'Skriv inn fullt navn'],
    ['fullName', '\u202e\u2066', 'Skriv inn fullt navn'],
    ['streetAddress', '\u200b\u200b', 'Skriv inn adressen din'],
    ['postalPlace', '\u00ad', 'Skriv inn poststedet'],
    ['motivation', '\u200b\n\u200b', 'Skriv kort om hvorfor'],
  ])('%s = %j → %s', (field, value, message) => {
    expect(errorsFor(form, answers({ [field]: value }))[field]).toContain(message);
  });

  it('accepts the phone formats +47, 0047 and spaces', () => {
    for (const phone of ['91234567', '+4791234567', '004791234567', '912 34 567', '+47 912-34-567'])
      expect(errorsFor(form, answers({ phone }))).toEqual({});
  });

  it('rejects unknown fields', () => {
    const result = validate(form, { ...answers(), isAdmin: 'true' }, clock);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.formErrors.length).toBe(1);
  });

  it('keeps an invisible character beside visible ones (a name may need a joiner)', () => {
    const result = validate(form, answers({ fullName: 'Kari\u200dNordmann' }), clock);
    expect(result.ok && result.data.fullName).toBe('Kari\u200dNordmann');
  });

  it('trims text', () => {
    const result = validate(form, answers({ fullName: '  Kari Nordmann  ' }), clock);
    expect(result.ok && result.data.fullName).toBe('Kari Nordmann');
  });
});

describe('rules only one form has', () => {
  it.each([
    ['spareBed', 'nei', 'ledig seng'],
    ['suitedAges', [], 'minst én aldersgruppe'],
    ['suitedAges', ['0-5', '0-5'], 'minst én aldersgruppe'],
    ['adults', '0', 'fra 1 til 10'],
    ['children', '', 'barn som bor'],
    ['childrenAges', 'Ola 7', 'bare alder'],
    ['confirmRoutines', '', 'rutiner'],
  ])('visit home: %s = %j → %s', (field, value, message) => {
    expect(errorsFor(forms.besokshjem, visitHomeAnswers({ [field]: value }))[field]).toContain(
      message,
    );
  });

  it.each([
    ['availability', [], 'minst ett tidspunkt'],
    ['childrenCapacity', '0', 'fra 1 til 10'],
    ['experienceYears', '61', 'fra 0 til 60'],
    ['languages', 'x'.repeat(201), 'høyst 200'],
    ['confirmContact', '', 'interessert i barn'],
  ])('supervisor: %s = %j → %s', (field, value, message) => {
    expect(errorsFor(forms.tilsynsperson, supervisorAnswers({ [field]: value }))[field]).toContain(
      message,
    );
  });
});

describe('the best time to call (both forms)', () => {
  it.each(cases)('$name: a choice of daytime ranges is required', ({ form, answers }) => {
    for (const callTime of ['formiddag', 'ettermiddag', 'dagtid'])
      expect(errorsFor(form, answers({ callTime }))).toEqual({});
    for (const callTime of ['', 'kveld', 'Formiddag'])
      expect(errorsFor(form, answers({ callTime }))['callTime']).toBe(
        'Velg når det passer best at vi ringer deg',
      );
  });

  it('offers no evening', () => {
    const field = fieldsOf(forms.tilsynsperson).find((f) => f.name === 'callTime');
    const labels = field && 'options' in field ? field.options.map((o) => o.label) : [];
    expect(labels).toHaveLength(3);
    for (const label of labels) expect(label).not.toMatch(/kveld|1[7-9]|2\d/);
  });
});

describe('where they heard about us (both forms)', () => {
  it.each(cases)('$name: an information meeting is an answer', ({ form, answers }) => {
    const result = validate(form, answers({ heardAbout: 'informasjonsmote' }), clock);
    expect(result.ok && result.data.heardAbout).toBe('informasjonsmote');
  });
});

// The visit home's answers about who applies and who lives in the home.
const together = {
  applyingWith: TOGETHER,
  partnerName: 'Ola Nordmann',
  partnerPhone: '+47 987 65 432',
  partnerEmail: 'ola@example.no',
};

describe('visit home: applying alone or together', () => {
  it('together: the partner’s details are stored, checked and normalised like the applicant’s', () => {
    const result = validate(forms.besokshjem, visitHomeAnswers(together), clock);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.data).toMatchObject({
      applyingWith: TOGETHER,
      partnerName: 'Ola Nordmann',
      partnerPhone: '98765432',
      partnerEmail: 'ola@example.no',
    });
  });

  it('alone: whatever is in the partner’s fields (hidden, or filled in without JavaScript) is not kept', () => {
    const result = validate(
      forms.besokshjem,
      visitHomeAnswers({ ...together, applyingWith: 'alene', partnerPhone: 'ikke et nummer' }),
      clock,
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.data).toMatchObject({
      partnerName: null,
      partnerPhone: null,
      partnerEmail: null,
    });
  });

  it.each([
    // [description, answers, field, message]
    ['no choice', { applyingWith: '' }, 'applyingWith', 'Velg om du søker alene eller sammen'],
    ['an unknown choice', { applyingWith: 'familie' }, 'applyingWith', 'Velg om du søker alene'],
    [
      'together, no name',
      { ...together, partnerName: ' ' },
      'partnerName',
      'Skriv inn fullt navn til den du søker sammen med',
    ],
    [
      'together, a long name',
      { ...together, partnerName: 'é'.repeat(101) },
      'partnerName',
      'høyst 100 tegn',
    ],
    [
      'together, a control character',
      { ...together, partnerName: 'Ola\u202eN' },
      'partnerName',
      'Fjern tegn',
    ],
    [
      'together, no phone',
      { ...together, partnerPhone: '' },
      'partnerPhone',
      'Skriv inn telefonnummeret til den du søker sammen med',
    ],
    [
      'together, a short phone',
      { ...together, partnerPhone: '987 65' },
      'partnerPhone',
      'norsk telefonnummer med 8 siffer',
    ],
    [
      'together, no e-mail',
      { ...together, partnerEmail: '' },
      'partnerEmail',
      'Skriv inn e-postadressen til den du søker sammen med',
    ],
    [
      'together, a bad e-mail',
      { ...together, partnerEmail: 'ola@' },
      'partnerEmail',
      'gyldig e-postadresse',
    ],
    [
      'together, one adult',
      { ...together, adults: '1', othersInformed: 'ingen-andre' },
      'adults',
      'minst 2 voksne',
    ],
  ])('%s → %s: %s', (_, overrides, field, message) => {
    expect(errorsFor(forms.besokshjem, visitHomeAnswers(overrides))[field]).toContain(message);
  });

  it.each([
    [
      'alone, with one adult',
      { applyingWith: 'alene', adults: '1', othersInformed: 'ingen-andre' },
    ],
    ['alone, with other adults', { applyingWith: 'alene', adults: '3', othersInformed: 'ja' }],
    ['together, two adults', { ...together, adults: '2', othersInformed: 'ja' }],
    ['together, four adults', { ...together, adults: '4', othersInformed: 'ja' }],
  ])('%s is accepted', (_, overrides) => {
    expect(errorsFor(forms.besokshjem, visitHomeAnswers(overrides))).toEqual({});
  });
});

describe('visit home: the other adults in the home know about the application', () => {
  it.each([
    // [adults, answer, expected error or undefined]
    ['1', 'ingen-andre', undefined],
    ['1', 'ja', 'du er den eneste voksne'],
    ['2', 'ja', undefined],
    ['2', 'ingen-andre', 'flere voksne bor i hjemmet'],
    ['10', 'ingen-andre', 'flere voksne bor i hjemmet'],
    ['2', '', 'Velg om de andre voksne i hjemmet vet at du søker'],
    ['2', 'nei', 'Velg om de andre voksne i hjemmet vet at du søker'],
  ])('%s adults, %j → %s', (adults, othersInformed, expected) => {
    const errors = errorsFor(forms.besokshjem, visitHomeAnswers({ adults, othersInformed }));
    if (expected === undefined) expect(errors).toEqual({});
    else expect(errors['othersInformed']).toContain(expected);
  });

  it('a wrong number of adults is named once, at the number', () => {
    const errors = errorsFor(
      forms.besokshjem,
      visitHomeAnswers({ adults: '0', othersInformed: 'ja' }),
    );
    expect(errors).toEqual({ adults: 'Skriv et tall fra 1 til 10' });
  });

  it('every problem shows at once, also when other fields have errors', () => {
    const errors = errorsFor(
      forms.besokshjem,
      visitHomeAnswers({
        ...together,
        fullName: '',
        partnerEmail: '',
        adults: '1',
        othersInformed: 'ja',
      }),
    );
    expect(Object.keys(errors).sort()).toEqual(
      ['adults', 'fullName', 'othersInformed', 'partnerEmail'].sort(),
    );
  });
});

describe('supervisor: years of experience are optional, languages say why they are asked', () => {
  it.each([
    ['', null],
    ['  ', null],
    ['0', 0],
    ['60', 60],
  ])('%j → %j', (experienceYears, stored) => {
    const result = validate(forms.tilsynsperson, supervisorAnswers({ experienceYears }), clock);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.data.experienceYears).toBe(stored);
  });

  it.each(['61', '-1', '1.5', 'fem'])('%j is refused', (experienceYears) => {
    expect(
      errorsFor(forms.tilsynsperson, supervisorAnswers({ experienceYears }))['experienceYears'],
    ).toContain('fra 0 til 60');
  });

  it('the questions are marked optional, and the languages question says why', () => {
    const byName = new Map(fieldsOf(forms.tilsynsperson).map((f) => [f.name, f]));
    expect(byName.get('experienceYears')?.optional).toBe(true);
    expect(byName.get('languages')?.optional).toBe(true);
    expect(byName.get('languages')?.hint).toMatch(/^Vi spør fordi .*språket deres\./);
  });
});

describe('what the database receives', () => {
  it('lists the confirmed requirements and puts every other answer under its column', () => {
    const result = validate(forms.besokshjem, visitHomeAnswers(), clock);
    if (!result.ok) throw new Error('expected valid');
    const payload = toSubmission('besokshjem', result.data, '2026-1');
    expect(payload['confirmed_requirements']).toEqual([
      'stabil-livssituasjon',
      'overskudd-og-tid',
      'glad-i-barn',
      'trygge-rutiner',
    ]);
    expect(payload['certificate_issued_on']).toBe('2026-11-01');
    expect(payload).toMatchObject({ adults: 2, suited_ages: ['6-12'] });
  });

  it('every answer of each form has one place in the database, and the payload has no other', () => {
    for (const [kind, answers] of [
      ['besokshjem', visitHomeAnswers(together)],
      ['tilsynsperson', supervisorAnswers()],
    ] as const) {
      const form = forms[kind];
      const columns = [...columnsOf(kind).values()];
      const places = [...columnsOf(kind).keys(), ...Object.keys(REQUIREMENTS[kind])];
      expect(new Set(places).size).toBe(places.length);
      expect(new Set(columns).size).toBe(columns.length);
      expect(new Set(places)).toEqual(new Set(fieldsOf(form).map((f) => f.name)));
      const result = validate(form, answers, clock);
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      const payload = toSubmission(kind, result.data, '2.1');
      expect(Object.values(payload)).not.toContain(undefined);
      expect(new Set(Object.keys(payload))).toEqual(
        new Set([
          ...columns,
          'submission_id',
          'kind',
          'privacy_version',
          'confirmed_requirements',
          'referees',
        ]),
      );
    }
  });

  it('a visit home applying together sends the partner under its columns, and the time to call', () => {
    const result = validate(forms.besokshjem, visitHomeAnswers(together), clock);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const payload = toSubmission('besokshjem', result.data, '2.1');
    expect(payload['call_time']).toBe('formiddag');
    expect(payload).toMatchObject({
      applying_with: TOGETHER,
      partner_name: 'Ola Nordmann',
      partner_phone: '98765432',
      partner_email: 'ola@example.no',
      others_informed: 'ja',
    });
  });
});

// Property-based: whatever else is in the payload, breaking any one rule is never accepted.
const today = '2026-11-22';
const breakers: Record<string, fc.Arbitrary<string | string[]>> = {
  email: fc.string({ maxLength: 40 }).filter((s) => !s.includes('@')),
  phone: fc.oneof(
    fc.stringMatching(/^\d{1,7}$/),
    fc.stringMatching(/^\d{9,14}$/),
    fc.stringMatching(/^[a-z+]{1,10}$/),
  ),
  postcode: fc.oneof(
    fc.stringMatching(/^\d{0,3}$/),
    fc.stringMatching(/^\d{5,8}$/),
    fc.stringMatching(/^[a-zA-Z]{4}$/),
  ),
  commitmentMonths: fc.oneof(fc.integer({ min: 0, max: 11 }).map(String), fc.constant('')),
  consent: fc.constantFrom('', 'nei', 'true', 'on', 'JA'),
  callTime: fc.constantFrom('', 'kveld', 'natt', 'FORMIDDAG'),
  confirmStable: fc.constantFrom('', 'nei', 'true', 'on'),
  over18: fc.constantFrom('', 'nei', 'true'),
  fullName: fc.oneof(
    fc.stringMatching(/^\s*$/),
    fc.string({ minLength: 101, maxLength: 300 }).filter((s) => s.trim().length > 100),
  ),
  motivation: fc.string({ minLength: 1001, maxLength: 1500 }).filter((s) => s.trim().length > 1000),
  certificateIssuedOn: fc.oneof(
    // in the future
    fc.integer({ min: 1, max: 3000 }).map((d) => {
      const date = new Date(`${today}T12:00:00Z`);
      date.setUTCDate(date.getUTCDate() + d);
      return formatNorwegianDate(date.toISOString().slice(0, 10));
    }),
    // older than three months
    fc.integer({ min: 1, max: 3000 }).map((d) => {
      const date = new Date(`${addMonths(today, -3)}T12:00:00Z`);
      date.setUTCDate(date.getUTCDate() - d);
      return formatNorwegianDate(date.toISOString().slice(0, 10));
    }),
    fc.string({ maxLength: 12 }).filter((s) => !/^\s*\d/.test(s)),
  ),
};

describe.each(cases)(
  'property: a $name payload breaking a rule never passes',
  ({ form, answers }) => {
    it('one broken field', () => {
      fc.assert(
        fc.property(
          fc
            .constantFrom(...Object.keys(breakers))
            .chain((field) => breakers[field]!.map((value) => [field, value] as const)),
          ([field, value]) => {
            expect(validate(form, answers({ [field]: value }), clock).ok).toBe(false);
          },
        ),
        { numRuns: 500 },
      );
    });

    it('an unknown field', () => {
      const known = new Set(Object.keys(answers()));
      fc.assert(
        fc.property(
          fc
            .string({ minLength: 1, maxLength: 20 })
            .filter((k) => !known.has(k) && k !== '__proto__'),
          fc.string(),
          (key, value) => {
            expect(validate(form, { ...answers(), [key]: value }, clock).ok).toBe(false);
          },
        ),
      );
    });

    it('any issue date passes exactly when the independent oracle says so, on any day', () => {
      // Over whole years of "today" (month ends, leap years, 31 May, 30 November included).
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 365 * 6 }),
          fc.integer({ min: -5, max: 100 }),
          (dayIndex, back) => {
            const now = isoFromUtc(Date.UTC(2026, 0, 1 + dayIndex));
            const issued = isoFromUtc(Date.UTC(2026, 0, 1 + dayIndex - back));
            const dayClock = at(`${now}T11:00:00Z`);
            expect(
              validate(
                form,
                answers({ certificateIssuedOn: formatNorwegianDate(issued) }),
                dayClock,
              ).ok,
            ).toBe(oracleValid(issued, now));
          },
        ),
        { numRuns: 400 },
      );
    }, 30_000);
  },
);
