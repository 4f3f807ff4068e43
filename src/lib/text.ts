/**
 * What free text must hold to be stored and seen, for every form that takes it (the applications,
 * notes, the team's names): no NUL, which Postgres text cannot hold (an answer with one would fail
 * in the database and show in its log), and at least one visible character. Free of imports, so
 * the island and the workspace's schemas share it. The database holds the same rule in
 * private.has_visible_character (a test compares the two over every code point).
 */

/** U+0000, which no text column can store. */
export const NUL = /\u0000/;

/**
 * Characters nobody sees: whitespace as JavaScript's trim knows it, and Unicode's format
 * characters (category Cf: zero-width space and joiners, word joiner, BOM, soft hyphen, bidi
 * controls and the rest).
 */
const INVISIBLE_ONLY = /^[\s\p{Cf}]*$/u;

/** True when `value` shows something: one character that is neither whitespace nor format. */
export function hasVisibleCharacter(value: string): boolean {
  return !INVISIBLE_ONLY.test(value);
}
