-- The statuses a case of this kind may move to from `status` (empty for a final status): the
-- screening workflow drawn in 2_tables/20_public.applications.sql. The workflow trigger enforces
-- it, and public.application_next_steps lists it for the workspace.
create function private.next_statuses(kind text, status text)
returns text[]
language sql
immutable
set search_path = ''
as $$
  select case status
    when 'received' then array['in_review', 'withdrawn']
    when 'in_review' then array['conversation_scheduled', 'declined', 'withdrawn']
    when 'conversation_scheduled' then
      case kind
        when 'besokshjem' then array['home_visit', 'declined', 'withdrawn']
        else array['approved', 'declined', 'withdrawn']
      end
    when 'home_visit' then
      case kind when 'besokshjem' then array['approved', 'declined', 'withdrawn'] else array[]::text[] end
    else array[]::text[]
  end
$$;

revoke all on function private.next_statuses(text, text) from public, anon, authenticated;
