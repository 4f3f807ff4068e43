/**
 * The co-applicant's own part and the referees as the case page and the archive copy show them:
 * each one's state in words with when, what the co-applicant gave, and each referee's answers
 * under the questions' own texts. Pure; the page and the PDF both read it, so they say the same.
 */
import { CALL_TIMES } from '../../../lib/forms/common.ts';
import { formatNorwegianDate } from '../../../lib/dates.ts';
import { formatDateTime } from '../../../lib/coordinator/workspace.ts';

/** The co-applicant's part as public.co_applicant_parts holds it. */
export interface CoApplicantPart {
  status: string;
  requested_at: string | null;
  expires_at: string | null;
  answered_at: string | null;
  over_18: boolean | null;
  phone: string | null;
  call_time: string | null;
  certificate_status: string | null;
  certificate_issued_on: string | null;
  privacy_version: string | null;
}

/** One referee as public.referees holds them. */
export interface RefereeRow {
  id: string;
  position: number;
  full_name: string;
  relation: string;
  phone: string;
  email: string;
  status: string;
  requested_at: string | null;
  reminded_at: string | null;
  expires_at: string | null;
  answered_at: string | null;
  answers: unknown;
  phone_note: string | null;
  recorded_by: string | null;
}

/** A reference question: its id (the key of a stored answer) and the text the referee read. */
export interface Question {
  id: string;
  label: string;
}

export interface Labelled {
  label: string;
  value: string;
}

export interface CoApplicantEntry {
  status: string;
  /** Pending, confirmed or declined, in words, with when. */
  state: string;
  /** What they gave (only once confirmed). */
  details: Labelled[];
  /** "Send lenken på nytt" is offered (pending). */
  canResend: boolean;
}

export interface RefereeEntry {
  id: string;
  name: string;
  heading: string;
  details: Labelled[];
  status: string;
  state: string;
  /** The answers under the questions' texts (answered), or the coordinator's note (by phone). */
  answers: Labelled[];
  canResend: boolean;
  canRecordByPhone: boolean;
}

const when = (iso: string | null) => (iso ? formatDateTime(iso) : 'ukjent tidspunkt');
const expired = (iso: string | null, now: Date) => iso !== null && new Date(iso) <= now;

const CERTIFICATE: Record<string, string> = {
  har: 'Har politiattest',
  bestiller: 'Bestiller politiattest',
};

/** The co-applicant's part in words; `name` is the partner's name from the application. */
export function coApplicantEntry(
  part: CoApplicantPart,
  name: string,
  now = new Date(),
): CoApplicantEntry {
  const details: Labelled[] = [];
  let state: string;
  if (part.status === 'confirmed') {
    state = `${name} bekreftet ${when(part.answered_at)} at de søker sammen med søkeren.`;
    const callTime = CALL_TIMES.find((option) => option.value === part.call_time)?.label;
    const certificate = CERTIFICATE[part.certificate_status ?? ''] ?? 'Ikke oppgitt';
    details.push(
      { label: '18 år eller eldre', value: part.over_18 ? 'Ja' : 'Nei' },
      { label: 'Telefonnummer', value: part.phone ?? 'Ikke oppgitt' },
      { label: 'Når vi kan ringe', value: callTime ?? part.call_time ?? 'Ikke oppgitt' },
      {
        label: 'Politiattest',
        value: part.certificate_issued_on
          ? `${certificate}, utstedt ${formatNorwegianDate(part.certificate_issued_on)}`
          : certificate,
      },
      { label: 'Personvernerklæringen', value: `Har lest versjon ${part.privacy_version ?? '?'}` },
      { label: 'Svarte', value: when(part.answered_at) },
    );
  } else if (part.status === 'declined') {
    state = `${name} svarte ${when(part.answered_at)} at de ikke søker sammen med søkeren. Saken kan ikke godkjennes slik den er: snakk med søkeren om hva som skjer videre.`;
  } else if (!part.requested_at) {
    state = `Venter på svar fra ${name}. E-posten med lenken er ikke sendt ennå.`;
  } else if (expired(part.expires_at, now)) {
    state = `${name} har ikke svart. Lenken ble sendt ${when(part.requested_at)} og gikk ut ${when(part.expires_at)}. Send lenken på nytt.`;
  } else {
    state = `Venter på svar fra ${name}. Lenken ble sendt ${when(part.requested_at)} og gjelder til ${when(part.expires_at)}.`;
  }
  return { status: part.status, state, details, canResend: part.status === 'pending' };
}

