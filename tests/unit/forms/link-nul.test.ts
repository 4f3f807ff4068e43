// The link pages' forms never send a NUL (\u0000) to the database: PostgREST refuses one in a
// function's JSON arguments with 22P05 before the function runs (see supabase/schemas/README.md),
// which the page would show as a failure instead of naming the field. So every field of the
// co-applicant's and the referee's forms either refuses a NUL with the field's own message, or
// (the issue date when no certificate is held) drops the value before the answer is built.
import { describe, expect, it } from 'vitest';
import {
  coApplicantConfirmSchema,
  coApplicantDeclineSchema,
  toCoApplicantAnswer,
} from '../../../src/lib/links/co-applicant.ts';
import {
  answerField,
  referenceAnswerSchema,
  referenceDeclineSchema,
  toReferenceAnswer,
} from '../../../src/lib/links/reference.ts';
import type { ReferenceQuestion } from '../../../src/schemas/reference-questions.ts';

const NUL = '\u0000';
const token = 'A'.repeat(43);
const clock = () => new Date('2026-06-15T10:00:00Z');

const questions: ReferenceQuestion[] = [
  { id: 'kjennskap', label: 'Hvor lenge har du kjent {navn}?' },
  { id: 'annet', label: 'Er det noe annet vi bør vite?', optional: true },
];

const confirmForm = (certificate: 'har' | 'bestiller'): Record<string, string> => ({
  token,
  over18: 'ja',
  phone: '93456789',
  callTime: 'ettermiddag',
  certificate,
  certificateIssuedOn: certificate === 'har' ? '01.06.2026' : '',
  consent: 'ja',
});

const referenceForm: Record<string, string> = {
  token,
  [answerField('kjennskap')]: 'Kollega i fem år.',
  [answerField('annet')]: 'Ingenting.',
};

/** Where a NUL may go in a text: alone, first, in the middle, last. */
const placements = (value: string) => [NUL, NUL + value, value + NUL + value, value + NUL];

describe("the co-applicant's confirmation", () => {
  const schema = coApplicantConfirmSchema(clock);

  it.each(['har', 'bestiller'] as const)(
    'a valid form (certificate %s) passes and makes an answer without a NUL',
    (certificate) => {
      const parsed = schema.safeParse(confirmForm(certificate));
      expect(parsed.success).toBe(true);
      if (parsed.success) expect(toCoApplicantAnswer(parsed.data, '2.3')).toBeTruthy();
    },
  );

  it.each(
    (['har', 'bestiller'] as const).flatMap((certificate) =>
      Object.keys(confirmForm(certificate)).map((field) => [certificate, field] as const),
    ),
  )('certificate %s: a NUL in %s is refused by that field, or dropped', (certificate, field) => {
    for (const value of placements(confirmForm(certificate)[field] ?? '')) {
      const parsed = schema.safeParse({ ...confirmForm(certificate), [field]: value });
      if (parsed.success) {
        expect(JSON.stringify(toCoApplicantAnswer(parsed.data, '2.3'))).not.toContain('\\u0000');
        // Only the issue date of one without a certificate is ever dropped rather than refused.
        expect([certificate, field]).toEqual(['bestiller', 'certificateIssuedOn']);
      } else {
        expect(parsed.error.issues.map((issue) => issue.path[0])).toContain(field);
      }
    }
  });

  it('the decline form refuses a NUL in its token', () => {
    expect(coApplicantDeclineSchema.safeParse({ token }).success).toBe(true);
    for (const value of placements(token))
      expect(coApplicantDeclineSchema.safeParse({ token: value }).success).toBe(false);
  });
});

describe("the referee's answer", () => {
  const schema = referenceAnswerSchema(questions);

  it('a valid form passes and makes an answer', () => {
    const parsed = schema.safeParse(referenceForm);
    expect(parsed.success).toBe(true);
    if (parsed.success)
      expect(toReferenceAnswer(questions, parsed.data)).toEqual({
        answer: 'give',
        answers: { kjennskap: 'Kollega i fem år.', annet: 'Ingenting.' },
      });
  });

  it.each(Object.keys(referenceForm))('a NUL in %s is refused by that field', (field) => {
    for (const value of placements(referenceForm[field] ?? '')) {
      const parsed = schema.safeParse({ ...referenceForm, [field]: value });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues.map((issue) => issue.path[0])).toContain(field);
    }
  });

  it('the decline form refuses a NUL in its token', () => {
    expect(referenceDeclineSchema.safeParse({ token }).success).toBe(true);
    for (const value of placements(token))
      expect(referenceDeclineSchema.safeParse({ token: value }).success).toBe(false);
  });
});
