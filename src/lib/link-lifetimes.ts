/**
 * How long the portal's personal links and Min søknad's sessions last: each limit once, as a number
 * with its unit, and how the texts people read write it ("15 minutter", "sju dager"). The database
 * has each limit once too, as a small function in `private` (named beside each limit below);
 * tests/db/link-lifetimes.test.ts holds the two equal, and
 * tests/unit/content/privacy-limits.test.ts holds the privacy statement to these. Pure (no server
 * imports), so pages, e-mails and islands may import it.
 */

export type Unit = 'minutes' | 'hours' | 'days';

export interface Limit {
  readonly amount: number;
  readonly unit: Unit;
}

/** The applicant's sign-in link to Min søknad works this long, once (private.applicant_link_lifetime). */
export const APPLICANT_LINK: Limit = { amount: 15, unit: 'minutes' };

/** The link that confirms a new e-mail address works this long (private.email_change_link_lifetime). */
export const EMAIL_CHANGE_LINK: Limit = { amount: 24, unit: 'hours' };

/** A co-applicant's or referee's personal link works this long (private.link_lifetime). */
export const PERSONAL_LINK: Limit = { amount: 21, unit: 'days' };

/**
 * A referee who has not answered this long after being asked gets the one reminder, and counts
 * in the daily overview as waiting (private.link_reminder_after).
 */
export const REFEREE_REMINDER_AFTER: Limit = { amount: 7, unit: 'days' };

/** A Min søknad session unused this long ends (private.applicant_session_idle_limit). */
export const APPLICANT_SESSION_IDLE: Limit = { amount: 30, unit: 'minutes' };

/** A Min søknad session ends this long after it opened, however used (private.applicant_session_lifetime). */
export const APPLICANT_SESSION_MAX: Limit = { amount: 2, unit: 'hours' };

const NAMES: Record<Unit, { one: string; many: string; oneWord: string }> = {
  minutes: { one: 'minutt', many: 'minutter', oneWord: 'ett' },
  hours: { one: 'time', many: 'timer', oneWord: 'én' },
  days: { one: 'dag', many: 'dager', oneWord: 'én' },
};

/** Two to twelve in words, as Norwegian writes small numbers in running text. */
const WORDS = ['to', 'tre', 'fire', 'fem', 'seks', 'sju', 'åtte', 'ni', 'ti', 'elleve', 'tolv'];

/**
 * A limit in Norwegian: "15 minutter", "24 timer", "21 dager"; with `words`, a number up to
 * twelve in letters ("sju dager", "to timer", "ett minutt").
 */
export function duration(limit: Limit, { words = false } = {}): string {
  const name = NAMES[limit.unit];
  const unit = limit.amount === 1 ? name.one : name.many;
  const number =
    !words || limit.amount > 12
      ? String(limit.amount)
      : limit.amount === 1
        ? name.oneWord
        : (WORDS[limit.amount - 2] ?? String(limit.amount));
  return `${number} ${unit}`;
}

/** A limit in seconds, to compare with the database's interval. */
export function seconds(limit: Limit): number {
  return limit.amount * { minutes: 60, hours: 3600, days: 86_400 }[limit.unit];
}
