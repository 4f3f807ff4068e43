/**
 * The daily overview's content (src/lib/server/email/overview-content.ts): a section with a link
 * into the queue for each count that is not zero, the settings link always, singular and plural
 * in Norwegian, and the stored counts checked before they are trusted.
 */
import { describe, expect, it } from 'vitest';
import {
  overviewContent,
  parseOverviewCounts,
  type OverviewCounts,
} from '../../../src/lib/server/email/overview-content.ts';
import type { Profile } from '../../../src/schemas/profile.ts';

const profile = {
  municipality: 'Testvik kommune',
  unit: 'Barnevernstjenesten',
} as Profile;

const counts: OverviewCounts = {
  scope: 'own',
  new_unassigned: 1,
  contact_due_today: 0,
  contact_overdue: 3,
  certificates_expiring: 0,
  referees_waiting: 0,
  co_applicants_pending: 0,
  ended_not_journaled: 2,
};
const site = 'https://fosterhjem.testvik.invalid/';

describe('overviewContent', () => {
  it('has a section only for the counts that are not zero, each linking to its view of the queue', () => {
    const content = overviewContent(
      { template: 'daily_overview', day: '2026-11-24', counts, siteUrl: site },
      profile,
    );
    expect(content.subject).toBe('Daglig oversikt fra søknadsportalen 24.11.2026');
    expect(
      content.sections.map((s) => [s.heading, s.paragraphs, s.links?.map((l) => l.href)]),
    ).toEqual([
      [
        'Nye søknader',
        ['1 ny søknad som ingen har tatt ennå.'],
        ['https://fosterhjem.testvik.invalid/koordinator/?visning=nye'],
      ],
      [
        'Første kontakt',
        ['3 søknader har passert fristen for første kontakt uten at søkeren er kontaktet.'],
        ['https://fosterhjem.testvik.invalid/koordinator/?visning=haster'],
      ],
      [
        'Journalføring',
        ['2 avsluttede saker er ikke journalført ennå.'],
        ['https://fosterhjem.testvik.invalid/koordinator/?visning=ikke-journalfort'],
      ],
      [
        'Vil du ikke ha denne e-posten?',
        [expect.stringContaining('arbeidsdager')],
        ['https://fosterhjem.testvik.invalid/koordinator/innstillinger/'],
      ],
    ]);
    expect(content.intro).toEqual([
      'Tallene gjelder sakene du har, og nye søknader som ingen har tatt ennå.',
    ]);
  });

  it("links a lead's own counts to all open cases, a coordinator's to their own", () => {
    const waiting = { ...counts, referees_waiting: 1, co_applicants_pending: 1 };
    const hrefs = (scope: 'own' | 'all') =>
      overviewContent(
        {
          template: 'daily_overview',
          day: '2026-11-24',
          counts: { ...waiting, scope },
          siteUrl: site,
        },
        profile,
      )
        .sections.filter((s) => s.heading === 'Referanser' || s.heading === 'Medsøkere')
        .map((s) => s.links?.[0]);
    expect(hrefs('own')).toEqual([
      { text: 'Se sakene dine', href: `${site}koordinator/?visning=mine` },
      { text: 'Se sakene dine', href: `${site}koordinator/?visning=mine` },
    ]);
    expect(hrefs('all')).toEqual([
      { text: 'Se alle åpne saker', href: `${site}koordinator/?visning=alle` },
      { text: 'Se alle åpne saker', href: `${site}koordinator/?visning=alle` },
    ]);
  });
});

describe('parseOverviewCounts', () => {
  it('takes whole numbers of at least zero for every count and a known scope, nothing else', () => {
    expect(parseOverviewCounts(counts)).toEqual(counts);
    expect(parseOverviewCounts({ ...counts, extra: 'Kari Nordmann' })).toEqual(counts);
    for (const bad of [
      null,
      'counts',
      { ...counts, scope: 'team' },
      { ...counts, contact_overdue: -1 },
      { ...counts, contact_overdue: 1.5 },
      { ...counts, contact_overdue: '3' },
      Object.fromEntries(Object.entries(counts).filter(([key]) => key !== 'referees_waiting')),
    ])
      expect(parseOverviewCounts(bad)).toBeNull();
  });
});
