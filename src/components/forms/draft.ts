/**
 * The applicant's draft in sessionStorage: the answers and submission id the island keeps so that
 * nothing typed is lost on a reload or a failed send. Storage may be missing or full (private
 * mode, blocked): then there is no draft, and the form works without one.
 */
import type { RawAnswers } from '../../lib/forms/definition.ts';

export interface Draft {
  values?: RawAnswers;
  submissionId?: string;
}

/** The draft saved under `key`, or undefined when there is none or it cannot be read. */
export function readDraft(key: string): Draft | undefined {
  try {
    const saved = sessionStorage.getItem(key);
    return saved ? (JSON.parse(saved) as Draft) : undefined;
  } catch {
    return undefined; // no storage, or a broken draft: start empty
  }
}

/** Saves the draft under `key`; without storage the form simply keeps no draft. */
export function saveDraft(key: string, draft: Draft): void {
  try {
    sessionStorage.setItem(key, JSON.stringify(draft));
  } catch {
    // Storage full or unavailable: the form still works.
  }
}

/** Removes the draft under `key` (after a sent application). */
export function clearDraft(key: string): void {
  try {
    sessionStorage.removeItem(key);
  } catch {
    // nothing to clear
  }
}
