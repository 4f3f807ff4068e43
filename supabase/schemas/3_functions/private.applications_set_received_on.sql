-- Sets applications.received_on, the receipt date in Europe/Oslo, from received_at on every insert
-- and update, whoever writes (a value given by the caller is replaced).
create function private.applications_set_received_on()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.received_on := (new.received_at at time zone 'Europe/Oslo')::date;
  return new;
end;
$$;

create trigger applications_set_received_on
  before insert or update on public.applications
  for each row execute function private.applications_set_received_on();
-- ALWAYS: bulk loads with session_replication_role = replica (as the benchmark and the tests seed
-- 100,000 rows, or backdate received_at) must fill it too; the check would refuse them otherwise.
alter table public.applications enable always trigger applications_set_received_on;

revoke all on function private.applications_set_received_on() from public, anon, authenticated;
