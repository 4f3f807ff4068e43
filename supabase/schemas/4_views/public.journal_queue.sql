-- The ended cases (approved, declined, withdrawn) not yet journalført, oldest decision first: the
-- archive work waiting, since the retention job deletes nothing that is not journalført
-- (private.delete_ended_applications). The queue page shows it as "Avsluttet, ikke journalført".
--
-- Who may do what: active coordinators read it (security_invoker, so the policies of applications
-- apply to whoever queries it); anon and other signed-in users get nothing.
create view public.journal_queue
with (security_invoker = true)
as
select
  a.id,
  a.reference,
  a.kind,
  a.status,
  a.full_name,
  a.assigned_to,
  a.received_at,
  a.status_changed_at as ended_at,
  a.erasure_requested_at
from public.applications as a
where a.status in ('approved', 'declined', 'withdrawn') and a.journal_reference is null
order by a.status_changed_at, a.received_at;

revoke all on table public.journal_queue from anon, authenticated, public;
grant select on table public.journal_queue to authenticated;

comment on view public.journal_queue is
  'Avsluttede saker (godkjent, avslått, trukket) som ikke er journalført ennå, eldste avgjørelse først. De slettes ikke fra portalen før de er journalført. Bare aktive koordinatorer kan lese.';
comment on column public.journal_queue.reference is 'Søknadens referanse, for eksempel BH-7K3M-Q9XD.';
comment on column public.journal_queue.kind is 'besokshjem eller tilsynsperson.';
comment on column public.journal_queue.status is 'Saksstatus: approved, declined eller withdrawn.';
comment on column public.journal_queue.full_name is 'Søkerens navn.';
comment on column public.journal_queue.assigned_to is 'Koordinatoren som har saken.';
comment on column public.journal_queue.received_at is 'Når søknaden kom inn.';
comment on column public.journal_queue.ended_at is 'Når saken ble avsluttet (godkjent, avslått eller trukket).';
comment on column public.journal_queue.erasure_requested_at is
  'Når søkeren ba om sletting på Min søknad (tom: ikke bedt om). Lederen avgjør.';
