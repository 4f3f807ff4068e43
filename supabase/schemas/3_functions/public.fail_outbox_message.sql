-- Records a failed try of a claimed message: back to 'pending' at `retry_at`, or 'failed' (given
-- up, for a coordinator to see) when `retry_at` is null. `error` must hold no personal data.
--
-- Who may do what: only service_role (the sender in server code).
create function public.fail_outbox_message(message_id uuid, error text, retry_at timestamptz default null)
returns boolean
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.outbox_messages as m
    set status = case when retry_at is null then 'failed' else 'pending' end,
        next_attempt_at = coalesce(retry_at, m.next_attempt_at),
        locked_until = null,
        last_error = pg_catalog.left(coalesce(error, 'ukjent feil'), 200)
    where m.id = message_id and m.status = 'sending';
  return found;
end;
$$;

revoke all on function public.fail_outbox_message(uuid, text, timestamptz)
  from public, anon, authenticated;
grant execute on function public.fail_outbox_message(uuid, text, timestamptz) to service_role;

comment on function public.fail_outbox_message(uuid, text, timestamptz) is
  'For avsenderen (service_role): registrerer et mislykket forsøk, med nytt forsøk ved retry_at eller status failed når retry_at er tom.';
