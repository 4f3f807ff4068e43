// The numbers page's form and CSV (src/lib/coordinator/numbers.ts): months as the lead types them,
// the same period rules as the database (private.check_figures_period), and "under 5" in the CSV
// wherever the database sent null.
import { describe, expect, it } from 'vitest';
import {
  NumbersQuerySchema,
  numbersCsv,
  parseMonth,
  type MonthFigures,
} from '../../../src/lib/coordinator/numbers.ts';

describe('a month as typed', () => {
  it.each([
    ['03.2026', '2026-03-01'],
    ['3.2026', '2026-03-01'],
    [' 12.2025 ', '2025-12-01'],
    ['2026-03', '2026-03-01'],
    ['13.2026', undefined],
    ['00.2026', undefined],
    ['03.26', undefined],
    ['mars 2026', undefined],
    ['', undefined],
  ])('%j → %s', (typed, iso) => expect(parseMonth(typed)).toBe(iso));
});

describe('the period and role', () => {
  it('accepts a period within ten years, either role or both', () => {
    expect(NumbersQuerySchema.parse({ fra: '01.2026', til: '12.2026', rolle: '' })).toEqual({
      fra: '2026-01-01',
      til: '2026-12-01',
      rolle: '',
    });
  });
  it.each([
    [
      { fra: '02.2026', til: '01.2026', rolle: '' },
      'til',
      'Siste måned kan ikke være før første måned.',
    ],
    [{ fra: '01.2016', til: '01.2026', rolle: '' }, 'til', 'Velg en periode på høyst ti år.'],
    [
      { fra: '1.2026x', til: '01.2026', rolle: '' },
      'fra',
      'Skriv første måned som mm.åååå, for eksempel 03.2026.',
    ],
    [{ fra: '01.2026', til: '01.2026', rolle: 'fosterhjem' }, 'rolle', 'Velg en av rollene.'],
  ])('refuses %j on %s in Norwegian', (form, field, message) => {
    const result = NumbersQuerySchema.safeParse(form);
    expect(result.success).toBe(false);
    expect(result.error?.issues.find((i) => i.path[0] === field)?.message).toBe(message);
  });
});

describe('the CSV', () => {
  const month = (over: Partial<MonthFigures>): MonthFigures => ({
    month: '2026-03-01',
    received: 12,
    contacted: 10,
    contacted_in_time: 9,
    contacted_in_time_percent: 75,
    conversations: 8,
    approved: 6,
    declined: null,
    withdrawn_by_applicant: 0,
    withdrawn_by_service: null,
    median_days_to_contact: 3.5,
    median_days_to_decision: null,
    ...over,
  });

  it('writes "under 5" for every count the database suppressed, and a decimal comma', () => {
    const csv = numbersCsv(
      [month({}), month({ month: null, declined: 7 })],
      [{ source: 'annonse', received: null, approved: 0 }],
      'Begge roller',
    );
    const lines = csv.replace('\ufeff', '').split('\r\n');
    expect(lines[0]).toBe(
      'Måned;Rolle;Mottatt;Kontaktet innen fristen;Andel kontaktet innen fristen (%);Samtaler holdt;Godkjent;Avslått;Trukket av søkeren selv;Trukket, registrert av tjenesten;Median dager til første kontakt;Median dager til vedtak',
    );
    expect(lines[1]).toBe('2026-03;Begge roller;12;9;75;8;6;under 5;0;under 5;3,5;–');
    expect(lines[2]).toBe('Hele perioden;Begge roller;12;9;75;8;6;7;0;under 5;3,5;–');
    expect(lines[5]).toBe('Annonse;Begge roller;under 5;0');
  });
});
