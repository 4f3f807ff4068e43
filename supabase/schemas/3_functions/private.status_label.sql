-- Norwegian names of the statuses, for messages and buttons coordinators read.
create function private.status_label(status text)
returns text
language sql
immutable
set search_path = ''
as $$
  select case status
    when 'received' then 'mottatt'
    when 'in_review' then 'under behandling'
    when 'conversation_scheduled' then 'samtale avtalt'
    when 'home_visit' then 'hjemmebesøk'
    when 'approved' then 'godkjent'
    when 'declined' then 'avslått'
    when 'withdrawn' then 'trukket'
    else status
  end
$$;

revoke all on function private.status_label(text) from public, anon, authenticated;
