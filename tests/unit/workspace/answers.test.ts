// The stored application on the case page: every answer under the form's own question, read from
// the stored row.
import { describe, expect, it } from 'vitest';
import { TOGETHER } from '../../../src/lib/forms/household.ts';
import {
  partnerName,
  storedAnswers,
  type StoredApplication,
} from '../../../src/lib/forms/answers.ts';
import { fieldsOf } from '../../../src/lib/forms/definition.ts';
import { forms } from '../../../src/lib/forms/index.ts';
import { validate } from '../../../src/lib/forms/schema-cache.ts';
import { toSubmission } from '../../../src/lib/forms/submission.ts';
import { formatNorwegianDate, osloDate } from '../../../src/lib/dates.ts';
import { visitHomeAnswers } from '../forms/fixtures.ts';

describe('stored answers under the form’s own questions', () => {
  it.each(['besokshjem', 'tilsynsperson'] as const)(
    '%s: every question of the form, with the answers given, from the stored row',
    (kind) => {
      const definition = forms[kind];
      const raw: Record<string, string | string[]> = {};
      for (const field of fieldsOf(definition)) {
        if (field.type === 'checkboxes') raw[field.name] = [field.options[0]?.value ?? ''];
        else if (field.type === 'radio') raw[field.name] = field.options[0]?.value ?? '';
        else if (field.type === 'confirm') raw[field.name] = 'ja';
      }
      Object.assign(raw, {
        fullName: 'Kari Nordmann',
        email: 'kari@example.no',
        phone: '91234567',
        streetAddress: 'Storgata 1',
        postcode: '7010',
        postalPlace: 'Trondheim',
        over18: 'ja',
        motivation: 'Jeg liker barn.',
        certificate: 'har',
        certificateIssuedOn: formatNorwegianDate(osloDate(new Date())),
        submissionId: crypto.randomUUID(),
        ...(kind === 'besokshjem'
          ? {
              // Together, so that the partner's questions are asked (and shown) too.
              applyingWith: TOGETHER,
              partnerName: 'Ola Nordmann',
              partnerPhone: '98765432',
              partnerEmail: 'ola@example.no',
              adults: '2',
              children: '0',
              childrenAges: '',
              spareBed: 'ja',
            }
          : { experienceYears: '3', childrenCapacity: '2', languages: 'Norsk' }),
      });
      const result = validate(definition, raw);
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      const stored = toSubmission(kind, result.data, 'v1') as unknown as StoredApplication;
      const sections = storedAnswers(stored);
      const labels = sections.flatMap((s) => s.answers.map((a) => a.label));
      expect(labels).toEqual(fieldsOf(definition).map((f) => f.label));
      const byLabel = new Map(sections.flatMap((s) => s.answers.map((a) => [a.label, a.value])));
      for (const field of fieldsOf(definition)) {
        const value = byLabel.get(field.label);
        if (field.type === 'confirm') expect(value, field.name).toEqual(['Bekreftet']);
        if (field.type === 'radio' && raw[field.name])
          expect(value, field.name).toEqual([
            field.options.find((o) => o.value === raw[field.name])?.label,
          ]);
      }
      expect(byLabel.get('Fullt navn')).toEqual(['Kari Nordmann']);
      if (kind === 'besokshjem') {
        expect(byLabel.get('Fullt navn til den du søker sammen med')).toEqual(['Ola Nordmann']);
        expect(byLabel.get('Telefonnummeret til den du søker sammen med')).toEqual(['98765432']);
        expect(byLabel.get('E-postadressen til den du søker sammen med')).toEqual([
          'ola@example.no',
        ]);
      }
    },
  );

  // Whether two apply together is the database's derived column (applies_together).
  it.each([
    [{ applies_together: true, partner_name: 'Ola Nordmann' }, 'Ola Nordmann'],
    [{ applies_together: false, partner_name: null }, null],
    [{ applies_together: false, partner_name: 'Ola Nordmann' }, null],
  ])('the partner of %o: %s', (row, name) => {
    expect(partnerName(row)).toBe(name);
  });

  it('leaves out what the form did not ask: no partner for one applicant, no date without a certificate', () => {
    const result = validate(
      forms.besokshjem,
      visitHomeAnswers({ certificate: 'bestiller', submissionId: crypto.randomUUID() }),
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const stored = toSubmission('besokshjem', result.data, 'v1') as unknown as StoredApplication;
    const labels = storedAnswers(stored).flatMap((s) => s.answers.map((a) => a.label));
    const asked = fieldsOf(forms.besokshjem)
      .filter((f) => !f.showIf)
      .map((f) => f.label);
    expect(labels).toEqual(asked);
  });

  it('shows an application from before a question was asked as not answered', () => {
    const result = validate(
      forms.besokshjem,
      visitHomeAnswers({ submissionId: crypto.randomUUID() }),
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const stored = toSubmission('besokshjem', result.data, 'v1') as unknown as StoredApplication;
    const old: StoredApplication = {
      ...stored,
      call_time: null,
      applying_with: null,
      partner_name: null,
      partner_phone: null,
      partner_email: null,
      others_informed: null,
      adults: 1,
      children: 0,
      children_ages: null,
      spare_bed: true,
    };
    const byLabel = new Map(
      storedAnswers(old).flatMap((s) => s.answers.map((a) => [a.label, a.value])),
    );
    expect(byLabel.get('Når passer det best at vi ringer deg?')).toEqual(['Ikke svart']);
    expect(byLabel.get('Vet de andre voksne i hjemmet at du søker?')).toEqual(['Ikke svart']);
    expect(byLabel.has('Fullt navn til den du søker sammen med')).toBe(false);
  });
});
