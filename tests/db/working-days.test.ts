// Norwegian working days in the database (private.is_working_day, private.add_working_days), the
// one definition the contact deadline and every other working-day deadline count with: weekends
// and the public holidays out. Easter, Whitsun and Christmas weeks with dates written out by hand,
// then every day of ten years against an independent oracle (the date-holidays library).
import { describe, expect, it } from 'vitest';
import { sql } from '../support/db.ts';
import { addWorkingDays, isWorkingDay } from '../support/working-days.ts';

/** [day, is a working day, 5 working days after it, what the day is]. */
type Week = [string, boolean, string, string][];

const easter2026: Week = [
  ['2026-03-27', true, '2026-04-08', 'Friday before Palm Sunday'],
  ['2026-03-29', false, '2026-04-08', 'Palm Sunday'],
  ['2026-03-30', true, '2026-04-09', 'Monday of Easter week'],
  ['2026-04-01', true, '2026-04-13', 'Wednesday of Easter week'],
  ['2026-04-02', false, '2026-04-13', 'Maundy Thursday'],
  ['2026-04-03', false, '2026-04-13', 'Good Friday'],
  ['2026-04-04', false, '2026-04-13', 'Easter Saturday'],
  ['2026-04-05', false, '2026-04-13', 'Easter Sunday'],
  ['2026-04-06', false, '2026-04-13', 'Easter Monday'],
  ['2026-04-07', true, '2026-04-14', 'Tuesday after Easter'],
];

const mayAndWhitsun2025: Week = [
  ['2025-04-30', true, '2025-05-08', 'Wednesday before 1 May'],
  ['2025-05-01', false, '2025-05-08', '1 May (a Thursday)'],
  ['2025-05-28', true, '2025-06-05', 'Wednesday before Ascension Day'],
  ['2025-05-29', false, '2025-06-05', 'Ascension Day'],
  ['2025-05-30', true, '2025-06-06', 'Friday after Ascension Day'],
  ['2025-06-06', true, '2025-06-16', 'Friday before Whitsun'],
  ['2025-06-08', false, '2025-06-16', 'Whit Sunday'],
  ['2025-06-09', false, '2025-06-16', 'Whit Monday'],
  ['2025-06-10', true, '2025-06-17', 'Tuesday after Whitsun'],
];

const whitsun2027: Week = [
  ['2027-05-05', true, '2027-05-13', 'Wednesday before Ascension Day'],
  ['2027-05-06', false, '2027-05-13', 'Ascension Day'],
  ['2027-05-14', true, '2027-05-24', 'Friday before Whit Monday, which is 17 May'],
  ['2027-05-17', false, '2027-05-24', 'Whit Monday and 17 May'],
];

const christmas2026: Week = [
  ['2026-12-23', true, '2026-12-31', 'Wednesday before Christmas'],
  ['2026-12-24', true, '2027-01-04', 'Christmas Eve (a working day)'],
  ['2026-12-25', false, '2027-01-04', 'Christmas Day'],
  ['2026-12-26', false, '2027-01-04', "St Stephen's Day (a Saturday)"],
  ['2026-12-28', true, '2027-01-05', 'Monday between Christmas and New Year'],
  ['2026-12-31', true, '2027-01-08', "New Year's Eve (a working day)"],
  ['2027-01-01', false, '2027-01-08', "New Year's Day"],
];

const christmas2025: Week = [
  ['2025-12-22', true, '2025-12-31', 'Monday before Christmas'],
  ['2025-12-23', true, '2026-01-02', 'Tuesday before Christmas'],
  ['2025-12-25', false, '2026-01-05', 'Christmas Day (a Thursday)'],
  ['2025-12-26', false, '2026-01-05', "St Stephen's Day (a Friday)"],
];

type Row = { day: string; working: boolean; due: string };

async function inDatabase(days: string[]): Promise<Row[]> {
  return sql<Row>(
    `select d::text as day, private.is_working_day(d) as working,
            private.add_working_days(d, 5)::text as due
       from unnest($1::date[]) as d`,
    [days],
  );
}

