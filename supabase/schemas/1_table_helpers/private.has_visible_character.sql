-- Whether text shows anything: one character that is neither whitespace (as JavaScript's trim
-- knows it) nor a Unicode format character (category Cf: zero-width space and joiners, word joiner,
-- BOM, soft hyphen, bidi controls and the rest), listed here as Unicode 17 has them, because
-- Postgres' regular expressions know no Unicode categories. The same rule as hasVisibleCharacter in
-- src/lib/text.ts; tests/db/visible-text.test.ts compares the two over every code point.
create function private.has_visible_character(value text)
returns boolean
language sql
immutable
set search_path = ''
as $$
  select coalesce(value ~ '[^\u0009-\u000d\u0020\u00a0\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u2064\u2066-\u206f\u3000\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]', false)
$$;

-- private.is_form_text (the applications' answers) and the triggers that check notes and the
-- coordinators' names call it; a check constraint or trigger runs with the writer's privileges, so
-- coordinators must be able to execute it. It reveals nothing.
revoke all on function private.has_visible_character(text) from public, anon, service_role;
grant execute on function private.has_visible_character(text) to authenticated;
