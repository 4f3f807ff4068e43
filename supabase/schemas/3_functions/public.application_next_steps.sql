-- The next steps of a case, for the workspace's status buttons: the statuses the workflow allows
-- from the case's current status (private.next_statuses), in Norwegian, and for approval what the
-- approval guard says is still missing today (empty when nothing is; null for the other steps). The
-- workspace shows exactly this list, so the workflow and the guard stay the one source of truth (no
-- copy of them in TypeScript): the function runs private.check_approval on the case as it stands
-- and returns its list.
--
-- Who may do what: only active coordinators may call it (anyone else gets 42501, as the tables'
-- policies answer); anon gets nothing. It reads and changes nothing else.
create function public.application_next_steps(application_reference text)
returns table (status text, label text, approval_missing text[])
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  application public.applications;
  next_status text;
begin
  -- SECURITY DEFINER (to run the guard, which API roles may not call directly), so access is
  -- checked here, with the same helper and answer as the policies.
  perform private.require_active_coordinator();
  select * into application from public.applications as a where a.reference = application_reference;
  if not found then
    return;
  end if;
  foreach next_status in array private.next_statuses(application.kind, application.status) loop
    status := next_status;
    label := private.status_label(next_status);
    approval_missing := case when next_status = 'approved' then private.check_approval(application) end;
    return next;
  end loop;
end;
$$;

revoke all on function public.application_next_steps(text) from public, anon, authenticated;
grant execute on function public.application_next_steps(text) to authenticated;

comment on function public.application_next_steps(text) is
  'Neste tillatte statuser for søknaden med denne referansen (fra arbeidsflyten), med norsk navn, og for godkjenning hva godkjenningskontrollen sier mangler i dag (tom liste når ingenting mangler). Bare for aktive koordinatorer.';
