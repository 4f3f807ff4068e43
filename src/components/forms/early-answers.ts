/**
 * The answers the island starts from: every question empty, and those typed or autofilled into
 * the server-rendered form before the island woke up (a slow connection, a fast hand). The latter
 * are in the page but not in the island's state, and hydrating would overwrite them with the
 * server's values, so the island reads them first.
 */
import type { Field, RawAnswers, Section } from '../../lib/forms/definition.ts';

/** Every question of the form unanswered: '' for one answer, [] for a checkbox group. */
export function emptyAnswers(sections: Section[]): RawAnswers {
  const answers: RawAnswers = {};
  for (const section of sections)
    for (const field of section.fields) answers[field.name] = field.type === 'checkboxes' ? [] : '';
  return answers;
}

/**
 * The answers in `form` that differ from what the server rendered, by field name; {} on the
 * server or without the form. A checkbox group is read as the list of its ticked values.
 */
export function earlyAnswers(form: HTMLFormElement | null, fields: Field[]): RawAnswers {
  if (!form) return {};
  const data = new FormData(form);
  const answers: RawAnswers = {};
  for (const field of fields) {
    const controls = form.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(
      `[name="${field.name}"]`,
    );
    const touched = [...controls].some((control) =>
      control.type === 'radio' || control.type === 'checkbox'
        ? (control as HTMLInputElement).checked !== (control as HTMLInputElement).defaultChecked
        : control.value !== control.defaultValue,
    );
    if (touched)
      answers[field.name] =
        field.type === 'checkboxes'
          ? data.getAll(field.name).map(String)
          : String(data.get(field.name) ?? '');
  }
  return answers;
}
