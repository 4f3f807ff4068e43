import { describe, expect, it } from 'vitest';
import {
  CodeStepSchema,
  EmailStepSchema,
  LinkStepSchema,
  safeNext,
} from '../../../src/lib/coordinator/sign-in.ts';
import { validateWith } from '../../../src/lib/forms/validation.ts';

describe('the e-mail step', () => {
  it.each([
    { email: 'kari@steinkjer.kommune.no', ok: true },
    { email: '  Kari@Steinkjer.Kommune.no ', ok: true },
    { email: '', error: 'Skriv inn e-postadressen du bruker på jobben.' },
    { email: 'kari', error: 'Skriv inn en gyldig e-postadresse, for eksempel navn@kommune.no.' },
    {
      email: 'a,b@c.no',
      error: 'Skriv inn en gyldig e-postadresse, for eksempel navn@kommune.no.',
    },
    { email: `${'a'.repeat(250)}@b.no`, error: 'Skriv inn en e-postadresse med høyst 254 tegn.' },
  ])('$email', ({ email, ok, error }) => {
    const result = validateWith(EmailStepSchema, { email });
    expect(result.ok).toBe(ok ?? false);
    if (!result.ok) expect(result.errors['email']).toBe(error);
  });
});

describe('the code step', () => {
  it.each([
    { code: '12345678', ok: '12345678' },
    { code: '1234 5678', ok: '12345678' },
    { code: ' 1234-5678 ', ok: '12345678' },
    { code: '', error: 'Skriv inn koden fra e-posten.' },
    { code: '123456', error: 'Skriv inn de åtte sifrene i koden fra e-posten.' },
    { code: '1234567', error: 'Skriv inn de åtte sifrene i koden fra e-posten.' },
    { code: '123456789', error: 'Skriv inn de åtte sifrene i koden fra e-posten.' },
    { code: '12a45678', error: 'Skriv inn de åtte sifrene i koden fra e-posten.' },
    { code: '١٢٣٤٥٦٧٨', error: 'Skriv inn de åtte sifrene i koden fra e-posten.' },
  ])('"$code"', ({ code, ok, error }) => {
    const result = validateWith(CodeStepSchema, { email: 'kari@kommune.no', code });
    if (ok) expect(result).toEqual({ ok: true, data: { email: 'kari@kommune.no', code: ok } });
    else expect(result.ok === false && result.errors['code']).toBe(error);
  });
});

describe('the sign-in link', () => {
  it.each([
    { input: { token_hash: 'pkce_abcdef0123456789', type: 'email' }, ok: true },
    { input: { token_hash: 'abcdef0123456789', type: 'invite' }, ok: true },
    { input: { token_hash: 'abc', type: 'email' }, ok: false },
    { input: { token_hash: 'abcdef0123456789', type: 'recovery' }, ok: false },
    { input: { token_hash: '<script>alert(1)</script>', type: 'email' }, ok: false },
  ])('$input', ({ input, ok }) => {
    expect(LinkStepSchema.safeParse(input).success).toBe(ok);
  });
});

describe('where to go after signing in', () => {
  it.each([
    { next: '/koordinator/sak/BH-7K3M-Q9XD/', expected: '/koordinator/sak/BH-7K3M-Q9XD/' },
    { next: '/koordinator/team/', expected: '/koordinator/team/' },
    { next: '/koordinator/', expected: '/koordinator/' },
    { next: '/koordinator/logg-inn/', expected: '/koordinator/' },
    { next: 'https://angriper.example/koordinator/', expected: '/koordinator/' },
    { next: '//angriper.example/koordinator/', expected: '/koordinator/' },
    { next: '/koordinator/../admin/', expected: '/koordinator/' },
    { next: '/besokshjem/', expected: '/koordinator/' },
    { next: undefined, expected: '/koordinator/' },
  ])('$next → $expected', ({ next, expected }) => {
    expect(safeNext(next)).toBe(expected);
  });
});
