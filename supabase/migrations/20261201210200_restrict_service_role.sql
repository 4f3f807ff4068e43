-- Least privilege for the server's keys. The public anon key loses the submission path: anyone
-- holds it, so anything it may call is an open mailer. The site submits on its server with the
-- service-role key instead, and that key's role may execute the submission and outbox functions
-- and nothing else: no table, no view, no sequence (it used to keep Supabase's default "all" on
-- every table with personal data). The sequences behind identity columns are usable by no API
-- role (identity columns need no sequence right; `setval` through them broke every audited write).
--
-- Who may do what after this: anon nothing at all; service_role submit_application,
-- application_receipt and the three outbox functions; authenticated (coordinators) unchanged.

revoke all on all tables in schema public from service_role;
revoke all on all sequences in schema public from anon, authenticated, service_role;
-- Tables and sequences made by later migrations start without these rights too.
alter default privileges in schema public revoke all on tables from service_role;
alter default privileges in schema public revoke all on sequences from anon, authenticated, service_role;

revoke all on function public.submit_application(jsonb), public.application_receipt(uuid)
  from public, anon, authenticated, service_role;
grant execute on function public.submit_application(jsonb), public.application_receipt(uuid)
  to service_role;
