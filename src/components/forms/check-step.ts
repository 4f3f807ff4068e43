/**
 * Mounts the check-answers step next to the form, loaded on demand with it. Mounting it here
 * rather than rendering it as a dynamic component in the form island keeps Svelte's
 * dynamic-component code out of the page's first load.
 */
import { mount, unmount, type ComponentProps } from 'svelte';
import CheckAnswers from './CheckAnswers.svelte';

/** Shows the step at the end of `target`; returns what removes it again. */
export function showCheckStep(
  target: HTMLElement,
  props: ComponentProps<typeof CheckAnswers>,
): () => void {
  const step = mount(CheckAnswers, { target, props });
  return () => void unmount(step);
}
