/**
 * What the workspace pages and Actions share and the browser may see: Norwegian names of statuses,
 * roles and flags, the queue's views, and dates and times written the Norwegian way in
 * Europe/Oslo. Pure and free of server imports.
 */
import { TIME_ZONE, formatNorwegianDate } from '../dates.ts';

export const STATUS_LABELS: Record<string, string> = {
  received: 'Mottatt',
  in_review: 'Under behandling',
  conversation_scheduled: 'Samtale avtalt',
  home_visit: 'Hjemmebesøk',
  approved: 'Godkjent',
  declined: 'Avslått',
  withdrawn: 'Trukket',
};

/** The statuses that end a case: nothing can be changed on it any more. */
export const ENDED_STATUSES = ['approved', 'declined', 'withdrawn'] as const;

export function hasEnded(status: string): boolean {
  return (ENDED_STATUSES as readonly string[]).includes(status);
}

/** The statuses whose button asks for a confirmation first (they end the case). */
export const CONFIRMED_STATUSES = new Set(['declined', 'withdrawn']);

export const KIND_LABELS: Record<string, string> = {
  besokshjem: 'Besøkshjem',
  tilsynsperson: 'Tilsynsperson',
};

export const ROLE_LABELS: Record<string, string> = { coordinator: 'Koordinator', lead: 'Leder' };

/** The queues' "Saksbehandler": the assigned coordinator's name by id, or that there is none. */
export function assigneeName(names: Map<string, string>, id: string | null): string {
  return id ? (names.get(id) ?? 'Ukjent') : 'Ingen';
}

/** The queue's views, in the order the page lists them. */
export const QUEUE_VIEWS = [
  { id: 'nye', label: 'Nye' },
  { id: 'mine', label: 'Mine' },
  { id: 'alle', label: 'Alle åpne' },
  { id: 'haster', label: 'Haster' },
  // Ended cases not yet in the municipality's sak/arkiv system (public.journal_queue): the
  // retention job deletes nothing before it is journalført.
  { id: 'ikke-journalfort', label: 'Avsluttet, ikke journalført' },
] as const;
export type QueueView = (typeof QUEUE_VIEWS)[number]['id'];

export function isQueueView(value: string | null): value is QueueView {
  return QUEUE_VIEWS.some((view) => view.id === value);
}

export const QUEUE_PAGE_SIZE = 50;

/** The queue's flags, in words (never colour alone), with the Designsystemet colour beside. */
export const FLAGS = [
  { key: 'no_contact_overdue', label: 'Ikke kontaktet innen fristen', color: 'danger' },
  { key: 'certificate_expired', label: 'Politiattesten er utløpt', color: 'danger' },
  { key: 'certificate_expiring', label: 'Politiattesten utløper snart', color: 'warning' },
  { key: 'certificate_missing', label: 'Mangler politiattest', color: 'info' },
  { key: 'journaled', label: 'Journalført', color: 'success' },
  // Asked on Min søknad (issue 25); the lead decides on the case page.
  { key: 'erasure_requested_at', label: 'Søkeren ba om sletting', color: 'warning' },
] as const;

const dateTimeFormat = new Intl.DateTimeFormat('nb-NO', {
  timeZone: TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** A timestamp as "01.12.2026 kl. 23:40" in Europe/Oslo. */
export function formatDateTime(instant: string | Date): string {
  const parts = Object.fromEntries(
    dateTimeFormat.formatToParts(new Date(instant)).map((p) => [p.type, p.value]),
  );
  return `${parts['day']}.${parts['month']}.${parts['year']} kl. ${parts['hour']}:${parts['minute']}`;
}

/** An ISO date (or nothing) as "01.12.2026", or a dash. */
export function formatDate(iso: string | null | undefined): string {
  return iso ? formatNorwegianDate(iso) : '–';
}

/** "1 dag", "3 dager". */
export function days(n: number): string {
  return `${n} ${Math.abs(n) === 1 ? 'dag' : 'dager'}`;
}
