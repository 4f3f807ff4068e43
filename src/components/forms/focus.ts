/**
 * Where keyboard focus goes when the island changes the page: a field's input (from the error
 * summary or a "Endre" link), the error summary after a failed submit, the notice about the
 * submission. The elements are looked up rather than bound with bind:this, whose code would add
 * to the island (there is one form per page).
 */
import type { Field } from '../../lib/forms/definition.ts';

/** The id of the input that stands for a field: a choice group's first option (FormField.svelte). */
export function fieldTarget(field: Field): string {
  return field.type === 'radio' || field.type === 'checkboxes'
    ? `felt-${field.name}-0`
    : `felt-${field.name}`;
}

/** Focuses a field's input and scrolls it to the middle of the view. */
export function focusField(field: Field): void {
  const target = document.getElementById(fieldTarget(field));
  target?.focus();
  target?.scrollIntoView({ block: 'center' });
}

/** Focuses the error summary (ErrorSummary.svelte) and scrolls it to the middle of the view. */
export function focusErrorSummary(): void {
  const summary = document.querySelector<HTMLElement>('.ds-error-summary');
  summary?.focus({ preventScroll: true });
  summary?.scrollIntoView({ block: 'center' });
}

/** Focuses the notice about the submission as a whole, if one is shown. */
export function focusNotice(): void {
  document.querySelector<HTMLElement>('.form-notice')?.focus();
}
