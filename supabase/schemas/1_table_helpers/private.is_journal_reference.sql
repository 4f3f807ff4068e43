-- The form of a journal reference: the municipality's case or journalpost number as Norwegian
-- sak/arkiv systems (Noark 5) print it: the year (2 or 4 digits), a slash, the case's sequence
-- number (leading zeros allowed, as some systems pad it), and optionally a hyphen and the document
-- number: 2026/1234-1, 26/01234-1, 2026/1234. The one definition in SQL; the workspace's zod schema
-- (JOURNAL_REFERENCE_PATTERN in src/lib/coordinator/forms.ts) holds the same pattern, and
-- tests/db/journal.test.ts holds the two to each other.
create function private.is_journal_reference(value text)
returns boolean
language sql
immutable
set search_path = ''
as $$
  select coalesce(value ~ '^(?:[0-9]{2}|(?:19|20)[0-9]{2})/[0-9]{1,7}(?:-[0-9]{1,4})?$', false)
$$;

-- The applications table's constraint checks the column with it. A check constraint runs with the
-- writer's privileges: coordinators, who record the reference, must be able to execute it. It
-- reveals nothing.
revoke all on function private.is_journal_reference(text) from public, anon, service_role;
grant execute on function private.is_journal_reference(text) to authenticated;
