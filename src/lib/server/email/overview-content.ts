/**
 * What the daily overview e-mail says (issue 26): counts of what waits for a coordinator, each
 * with a link into the workspace's queue (its filter where one exists), and a link to turn the
 * e-mail off. The inputs are numbers, the day and the site's address: no name, answer or
 * reference of any case can reach it. The counts come from private.daily_overview_counts.
 */
import type { Profile } from '../../../schemas/profile.ts';
import { formatNorwegianDate } from '../../dates.ts';
import { duration, REFEREE_REMINDER_AFTER } from '../../link-lifetimes.ts';
import type { EmailContent, Section } from './content.ts';

export type OverviewTemplate = 'daily_overview';

/** The counts the database stored with the message (outbox_messages.overview_counts). */
export interface OverviewCounts {
  /** 'own': the coordinator's cases and the new ones nobody has taken; 'all': a lead's. */
  scope: 'own' | 'all';
  new_unassigned: number;
  contact_due_today: number;
  contact_overdue: number;
  certificates_expiring: number;
  referees_waiting: number;
  co_applicants_pending: number;
  ended_not_journaled: number;
}

export const OVERVIEW_COUNT_KEYS = [
  'new_unassigned',
  'contact_due_today',
  'contact_overdue',
  'certificates_expiring',
  'referees_waiting',
  'co_applicants_pending',
  'ended_not_journaled',
] as const satisfies readonly (keyof OverviewCounts)[];

/** Everything the overview may use. Deliberately nothing about a person. */
export interface OverviewFacts {
  template: OverviewTemplate;
  /** The day (ISO, Europe/Oslo) the counts are for. */
  day: string;
  counts: OverviewCounts;
  /** The site's public address (SITE_URL), for the links. */
  siteUrl: string;
}

/** The stored counts, checked: whole numbers ≥ 0 for every key and a known scope, or null. */
export function parseOverviewCounts(value: unknown): OverviewCounts | null {
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  if (record['scope'] !== 'own' && record['scope'] !== 'all') return null;
  const counts: Partial<OverviewCounts> = { scope: record['scope'] };
  for (const key of OVERVIEW_COUNT_KEYS) {
    const n = record[key];
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) return null;
    counts[key] = n;
  }
  return counts as OverviewCounts;
}

/** "1 ny søknad", "3 nye søknader". */
const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The overview's content, one section per kind of count that is not zero. */
export function overviewContent(facts: OverviewFacts, profile: Profile): EmailContent {
  const { counts } = facts;
  const site = facts.siteUrl.replace(/\/+$/, '');
  const queue = (view: string) => `${site}/koordinator/?visning=${view}`;
  // A coordinator's own cases are the queue's "Mine"; a lead's overview covers all open cases.
  const ownView = queue(counts.scope === 'all' ? 'alle' : 'mine');
  const ownText = counts.scope === 'all' ? 'Se alle åpne saker' : 'Se sakene dine';
  const day = formatNorwegianDate(facts.day);
  const sections: Section[] = [];
  if (counts.new_unassigned > 0)
    sections.push({
      heading: 'Nye søknader',
      paragraphs: [
        `${count(counts.new_unassigned, 'ny søknad', 'nye søknader')} som ingen har tatt ennå.`,
      ],
      links: [{ text: 'Se nye søknader i arbeidskøen', href: queue('nye') }],
    });
  if (counts.contact_due_today > 0 || counts.contact_overdue > 0) {
    const paragraphs: string[] = [];
    const links = [];
    if (counts.contact_due_today > 0) {
      paragraphs.push(
        `${count(counts.contact_due_today, 'søknad', 'søknader')} har frist for første kontakt i dag.`,
      );
      links.push({ text: ownText, href: ownView });
    }
    if (counts.contact_overdue > 0) {
      paragraphs.push(
        `${count(counts.contact_overdue, 'søknad', 'søknader')} har passert fristen for første kontakt uten at søkeren er kontaktet.`,
      );
      links.push({ text: 'Se sakene som haster', href: queue('haster') });
    }
    sections.push({ heading: 'Første kontakt', paragraphs, links });
  }
  if (counts.certificates_expiring > 0)
    sections.push({
      heading: 'Politiattester',
      paragraphs: [
        `${count(counts.certificates_expiring, 'kontrollert politiattest', 'kontrollerte politiattester')} i åpne saker slutter å gjelde innen 14 dager.`,
      ],
      links: [{ text: 'Se sakene som haster', href: queue('haster') }],
    });
  if (counts.referees_waiting > 0)
    sections.push({
      heading: 'Referanser',
      paragraphs: [
        `${count(counts.referees_waiting, 'referanse', 'referanser')} har ikke svart ${duration(REFEREE_REMINDER_AFTER)} eller mer etter at de ble spurt.`,
      ],
      links: [{ text: ownText, href: ownView }],
    });
  if (counts.co_applicants_pending > 0)
    sections.push({
      heading: 'Medsøkere',
      paragraphs: [
        `${count(counts.co_applicants_pending, 'medsøker', 'medsøkere')} har ikke bekreftet ennå.`,
      ],
      links: [{ text: ownText, href: ownView }],
    });
  if (counts.ended_not_journaled > 0)
    sections.push({
      heading: 'Journalføring',
      paragraphs: [
        `${count(counts.ended_not_journaled, 'avsluttet sak', 'avsluttede saker')} er ikke journalført ennå.`,
      ],
      links: [
        { text: 'Se avsluttede saker som ikke er journalført', href: queue('ikke-journalfort') },
      ],
    });
  sections.push({
    heading: 'Vil du ikke ha denne e-posten?',
    paragraphs: [
      'Du får oversikten på arbeidsdager når noe venter. Du kan slå den av og på under innstillingene i arbeidsflaten.',
    ],
    links: [{ text: 'Endre innstillingene dine', href: `${site}/koordinator/innstillinger/` }],
  });
  return {
    subject: `Daglig oversikt fra søknadsportalen ${day}`,
    preheader:
      counts.scope === 'all'
        ? 'Dette venter i barnevernstjenestens saker i dag.'
        : 'Dette venter i sakene dine i dag.',
    sender: `Søknadsportalen for ${profile.unit.toLowerCase()}, ${profile.municipality}`,
    heading: `Dette venter ${day}`,
    intro: [
      counts.scope === 'all'
        ? 'Som leder får du tallene for alle sakene.'
        : 'Tallene gjelder sakene du har, og nye søknader som ingen har tatt ennå.',
    ],
    facts: [],
    sections,
    contact: undefined,
    footer: [
      'Av personvernhensyn står ingen navn, svar eller referanser i denne e-posten. Sakene finner du bare i arbeidsflaten, når du er logget inn.',
    ],
  };
}
