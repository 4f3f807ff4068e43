-- New applications always start as received, whoever inserts them, with the status changed at
-- their receipt and by nobody.
create function private.applications_before_insert()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.status is distinct from 'received' then
    raise exception 'En ny søknad får alltid status received (mottatt), ikke %.', new.status
      using errcode = '23514';
  end if;
  new.status_changed_at := new.received_at;
  new.status_changed_by := null;
  return new;
end;
$$;

create trigger applications_start_received
  before insert on public.applications
  for each row execute function private.applications_before_insert();

revoke all on function private.applications_before_insert() from public, anon, authenticated;
