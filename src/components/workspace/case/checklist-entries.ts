/**
 * The case's checklist as the page shows it: one entry per item the case needs, as the database
 * gives them (public.case_checklist reads the items and their texts from public.checklist_items),
 * with the placeholders of the texts filled in: the partner's name, the date, who and when, a
 * certificate's last valid day. Nothing about any one item is written here.
 */
import type { ChecklistItem } from '../../../lib/coordinator/forms.ts';
import { ADMINISTRATOR, coordinatorName } from '../../../lib/coordinator/history.ts';
import { formatDate, formatDateTime } from '../../../lib/coordinator/workspace.ts';
import type { ChecklistRow } from '../../../lib/server/screening/case.ts';

export interface ChecklistEntry {
  item: ChecklistItem;
  /**
   * A date is typed (dd.mm.åååå; empty clears it); a toggle is one button that flips it; a derived
   * item (the references, counted from the referees' answers) is shown, never set by hand.
   */
  input: 'date' | 'toggle' | 'derived';
  /** The date field's label; for a toggle, the button's text (what pressing it records). */
  label: string;
  hint?: string;
  /** The stored value: an ISO date or '' for a date; 'ja' or '' for a toggle. */
  value: string;
  /** What has been done, by whom and when, or that it has not. */
  done: string;
}

/** `text` with each `{name}` replaced by its value. */
function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (placeholder, name: string) => values[name] ?? placeholder);
}

/** The checklist entries of the case, in the order the database gives them. */
export function checklistEntries(
  rows: ChecklistRow[],
  partner: string | null,
  names: Map<string, string>,
): ChecklistEntry[] {
  return rows.map((row) => {
    const values = {
      partner: partner ?? '',
      on: formatDate(row.value),
      // A change with no coordinator behind it was made as the database owner.
      by: row.recorded_by ? coordinatorName(names, row.recorded_by) : ADMINISTRATOR,
      at: row.recorded_at ? formatDateTime(row.recorded_at) : '',
      valid_until: formatDate(row.valid_until),
    };
    const toggle = row.input === 'toggle';
    const derived = row.input === 'derived';
    return {
      item: row.item,
      input: toggle ? 'toggle' : derived ? 'derived' : 'date',
      label: fill(row.done && row.undo_label ? row.undo_label : row.label, values),
      ...(row.hint ? { hint: row.hint } : {}),
      value: toggle ? (row.done ? 'ja' : '') : (row.value ?? ''),
      done: row.done ? fill(row.done_text, values) : row.not_done_text,
    };
  });
}
