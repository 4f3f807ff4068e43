import { describe, expect, it } from 'vitest';
import { formTitle } from '../../../src/components/forms/page-title.ts';

describe('the title of a form page', () => {
  const page = 'Søk om å bli besøkshjem – Fosterportal';

  it('says first that the form has errors, once', () => {
    expect(formTitle(page, true)).toBe(`Feil i skjemaet: ${page}`);
    expect(formTitle(formTitle(page, true), true)).toBe(`Feil i skjemaet: ${page}`);
  });

  it('loses the prefix again when the errors are fixed', () => {
    expect(formTitle(formTitle(page, true), false)).toBe(page);
    expect(formTitle(page, false)).toBe(page);
  });
});
