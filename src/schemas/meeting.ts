import { z } from 'zod';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The UTC instant of a wall-clock date and time in Norway (Europe/Oslo), summer time included. */
export function osloInstant(date: string, time: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const asUtc = Date.UTC(y, m - 1, d, hh, mm);
  // Oslo's offset at that moment, read from the platform's time-zone data ("GMT+01:00").
  const name = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Oslo',
    timeZoneName: 'longOffset',
  })
    .formatToParts(asUtc)
    .find((part) => part.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '');
  const offsetMinutes = match
    ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]))
    : 0;
  return new Date(asUtc - offsetMinutes * 60_000);
}

// YAML turns an unquoted 2026-12-03 into a Date at UTC midnight; accept both spellings.
const DateSchema = z.preprocess(
  (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value),
  z.iso.date({
    error: (issue) =>
      issue.input === undefined
        ? 'Datoen mangler (date: ÅÅÅÅ-MM-DD)'
        : 'Datoen må skrives ÅÅÅÅ-MM-DD, f.eks. 2026-12-03',
  }),
);

/** One information meeting, as an editor writes it in content/meetings/*.yaml. */
export const MeetingInputSchema = z
  .strictObject({
    /** What the meeting is about, e.g. "Informasjonsmøte om å bli besøkshjem". */
    title: z.string().min(5),
    /** Day of the meeting (Norwegian time), ÅÅÅÅ-MM-DD. */
    date: DateSchema,
    /** Start time, TT:MM (24-hour clock, Norwegian time). */
    start: z.string().regex(TIME, 'Klokkeslett skrives TT:MM, f.eks. 18:00'),
    /** End time, TT:MM; must be after the start. */
    end: z.string().regex(TIME, 'Klokkeslett skrives TT:MM, f.eks. 19:30'),
    /** Street address or room, when people meet in person. */
    place: z.string().min(3).optional(),
    /** Link to join, when the meeting is online. */
    onlineUrl: z.url({ protocol: /^https$/ }).optional(),
    /** Who holds the meeting, e.g. "Barnevernstjenesten" or "Bufetat". */
    organiser: z.string().min(2),
    /** A sentence or two on what the meeting covers. */
    about: z.string().min(10).optional(),
    /** Where to sign up, if sign-up is needed. */
    signupUrl: z.url({ protocol: /^https$/ }).optional(),
    /** An example meeting, not yet agreed: a production build refuses it. */
    example: z.boolean().optional(),
  })
  .refine((m) => m.place !== undefined || m.onlineUrl !== undefined, {
    message: 'Møtet må ha et sted (place) eller en lenke (onlineUrl)',
    path: ['place'],
  })
  .refine((m) => m.end > m.start, {
    message: 'Sluttidspunktet må være etter starttidspunktet',
    path: ['end'],
  });

/** A validated meeting, with the instants it starts and ends (computed in Europe/Oslo). */
export const MeetingSchema = MeetingInputSchema.transform((m) => ({
  ...m,
  startsAt: osloInstant(m.date, m.start),
  endsAt: osloInstant(m.date, m.end),
}));

export type Meeting = z.output<typeof MeetingSchema>;

/** Meetings that have not ended at `now`, soonest first. */
export function upcomingMeetings(meetings: Meeting[], now: Date = new Date()): Meeting[] {
  return meetings
    .filter((m) => m.endsAt.getTime() > now.getTime())
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}
