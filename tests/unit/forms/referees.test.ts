import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { fieldsOf } from '../../../src/lib/forms/definition.ts';
import { forms, withReferees } from '../../../src/lib/forms/index.ts';
import { refusedRefereeField } from '../../../src/lib/forms/referees.ts';
import { validate } from '../../../src/lib/forms/schema-cache.ts';
import { toSubmission } from '../../../src/lib/forms/submission.ts';
import { schemas, validateWith } from '../../../src/lib/forms/validation.ts';
import { storeApplication } from '../../../src/lib/server/applications.ts';
import { ProfileSchema } from '../../../src/schemas/profile.ts';
import { at, supervisorAnswers, visitHomeAnswers } from './fixtures.ts';

const clock = at('2026-11-22T11:00:00Z');

const two = {
  referee1FullName: 'Ola Venn',
  referee1Relation: 'Venn i ti år',
  referee1Phone: '+47 912 34 568',
  referee1Email: 'ola@example.no',
  referee2FullName: 'Per Kollega',
  referee2Relation: 'Kollega',
  referee2Phone: '41234567',
  referee2Email: 'per@example.no',
};

describe('the referees the forms ask for', () => {
  it('the profile asks for two by default, and the forms ask that many', () => {
    const profile = ProfileSchema.parse(load(readFileSync('content/profile/kommune.yaml', 'utf8')));
    expect(profile.refereesWanted).toBe(2);
    const { refereesWanted: _, ...without } = profile;
    expect(ProfileSchema.parse(without).refereesWanted).toBe(2);
    for (const form of Object.values(forms)) {
      const names = fieldsOf(withReferees(form, 2)).map((f) => f.name);
      expect(names.filter((n) => n.startsWith('referee'))).toEqual(Object.keys(two));
      // Before the closing section (privacy statement and send).
      expect(withReferees(form, 2).sections.at(-2)?.id).toBe('referanser');
    }
  });

  it('0 asks none: the form is the registry’s own, and the payload sends an empty list', () => {
    expect(withReferees(forms.besokshjem, 0)).toBe(forms.besokshjem);
    const result = validate(forms.tilsynsperson, supervisorAnswers(), clock);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(toSubmission('tilsynsperson', result.data, '2.3')['referees']).toEqual([]);
  });

  it.each([
    ['besokshjem', visitHomeAnswers],
    ['tilsynsperson', supervisorAnswers],
  ] as const)('%s: each referee is required, field by field, in Norwegian', (kind, answers) => {
    const form = withReferees(forms[kind], 2);
    const result = validate(form, answers(), clock);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({
      referee1FullName: 'Skriv inn fullt navn til referanse 1',
      referee1Relation: 'Skriv hvordan referanse 1 kjenner deg',
      referee1Phone: 'Skriv inn telefonnummeret til referanse 1',
      referee1Email: 'Skriv inn e-postadressen til referanse 1',
      referee2FullName: 'Skriv inn fullt navn til referanse 2',
      referee2Relation: 'Skriv hvordan referanse 2 kjenner deg',
      referee2Phone: 'Skriv inn telefonnummeret til referanse 2',
      referee2Email: 'Skriv inn e-postadressen til referanse 2',
    });
  });

  it('valid referees become the payload’s `referees`, normalised, in order', () => {
    const form = withReferees(forms.besokshjem, 2);
    const result = validate(form, visitHomeAnswers(two), clock);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const payload = toSubmission('besokshjem', result.data, '2.3');
    expect(payload['referees']).toEqual([
      {
        full_name: 'Ola Venn',
        relation: 'Venn i ti år',
        phone: '91234568',
        email: 'ola@example.no',
      },
      { full_name: 'Per Kollega', relation: 'Kollega', phone: '41234567', email: 'per@example.no' },
    ]);
    expect(Object.keys(payload).some((key) => key.startsWith('referee1'))).toBe(false);
  });

  it('the island’s schema (validation.ts, the count as a prop) judges as the server’s', () => {
    for (const raw of [visitHomeAnswers(two), visitHomeAnswers({ ...two, referee2Phone: '12' })]) {
      expect(validateWith(schemas.besokshjem(clock, 2), raw)).toEqual(
        validate(withReferees(forms.besokshjem, 2), raw, clock),
      );
    }
  });

  it('refuses a referee’s e-mail that is the applicant’s own, +tag and case aside', () => {
    const form = withReferees(forms.tilsynsperson, 2);
    const result = validate(
      form,
      supervisorAnswers({ ...two, referee2Email: 'KARI+ref@Example.no' }),
      clock,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({
      referee2Email:
        'Skriv inn e-postadressen til referanse 2. Det kan ikke være din egen e-postadresse',
    });
  });

  it('checks length, characters, phone and e-mail as the main form does', () => {
    const form = withReferees(forms.besokshjem, 1);
    const result = validate(
      form,
      visitHomeAnswers({
        referee1FullName: 'x'.repeat(101),
        referee1Relation: 'Nabo\u202e',
        referee1Phone: '123',
        referee1Email: 'ikke-en-adresse',
      }),
      clock,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({
      referee1FullName: 'Navnet kan ha høyst 100 tegn',
      referee1Relation: 'Fjern tegn som ikke er bokstaver, tall eller tegnsetting',
      referee1Phone: 'Skriv inn et norsk telefonnummer med 8 siffer, for eksempel 912 34 567',
      referee1Email: 'Skriv inn en gyldig e-postadresse, for eksempel navn@eksempel.no',
    });
  });

  it('names the field of a database refusal, and nothing else', () => {
    expect(refusedRefereeField('referee_2_email')).toEqual({
      field: 'referee2Email',
      message: 'Sjekk e-postadressen til referanse 2. Den kan ikke være din egen',
    });
    expect(refusedRefereeField('referee_1_full_name')?.field).toBe('referee1FullName');
    expect(refusedRefereeField('referees')).toBeUndefined();
    expect(refusedRefereeField('referee_1_answers')).toBeUndefined();
  });
});

describe('a referee refused by the database', () => {
  const refusing = (message: string) =>
    ({
      rpc: async () => ({ data: null, error: { code: '22023', message, hint: null } }),
    }) as unknown as Parameters<typeof storeApplication>[0];

  it('comes back as its field, logged without the value', async () => {
    const lines: string[] = [];
    const result = await storeApplication(
      refusing('invalid field: referee_2_email'),
      'besokshjem',
      {},
      (line) => lines.push(line),
    );
    expect(result).toEqual({ ok: false, reason: 'referee', column: 'referee_2_email' });
    expect(lines).toEqual([
      "application besokshjem: a referee's detail refused by the database (code 22023)",
    ]);
  });

  it('a wrong count is a refusal of the whole, as any other field', async () => {
    expect(
      await storeApplication(refusing('invalid field: referees'), 'tilsynsperson', {}, () => {}),
    ).toEqual({ ok: false, reason: 'rejected' });
  });
});
