-- What every other file in supabase/schemas/ stands on: the `private` schema, and the rights new
-- objects in `public` get by default.
--
-- The files run in the order `[db.migrations] schema_paths` in supabase/config.toml lists: this
-- file, then the folders 1_table_helpers/, 2_tables/, 3_functions/, 4_views/ and 5_view_functions/,
-- each in name order. A file may use only what an earlier file creates (see README.md here).

-- Helpers for policies and triggers live in `private`, a schema PostgREST does not expose, so no
-- client can call them as RPC. Signed-in users need USAGE only because policies run with the
-- caller's privileges.
create schema private;
revoke all on schema private from public;
grant usage on schema private to authenticated;
comment on schema private is
  'Hjelpefunksjoner for skjermingen (tilgangsregler, triggere, sletting). Ikke eksponert i API-et.';

-- Least privilege for the server's keys. Supabase gives the API roles every right on new tables,
-- functions and sequences in public (supabase/local/bootstrap.sql does the same locally). The
-- service-role key's role gets no table, view or sequence here: the site uses it on its server,
-- and it may execute only the functions granted to it by name (the submission, the receipt and the
-- outbox). The sequences behind identity columns are usable by no API role
-- (identity columns need no sequence right, and `setval` through them would break every audited
-- write). Anon and authenticated still get every right on a new table by default, so each table's
-- file revokes them and grants back only what its policies are for.
alter default privileges in schema public revoke all on tables from service_role;
alter default privileges in schema public revoke all on sequences from anon, authenticated, service_role;
