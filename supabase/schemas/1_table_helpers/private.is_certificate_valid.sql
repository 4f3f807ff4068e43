-- A certificate issued on `issued` counts on `on_day`: not issued after that day, and that day no
-- later than its last valid day (private.certificate_valid_until).
create function private.is_certificate_valid(issued date, on_day date)
returns boolean
language sql
immutable
set search_path = ''
as $$
  select issued <= on_day and on_day <= private.certificate_valid_until(issued)
$$;

-- Called by a check constraint, which runs with the writer's privileges (see
-- private.certificate_valid_until). It reveals nothing.
revoke all on function private.is_certificate_valid(date, date) from public, anon, service_role;
grant execute on function private.is_certificate_valid(date, date) to authenticated;
