-- How long a personal link (co-applicant, referee) works after the e-mail that carries it was
-- queued: 21 days. A reminder goes to a referee after private.link_reminder_after() (7 days).
create function private.link_lifetime()
returns interval
language sql
immutable
set search_path = ''
as $$
  select interval '21 days'
$$;

revoke all on function private.link_lifetime() from public, anon, authenticated, service_role;
