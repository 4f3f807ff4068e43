/**
 * Reading a link page's posted form: the raw object its strict schema checks (its own fields as
 * text, and any unknown field as it came, so the schema refuses it), and the answers to show
 * again (its own fields only, never the token).
 */

/** The raw answers of a posted form with the given field names (token included). */
export function postedFields(data: FormData, names: readonly string[]): Record<string, string> {
  const raw: Record<string, string> = {};
  for (const name of names) raw[name] = String(data.get(name) ?? '');
  for (const key of new Set(data.keys())) {
    // defineProperty, so that even `__proto__` becomes an own (unknown) key the schema refuses.
    if (!names.includes(key))
      Object.defineProperty(raw, key, {
        value: String(data.get(key)),
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  return raw;
}

/** The answers to show again: the form's own fields, without the token. */
export function shownValues(
  raw: Record<string, string>,
  names: readonly string[],
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of names)
    if (name !== 'token' && raw[name] !== undefined) values[name] = raw[name];
  return values;
}
