-- One audit-log row for a change to a co-applicant's part or a referee (public.co_applicant_parts,
-- public.referees), written by the functions that make the change: who (the coordinator, or the
-- site's role for an answer through a link), the row, and only the screening values given in
-- `changes` ({"status": {"old": "asked", "new": "answered"}}), never an answer, a note or contact
-- details. The history shows them as "Medsøker bekreftet", "Referanse mottatt" and so on.
create function private.log_link_change(
  table_name text, application_id uuid, row_key uuid, changes jsonb
)
returns void
language sql
security definer
set search_path = ''
as $$
  insert into public.audit_log (actor_id, actor_role, table_name, action, application_id, row_key, changes)
  values ((select auth.uid()), coalesce(nullif((select auth.role()), ''), current_user), table_name,
    'update', application_id, row_key::text, changes)
$$;

revoke all on function private.log_link_change(text, uuid, uuid, jsonb) from public, anon, authenticated, service_role;
