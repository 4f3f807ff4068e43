/**
 * Calendar dates as the municipality counts them: ISO `YYYY-MM-DD` strings in Europe/Oslo,
 * never UTC timestamps. Pure and free of server imports (the island uses it too).
 */

/** Where "now" comes from; tests pass a fixed one. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

export const TIME_ZONE = 'Europe/Oslo';

const osloFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date in Europe/Oslo at the given instant, as `YYYY-MM-DD`. */
export function osloDate(instant: Date): string {
  const parts = Object.fromEntries(osloFormat.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts['year']}-${parts['month']}-${parts['day']}`;
}

/** Today's date in Europe/Oslo according to `clock`. */
export function todayInOslo(clock: Clock = systemClock): string {
  return osloDate(clock());
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

const isoPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` that names a real calendar day. */
export function isIsoDate(value: string): boolean {
  const match = isoPattern.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return year >= 1900 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * Adds calendar months, clamping to the month's last day (31 May + 3 → 31 Aug;
 * 30 Nov + 3 → 28/29 Feb), exactly as Postgres `date + interval 'n months'` does.
 */
export function addMonths(iso: string, months: number): string {
  const match = isoPattern.exec(iso);
  if (!match) throw new RangeError(`Not an ISO date: ${iso}`);
  const index = Number(match[1]) * 12 + (Number(match[2]) - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const day = Math.min(Number(match[3]), daysInMonth(year, month));
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** How long a police certificate counts, in calendar months after its issue date. */
export const CERTIFICATE_VALID_MONTHS = 3;

/** The last day a certificate issued on `issuedOn` is valid. */
export function certificateValidUntil(issuedOn: string): string {
  return addMonths(issuedOn, CERTIFICATE_VALID_MONTHS);
}

/**
 * A certificate is valid on `today` when it is not issued in the future and `today` is at most
 * three calendar months after the issue date (22 Aug → valid 22 Nov, not 23 Nov).
 */
export function certificateValidOn(issuedOn: string, today: string): boolean {
  return issuedOn <= today && today <= certificateValidUntil(issuedOn);
}

/**
 * Reads a date the way people type it: `dd.mm.åååå` (also with `/` or `-`, one-digit day and
 * month) or ISO `åååå-mm-dd`. Returns ISO, or undefined when it is not a real date.
 */
export function parseNorwegianDate(input: string): string | undefined {
  const value = input.trim();
  let iso: string;
  const norwegian = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(value);
  if (norwegian) {
    iso = `${norwegian[3]}-${pad(Number(norwegian[2]))}-${pad(Number(norwegian[1]))}`;
  } else {
    iso = value;
  }
  return isIsoDate(iso) ? iso : undefined;
}

/** `2026-11-22` → `22.11.2026`. */
export function formatNorwegianDate(iso: string): string {
  const match = isoPattern.exec(iso);
  return match ? `${match[3]}.${match[2]}.${match[1]}` : iso;
}
