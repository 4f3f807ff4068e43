/** Random and hostile form posts for the submission tests (fast-check arbitraries). */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { HONEYPOT_FIELD } from '../../../src/lib/forms/form-data.ts';
import type { RawAnswers } from '../../../src/lib/forms/index.ts';
import { validAnswers } from '../forms/helpers.ts';

/** The answers as a browser encodes a form post (checkbox groups as repeated keys). */
export function formBody(answers: RawAnswers): URLSearchParams {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(answers))
    for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
  return body;
}

const fieldNames = Object.keys(validAnswers('besokshjem')).concat('submissionId');
// Fields the schema requires whatever the other answers are (others are optional or conditional).
const requiredFields = [
  'fullName',
  'email',
  'phone',
  'postcode',
  'over18',
  'certificate',
  'commitmentMonths',
  'consent',
  'spareBed',
  'confirmStable',
  'confirmRoutines',
  'submissionId',
];
const hostileStrings = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom(
    "'; drop table public.applications; --",
    "' or '1'='1",
    '1; select pg_sleep(10)',
    '<script>alert(1)</script>',
    '"><img src=x onerror=alert(1)>',
    '{{constructor.constructor("alert(1)")()}}',
    '\u0000',
    '\u202e\u0644\u0627 evil',
    '𝕂𝕒𝕣𝕚 👨‍👩‍👧‍👦 \ud800',
    'NaN',
    '-1',
    '1e309',
    'true',
    '[]',
    '{}',
  ),
  fc.nat({ max: 100_000 }).map((n) => 'A'.repeat(n)),
);
const hostileKeys = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'),
  fc.constantFrom('role', 'status', 'reference', 'id', 'kind', "x'; drop table x; --"),
  fc.string({ maxLength: 40 }).filter((k) => k !== HONEYPOT_FIELD && !fieldNames.includes(k)),
);

/** A payload that must never be accepted: at least one of its breakers always applies. */
export const hostilePayload = fc
  .record({
    base: fc.constant(null).map(() => validAnswers('besokshjem')),
    replaced: fc.dictionary(fc.constantFrom(...fieldNames), hostileStrings, { maxKeys: 6 }),
    breaker: fc.oneof(
      fc.record({
        kind: fc.constant('missing' as const),
        field: fc.constantFrom(...requiredFields),
      }),
      fc.record({ kind: fc.constant('extra' as const), key: hostileKeys, value: hostileStrings }),
      fc.record({
        kind: fc.constant('huge' as const),
        field: fc.constantFrom('fullName', 'email', 'postcode', 'phone', 'motivation'),
      }),
      fc
        .record({
          kind: fc.constant('wrongType' as const),
          field: fc.constantFrom(
            'adults',
            'commitmentMonths',
            'postcode',
            'email',
            'certificateIssuedOn',
            'consent',
            'submissionId',
          ),
          value: fc.constantFrom('ja', 'nei', '12abc', '-5', '1.5', '[object Object]', 'null', ''),
        })
        // "ja" is the one right answer to the privacy statement's confirmation: no breaker there.
        .filter(({ field, value }) => !(field === 'consent' && value === 'ja')),
      fc.record({ kind: fc.constant('notForm' as const), body: hostileStrings }),
    ),
  })
  .map(({ base, replaced, breaker }) => {
    const answers: RawAnswers = { ...base, submissionId: randomUUID(), ...replaced };
    if (breaker.kind === 'notForm')
      return {
        contentType: 'application/json',
        body: JSON.stringify({ ...answers, x: breaker.body }),
      };
    if (breaker.kind === 'missing') delete answers[breaker.field];
    if (breaker.kind === 'huge') answers[breaker.field] = 'x'.repeat(20_000);
    if (breaker.kind === 'wrongType')
      answers[breaker.field] =
        breaker.field === 'email' ? `not-an-email${breaker.value}` : breaker.value;
    const body = formBody(answers);
    if (breaker.kind === 'extra') body.append(breaker.key, breaker.value);
    return { contentType: 'application/x-www-form-urlencoded', body: body.toString() };
  });
