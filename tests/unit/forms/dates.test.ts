import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addMonths,
  certificateValidOn,
  certificateValidUntil,
  isIsoDate,
  osloDate,
  parseNorwegianDate,
} from '../../../src/lib/dates.ts';

describe('addMonths clamps to the end of the month like Postgres', () => {
  it.each([
    ['2026-08-22', 3, '2026-11-22'],
    ['2026-05-31', 3, '2026-08-31'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2027-11-30', 3, '2028-02-29'],
    ['2027-11-29', 3, '2028-02-29'],
    ['2026-11-28', 3, '2027-02-28'],
    ['2026-10-31', 3, '2027-01-31'],
    ['2026-12-31', 2, '2027-02-28'],
    ['2028-02-29', 12, '2029-02-28'],
    ['2026-01-15', -3, '2025-10-15'],
  ])('%s + %i months = %s', (from, months, expected) => {
    expect(addMonths(from, months)).toBe(expected);
  });
});

// The boundaries the database's applications_certificate_recent constraint states and
// tests/db/schema-agreement.test.ts checks in SQL.
describe('a police certificate is valid for three calendar months', () => {
  it.each([
    // issued, today, valid
    ['2026-08-22', '2026-11-22', true],
    ['2026-08-22', '2026-11-23', false],
    ['2026-08-23', '2026-11-23', true],
    ['2026-05-31', '2026-08-31', true],
    ['2026-05-31', '2026-09-01', false],
    ['2026-11-30', '2027-02-28', true],
    ['2026-11-30', '2027-03-01', false],
    ['2027-11-30', '2028-02-29', true],
    ['2027-11-30', '2028-03-01', false],
    ['2026-11-22', '2026-11-22', true], // issued today
    ['2026-11-23', '2026-11-22', false], // issued tomorrow
    ['2026-12-31', '2026-11-22', false], // far future
    ['2026-03-29', '2026-06-29', true], // issued on the spring DST change day
    ['2026-10-25', '2027-01-25', true], // issued on the autumn DST change day
    ['2026-10-25', '2027-01-26', false],
  ])('issued %s, on %s: %s', (issued, today, valid) => {
    expect(certificateValidOn(issued, today)).toBe(valid);
  });

  it('the last valid day is issue date + 3 months', () => {
    expect(certificateValidUntil('2026-08-22')).toBe('2026-11-22');
  });
});

describe('the calendar date in Europe/Oslo', () => {
  it.each([
    ['2026-11-22T22:59:59Z', '2026-11-22'], // 23:59:59 in Oslo (CET)
    ['2026-11-22T23:00:00Z', '2026-11-23'], // midnight in Oslo
    ['2026-06-30T21:59:59Z', '2026-06-30'], // 23:59:59 in Oslo (CEST)
    ['2026-06-30T22:00:00Z', '2026-07-01'],
    ['2026-03-29T00:30:00Z', '2026-03-29'], // spring change day
    ['2026-03-28T23:00:00Z', '2026-03-29'],
    ['2026-10-24T22:00:00Z', '2026-10-25'], // autumn change day: 00:00 CEST
    ['2026-10-25T22:59:59Z', '2026-10-25'], // 23:59:59 CET
    ['2026-10-25T23:00:00Z', '2026-10-26'],
    ['2028-02-28T23:30:00Z', '2028-02-29'], // leap day
  ])('%s is %s', (instant, date) => {
    expect(osloDate(new Date(instant))).toBe(date);
  });
});

describe('dates typed by people', () => {
  it.each([
    ['22.08.2026', '2026-08-22'],
    ['2.8.2026', '2026-08-02'],
    ['02/08/2026', '2026-08-02'],
    ['2026-08-02', '2026-08-02'],
    [' 29.02.2028 ', '2028-02-29'],
    ['29.02.2027', undefined],
    ['31.04.2026', undefined],
    ['00.01.2026', undefined],
    ['1.13.2026', undefined],
    ['22.08.26', undefined],
    ['i går', undefined],
    ['', undefined],
  ])('%j → %s', (typed, iso) => {
    expect(parseNorwegianDate(typed)).toBe(iso);
  });

  it('isIsoDate agrees with the JavaScript calendar for every day', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01'), max: new Date('2199-12-31'), noInvalidDate: true }),
        (d) => {
          expect(isIsoDate(d.toISOString().slice(0, 10))).toBe(true);
        },
      ),
    );
  });
});