describe.each([
  ['Easter 2026', easter2026],
  ['1 May, Ascension Day and Whitsun 2025', mayAndWhitsun2025],
  ['Ascension Day and Whitsun 2027', whitsun2027],
  ['Christmas 2025', christmas2025],
  ['Christmas and New Year 2026', christmas2026],
])('%s', (_name, week) => {
  it.each(week)('%s: working day %s, 5 working days later %s (%s)', async (day, working, due) => {
    expect(await inDatabase([day])).toEqual([{ day, working, due }]);
  });
});

describe('counting', () => {
  it('counts back with a negative number, and 0 gives the day itself', async () => {
    const [row] = await sql<Record<string, string>>(
      `select private.add_working_days('2026-04-08', -5)::text as back,
              private.add_working_days('2026-04-03', 0)::text as zero,
              private.add_working_days('2026-04-08', 0)::text as zero_working,
              private.add_working_days('2026-03-27', 1)::text as next`,
    );
    expect(row).toEqual({
      back: '2026-03-27',
      zero: '2026-04-03',
      zero_working: '2026-04-08',
      next: '2026-03-30',
    });
  });

  it('Easter Sunday by the anonymous Gregorian algorithm, for years whose Easter is known', async () => {
    const rows = await sql<{ year: number; easter: string }>(
      `select y as year, private.easter_sunday(y)::text as easter
         from unnest(array[1818, 2000, 2008, 2011, 2019, 2024, 2025, 2038, 2285]) as y`,
    );
    expect(Object.fromEntries(rows.map((r) => [r.year, r.easter]))).toEqual({
      1818: '1818-03-22', // the earliest possible date
      2000: '2000-04-23',
      2008: '2008-03-23', // Ascension Day on 1 May
      2011: '2011-04-24',
      2019: '2019-04-21',
      2024: '2024-03-31',
      2025: '2025-04-20',
      2038: '2038-04-25', // the latest possible date
      2285: '2285-03-22',
    });
  });

  it('the contact deadline is 5 working days after receipt, as the column is generated', async () => {
    const [row] = await sql<{ expression: string }>(
      `select pg_get_expr(d.adbin, d.adrelid) as expression
         from pg_attrdef as d
           join pg_attribute as a on a.attrelid = d.adrelid and a.attnum = d.adnum
        where d.adrelid = 'public.applications'::regclass and a.attname = 'contact_due_on'`,
    );
    expect(row?.expression).toBe('private.add_working_days(received_on, 5)');
  });
});

describe('ten years against an independent oracle (date-holidays)', () => {
  it('every day of 2025–2034: is_working_day and add_working_days(day, 5)', async () => {
    const rows = await sql<Row>(
      `select d::date::text as day, private.is_working_day(d::date) as working,
              private.add_working_days(d::date, 5)::text as due
         from generate_series('2025-01-01'::date, '2034-12-31'::date, interval '1 day') as d
        order by d`,
    );
    expect(rows).toHaveLength(3652);
    const expected = rows.map(({ day }) => ({
      day,
      working: isWorkingDay(day),
      due: addWorkingDays(day, 5),
    }));
    // Compared as one list, so a failure names every day that differs.
    expect(rows.filter((row, i) => JSON.stringify(row) !== JSON.stringify(expected[i]))).toEqual(
      [],
    );
    // Not vacuous: every year has at least the five movable holidays on weekdays (fewer when
    // Ascension Day or Whit Monday falls on 1 or 17 May, one of them counted once).
    for (let year = 2025; year <= 2034; year++) {
      const holidaysOnWeekdays = rows.filter(
        (row) => row.day.startsWith(`${year}-`) && !row.working && isWeekday(row.day),
      );
      expect(holidaysOnWeekdays.length).toBeGreaterThanOrEqual(5);
    }
  });
});

const isWeekday = (iso: string) => ![0, 6].includes(new Date(`${iso}T12:00:00Z`).getUTCDay());
