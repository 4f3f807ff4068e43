/**
 * The page title of a form page that shows errors: "Feil i skjemaet: " before the page's own title,
 * so that a screen reader user hears at once that the form was not accepted. The same prefix on
 * the server's page (a post without JavaScript) and in the island.
 */
const PREFIX = 'Feil i skjemaet: ';

/** The page's title with the prefix when `failed`, without it otherwise. */
export function formTitle(title: string, failed: boolean): string {
  const base = title.startsWith(PREFIX) ? title.slice(PREFIX.length) : title;
  return failed ? PREFIX + base : base;
}