/** A stored answer object as question → text, in the order of `questions`, unknown ids last. */
function answersInWords(answers: unknown, questions: Question[]): Labelled[] {
  if (!answers || typeof answers !== 'object' || Array.isArray(answers)) return [];
  const given = Object.entries(answers as Record<string, unknown>).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1].trim() !== '',
  );
  const order = (id: string) => {
    const index = questions.findIndex((q) => q.id === id);
    return index < 0 ? questions.length : index;
  };
  return given
    .sort(([a], [b]) => order(a) - order(b))
    .map(([id, value]) => ({
      // A question the municipality has since removed keeps its answer, under its id.
      label: questions.find((q) => q.id === id)?.label ?? `Spørsmål «${id}»`,
      value,
    }));
}

/**
 * Each referee in words, in the order the applicant gave them; `applicant` fills in the questions'
 * `{navn}` as the referee read them.
 */
export function refereeEntries(
  referees: RefereeRow[],
  definition: Question[],
  applicant: string,
  nameOf: (id: string | null) => string,
  now = new Date(),
): RefereeEntry[] {
  const questions = definition.map((q) => ({
    ...q,
    label: q.label.replaceAll('{navn}', applicant),
  }));
  return [...referees]
    .sort((a, b) => a.position - b.position)
    .map((referee) => {
      let state: string;
      let answers: Labelled[] = [];
      const linkExpired = expired(referee.expires_at, now);
      switch (referee.status) {
        case 'answered':
          state = `Svarte ${when(referee.answered_at)}.`;
          answers = answersInWords(referee.answers, questions);
          break;
        case 'declined':
          state = `Ønsket ikke å gi referanse (svarte ${when(referee.answered_at)}).`;
          break;
        case 'by_phone':
          state = `Tatt på telefon av ${nameOf(referee.recorded_by) || 'en koordinator'}, ${when(referee.answered_at)}.`;
          answers = [{ label: 'Notat fra samtalen', value: referee.phone_note ?? '' }];
          break;
        case 'asked': {
          const reminded = referee.reminded_at
            ? ` Påminnelse sendt ${when(referee.reminded_at)}.`
            : '';
          state = linkExpired
            ? `Spurt ${when(referee.requested_at)}, men svarte ikke. Lenken gikk ut ${when(referee.expires_at)}.${reminded}`
            : `Spurt ${when(referee.requested_at)}, venter på svar. Lenken gjelder til ${when(referee.expires_at)}.${reminded}`;
          break;
        }
        default:
          state = 'Ikke spurt ennå.';
      }
      return {
        id: referee.id,
        name: referee.full_name,
        heading: `Referanse ${referee.position}: ${referee.full_name}`,
        details: [
          { label: 'Hvordan de kjenner søkeren', value: referee.relation },
          { label: 'Telefonnummer', value: referee.phone },
          { label: 'E-post', value: referee.email },
        ],
        status: referee.status,
        state,
        answers,
        canResend: referee.status === 'asked',
        // A referee who would not answer online may still give a reference on the phone.
        canRecordByPhone: ['not_asked', 'asked', 'declined'].includes(referee.status),
      };
    });
}

/** "Send forespørsel til referansene" is offered while one is not asked or their link expired. */
export function canRequestReferences(referees: RefereeRow[], now = new Date()): boolean {
  return referees.some(
    (r) => r.status === 'not_asked' || (r.status === 'asked' && expired(r.expires_at, now)),
  );
}
