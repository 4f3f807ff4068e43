import { describe, expect, it } from 'vitest';
import { MeetingSchema, osloInstant, upcomingMeetings } from '../../../src/schemas/meeting.ts';
import { PageSchema } from '../../../src/schemas/page.ts';
import { ProfileSchema } from '../../../src/schemas/profile.ts';

const meeting = {
  title: 'Informasjonsmøte om besøkshjem',
  date: '2026-12-03',
  start: '18:00',
  end: '19:30',
  place: 'Rådhuset',
  organiser: 'Barnevernstjenesten',
};

/** The paths of the fields a failed parse complains about. */
function failedFields(result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) {
  expect(result.success).toBe(false);
  return result.error?.issues.map((issue) => issue.path.join('.')) ?? [];
}

describe('MeetingSchema', () => {
  it('accepts a meeting and computes when it starts and ends in Norwegian time', () => {
    const parsed = MeetingSchema.parse(meeting);
    expect(parsed.startsAt.toISOString()).toBe('2026-12-03T17:00:00.000Z');
    expect(parsed.endsAt.toISOString()).toBe('2026-12-03T18:30:00.000Z');
  });

  it('accepts the Date that YAML makes of an unquoted date', () => {
    const parsed = MeetingSchema.parse({ ...meeting, date: new Date('2026-12-03T00:00:00Z') });
    expect(parsed.date).toBe('2026-12-03');
  });

  it('names the date field when the date is missing', () => {
    const { date: _date, ...withoutDate } = meeting;
    const result = MeetingSchema.safeParse(withoutDate);
    expect(failedFields(result)).toEqual(['date']);
    expect(result.error?.issues[0]?.message).toMatch(/Datoen mangler/);
  });

  it('requires a place or an online link', () => {
    const { place: _place, ...nowhere } = meeting;
    expect(failedFields(MeetingSchema.safeParse(nowhere))).toContain('place');
    expect(
      MeetingSchema.safeParse({ ...nowhere, onlineUrl: 'https://example.org/mote' }).success,
    ).toBe(true);
  });

  it('refuses an end before the start, a bad time and unknown fields', () => {
    expect(failedFields(MeetingSchema.safeParse({ ...meeting, end: '17:00' }))).toContain('end');
    expect(failedFields(MeetingSchema.safeParse({ ...meeting, start: '6pm' }))).toContain('start');
    expect(failedFields(MeetingSchema.safeParse({ ...meeting, tittel: 'x' }))).toEqual(['']);
  });
});

describe('osloInstant', () => {
  it('uses summer time in summer and winter time in winter', () => {
    expect(osloInstant('2026-07-01', '12:00').toISOString()).toBe('2026-07-01T10:00:00.000Z');
    expect(osloInstant('2026-01-15', '12:00').toISOString()).toBe('2026-01-15T11:00:00.000Z');
  });
});

describe('upcomingMeetings', () => {
  const early = MeetingSchema.parse(meeting);
  const late = MeetingSchema.parse({ ...meeting, date: '2027-01-14' });

  it('leaves out meetings that have ended and sorts the rest by start', () => {
    expect(upcomingMeetings([late, early], new Date('2026-11-01T00:00:00Z'))).toEqual([
      early,
      late,
    ]);
    expect(upcomingMeetings([late, early], new Date('2026-12-03T18:30:00Z'))).toEqual([late]);
    expect(upcomingMeetings([late, early], new Date('2027-02-01T00:00:00Z'))).toEqual([]);
  });

  it('keeps a meeting that is under way', () => {
    expect(upcomingMeetings([early], new Date('2026-12-03T18:00:00Z'))).toEqual([early]);
  });
});

describe('PageSchema', () => {
  it('accepts a version like 1.0 and refuses other spellings', () => {
    const page = {
      title: 'Personvern',
      description: 'Slik behandler vi opplysningene dine når du søker.',
      lead: 'Vi samler bare inn det vi trenger.',
      updated: '2026-11-23',
    };
    expect(PageSchema.parse({ ...page, version: '1.0' }).version).toBe('1.0');
    expect(failedFields(PageSchema.safeParse({ ...page, version: 'v1' }))).toEqual(['version']);
  });
});

describe('ProfileSchema', () => {
  const profile = {
    municipality: 'Eksempel kommune',
    unit: 'Barnevernstjenesten',
    phone: '12 34 56 78',
    email: 'post@eksempel.kommune.no',
    visitingAddress: { street: 'Gata 1', postalCode: '1234', city: 'Byen' },
    coordinatorsInbox: 'koordinator@eksempel.kommune.no',
    retentionMonths: 6,
    approvedRetentionMonths: 12,
    website: 'https://www.eksempel.kommune.no',
    logo: { src: '/logo.svg', alt: 'Eksempel kommune' },
    contacts: [{ role: 'Koordinator for besøkshjem', about: 'Spørsmål om besøkshjem.' }],
    privacy: {
      dpoEmail: 'personvernombud@eksempel.kommune.no',
      siteHost: 'En driftsleverandør i Norge',
      databaseLocation: 'Frankfurt i Tyskland (EU)',
      emailTransferBasis: 'EUs standardkontraktsbestemmelser',
    },
    fosterParentHotline: { provider: 'Bufetat', phone: '466 47 410', hours: 'kveld og helg' },
  };

  it('accepts a complete profile', () => {
    expect(ProfileSchema.parse(profile).retentionMonths).toBe(6);
  });

  it("accepts a profile without a main phone (never a person's mobile as a stand-in)", () => {
    const { phone: _phone, ...withoutPhone } = profile;
    expect(ProfileSchema.parse(withoutPhone).phone).toBeUndefined();
  });

  it('names the field that is wrong', () => {
    expect(
      failedFields(
        ProfileSchema.safeParse({ ...profile, privacy: { ...profile.privacy, dpoEmail: 'x' } }),
      ),
    ).toEqual(['privacy.dpoEmail']);
    expect(failedFields(ProfileSchema.safeParse({ ...profile, email: 'ikke-epost' }))).toEqual([
      'email',
    ]);
    expect(
      failedFields(
        ProfileSchema.safeParse({
          ...profile,
          visitingAddress: { ...profile.visitingAddress, postalCode: '12' },
        }),
      ),
    ).toEqual(['visitingAddress.postalCode']);
    expect(failedFields(ProfileSchema.safeParse({ ...profile, retentionMonths: 0 }))).toEqual([
      'retentionMonths',
    ]);
    expect(
      failedFields(ProfileSchema.safeParse({ ...profile, approvedRetentionMonths: 121 })),
    ).toEqual(['approvedRetentionMonths']);
    const { approvedRetentionMonths: _approved, ...withoutApproved } = profile;
    expect(failedFields(ProfileSchema.safeParse(withoutApproved))).toEqual([
      'approvedRetentionMonths',
    ]);
  });
});
