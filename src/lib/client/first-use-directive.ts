/**
 * `client:firstuse`: an Astro client directive that hydrates an island the first time the visitor
 * uses it (focus, or input such as autofill, inside it), or at once when it has something to show
 * straight away. Registered in astro.config.mjs.
 *
 * Why: hydrating the whole application form is one long task (about 200 ms under Lighthouse's
 * mobile CPU slowdown) that blocks the page while it loads, for every visitor, also those who
 * only read. Until it is used, the server-rendered form needs no script: it posts to the server,
 * which validates it the same way. Answers typed while the script loads are kept (see
 * src/components/forms/early-answers.ts).
 */
import type { ClientDirective } from 'astro';

/** The value of `client:firstuse={…}`. */
export interface FirstUseOptions {
  /** sessionStorage key of the form's draft: when there is one, hydrate at once to restore it. */
  draftKey: string;
  /** Hydrate at once: the page shows the server's answer to a form post. */
  now: boolean;
}

// Not pointerdown: on a phone that fires when a finger scrolls past the form. A tap or click on a
// field focuses it; a click on the button posts the plain form if the island is not awake yet.
const USE_EVENTS = ['focusin', 'input', 'change'];

const firstUse: ClientDirective = (load, options, el) => {
  // Astro types the value as a string, but passes whatever the page gave, parsed from JSON.
  const { draftKey, now } = options.value as unknown as FirstUseOptions;
  const start = (): void => {
    for (const type of USE_EVENTS) el.removeEventListener(type, start, true);
    // If the script cannot load (offline), the form goes on working without it.
    load()
      .then((hydrate) => hydrate())
      .catch(() => {});
  };
  let draft: string | null = null;
  try {
    draft = sessionStorage.getItem(draftKey);
  } catch {
    // No storage (private mode, blocked): there is no draft either.
  }
  if (now || draft) start();
  else for (const type of USE_EVENTS) el.addEventListener(type, start, true);
};

export default firstUse;
