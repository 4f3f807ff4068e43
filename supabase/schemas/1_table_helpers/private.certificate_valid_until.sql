-- The police certificate's three-month rule, the one place SQL states it: a certificate issued on
-- `issued` is valid through `issued` + 3 calendar months, clamped to the month's last day as
-- Postgres adds months (22 Aug → 22 Nov, 31 May → 31 Aug, 30 Nov → 28/29 Feb). Every SQL site
-- calls this or private.is_certificate_valid: the applications table's constraint,
-- private.submission_problem, the approval guard, the screening queue and the seed. The forms
-- state the same rule in src/lib/dates.ts (CERTIFICATE_VALID_MONTHS); a test holds the two
-- together for every issue date of 2024–2029 (tests/db/schema-agreement.test.ts).
create function private.certificate_valid_until(issued date)
returns date
language sql
immutable
set search_path = ''
as $$
  select (issued + interval '3 months')::date
$$;

-- A check constraint and the queue view run with the caller's privileges: coordinators (who update
-- applications and read the queue) must be able to execute it. It reveals nothing.
revoke all on function private.certificate_valid_until(date) from public, anon, service_role;
grant execute on function private.certificate_valid_until(date) to authenticated;
