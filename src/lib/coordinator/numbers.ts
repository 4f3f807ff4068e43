/**
 * The lead's numbers (/koordinator/tall/ and its CSV): the period-and-role form's one zod schema
 * (the same rules as private.check_figures_period), the columns in Norwegian, and how a figure is
 * written ("under 5" where the database sent null for a count of 1–4). Pure and free of server
 * imports.
 */
import { z } from 'zod';

export const KINDS = ['besokshjem', 'tilsynsperson'] as const;
export type FigureKind = (typeof KINDS)[number];

export const ROLE_CHOICES = [
  { value: '', label: 'Begge roller' },
  { value: 'besokshjem', label: 'Besøkshjem' },
  { value: 'tilsynsperson', label: 'Tilsynsperson' },
] as const;

/** "03.2026" (or "3.2026", or "2026-03" as a month field sends it) → "2026-03-01". */
export function parseMonth(input: string): string | undefined {
  const value = input.trim();
  const match = /^(\d{1,2})\.(\d{4})$/.exec(value) ?? /^(\d{4})-(\d{2})$/.exec(value);
  if (!match) return undefined;
  const [year, month] = value.includes('-')
    ? [Number(match[1]), Number(match[2])]
    : [Number(match[2]), Number(match[1])];
  if (month < 1 || month > 12 || year < 1900 || year > 2999) return undefined;
  return `${year}-${String(month).padStart(2, '0')}-01`;
}

/** "2026-03-01" → "03.2026", as the form shows a month. */
export const formatMonthField = (iso: string) => `${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

const MONTH_NAMES = [
  'januar', 'februar', 'mars', 'april', 'mai', 'juni',
  'juli', 'august', 'september', 'oktober', 'november', 'desember',
]; // prettier-ignore

/** "2026-03-01" → "mars 2026". */
export const monthName = (iso: string) =>
  `${MONTH_NAMES[Number(iso.slice(5, 7)) - 1] ?? ''} ${iso.slice(0, 4)}`;

/** "2026-03-01" → "mar. 26", for a chart's axis. */
export const shortMonth = (iso: string) =>
  `${(MONTH_NAMES[Number(iso.slice(5, 7)) - 1] ?? '').slice(0, 3)}. ${iso.slice(2, 4)}`;

/** `iso` (a first of the month) moved by `months`. */
export function shiftMonth(iso: string, months: number): string {
  const index = Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1 + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

const month = (which: string) =>
  z
    .string()
    .trim()
    .transform((value, ctx) => {
      const iso = parseMonth(value);
      if (iso) return iso;
      ctx.addIssue({
        code: 'custom',
        message: `Skriv ${which} måned som mm.åååå, for eksempel 03.2026.`,
      });
      return z.NEVER;
    });

export const NumbersQuerySchema = z
  .object({
    fra: month('første'),
    til: month('siste'),
    rolle: z.enum(['', ...KINDS], { message: 'Velg en av rollene.' }),
  })
  .refine((form) => form.fra <= form.til, {
    path: ['til'],
    message: 'Siste måned kan ikke være før første måned.',
  })
  .refine((form) => form.til < shiftMonth(form.fra, 120), {
    path: ['til'],
    message: 'Velg en periode på høyst ti år.',
  });

export type NumbersQuery = z.output<typeof NumbersQuerySchema>;

/**
 * The form's fields from a URL's query, as typed; without them, the last twelve months up to
 * `thisMonth` (a first of the month) and both roles.
 */
export function numbersQuery(
  url: URL,
  thisMonth: string,
): { fra: string; til: string; rolle: string } {
  const get = (name: string, fallback: string) => url.searchParams.get(name) ?? fallback;
  return {
    fra: get('fra', formatMonthField(shiftMonth(thisMonth, -11))),
    til: get('til', formatMonthField(thisMonth)),
    rolle: get('rolle', ''),
  };
}

/** One month's (or the period's) figures as public.lead_figures_by_month returns them. */
export interface MonthFigures {
  month: string | null;
  received: number | null;
  contacted: number | null;
  contacted_in_time: number | null;
  contacted_in_time_percent: number | null;
  conversations: number | null;
  approved: number | null;
  declined: number | null;
  withdrawn_by_applicant: number | null;
  withdrawn_by_service: number | null;
  median_days_to_contact: number | null;
  median_days_to_decision: number | null;
}

export interface SourceFigures {
  source: string;
  received: number | null;
  approved: number | null;
}

export const UNDER_5 = 'under 5';

/** A count as shown: null (1–4, suppressed by the database) is "under 5". */
export const count = (n: number | null) => (n === null ? UNDER_5 : String(n));

/** A share or median as shown: null means it rests on under 5 cases, or on none. */
export const share = (n: number | null) => (n === null ? '–' : `${n} %`);
export const median = (n: number | null) => (n === null ? '–' : String(n).replace('.', ','));

/** The table's and the CSV's columns, in order. */
export const MONTH_COLUMNS: {
  key: keyof MonthFigures;
  label: string;
  show: (n: number | null) => string;
}[] = [
  { key: 'received', label: 'Mottatt', show: count },
  { key: 'contacted_in_time', label: 'Kontaktet innen fristen', show: count },
  { key: 'contacted_in_time_percent', label: 'Andel kontaktet innen fristen', show: share },
  { key: 'conversations', label: 'Samtaler holdt', show: count },
  { key: 'approved', label: 'Godkjent', show: count },
  { key: 'declined', label: 'Avslått', show: count },
  { key: 'withdrawn_by_applicant', label: 'Trukket av søkeren selv', show: count },
  { key: 'withdrawn_by_service', label: 'Trukket, registrert av tjenesten', show: count },
  { key: 'median_days_to_contact', label: 'Median dager til første kontakt', show: median },
  { key: 'median_days_to_decision', label: 'Median dager til vedtak', show: median },
];

export const SOURCE_LABELS: Record<string, string> = {
  nettside: 'Nettsiden',
  'sosiale-medier': 'Sosiale medier',
  bekjent: 'En bekjent',
  annonse: 'Annonse',
  informasjonsmote: 'Informasjonsmøte',
  annet: 'Annet',
  'ikke-oppgitt': 'Ikke oppgitt',
};

const csvCell = (value: string) =>
  /[";\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;

/**
 * The figures as CSV for a spreadsheet (semicolons, as Norwegian Excel expects; a byte-order mark
 * so it reads UTF-8): the months with the period's total, then the sources. Suppressed counts are
 * "under 5" here too.
 */
export function numbersCsv(
  months: MonthFigures[],
  sources: SourceFigures[],
  roleLabel: string,
): string {
  const rows: string[][] = [
    [
      'Måned',
      'Rolle',
      ...MONTH_COLUMNS.map((c) => (c.show === share ? `${c.label} (%)` : c.label)),
    ],
    ...months.map((m) => [
      m.month ? m.month.slice(0, 7) : 'Hele perioden',
      roleLabel,
      ...MONTH_COLUMNS.map((c) => c.show(m[c.key] as number | null).replace(' %', '')),
    ]),
    [],
    ['Hørte om oss gjennom', 'Rolle', 'Mottatt', 'Godkjent'],
    ...sources.map((s) => [
      SOURCE_LABELS[s.source] ?? s.source,
      roleLabel,
      count(s.received),
      count(s.approved),
    ]),
  ];
  return `\ufeff${rows.map((r) => r.map(csvCell).join(';')).join('\r\n')}\r\n`;
}

/** What a coordinator who is not a lead is told, on the page and by the CSV. */
export const NUMBERS_FOR_LEADS = 'Bare ledere kan se tallene for rekrutteringen.';
