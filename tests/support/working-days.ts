/**
 * An independent oracle for Norwegian working days, for tests only: the public holidays of the
 * `date-holidays` library (its type 'public' for Norway; Christmas Eve and New Year's Eve are
 * 'bank', not holidays) and Monday–Friday. The database's own definition is
 * private.is_working_day; this must never be used to compute what the portal shows.
 */
import Holidays from 'date-holidays';
import { addDays } from './screening.ts';

const norway = new Holidays('NO');
const holidaysByYear = new Map<number, Set<string>>();

function publicHolidays(year: number): Set<string> {
  let days = holidaysByYear.get(year);
  if (!days) {
    days = new Set(
      norway
        .getHolidays(year)
        .filter((holiday) => holiday.type === 'public')
        .map((holiday) => holiday.date.slice(0, 10)),
    );
    holidaysByYear.set(year, days);
  }
  return days;
}

/** Whether `iso` (YYYY-MM-DD) is a working day in Norway according to date-holidays. */
export function isWorkingDay(iso: string): boolean {
  const weekday = new Date(`${iso}T12:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !publicHolidays(Number(iso.slice(0, 4))).has(iso);
}

/** The date `days` working days after `iso`, not counting `iso` itself (negative: before). */
export function addWorkingDays(iso: string, days: number): string {
  const step = days < 0 ? -1 : 1;
  let day = iso;
  for (let remaining = Math.abs(days); remaining > 0;) {
    day = addDays(day, step);
    if (isWorkingDay(day)) remaining -= 1;
  }
  return day;
}
