-- Records that a claimed message was sent. Only a message still claimed ('sending') changes.
--
-- Who may do what: only service_role (the sender in server code).
create function public.complete_outbox_message(message_id uuid, provider_id text)
returns boolean
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.outbox_messages as m
    set status = 'sent', sent_at = pg_catalog.now(), locked_until = null, last_error = null,
        provider_id = pg_catalog.left(complete_outbox_message.provider_id, 200)
    where m.id = message_id and m.status = 'sending';
  return found;
end;
$$;

revoke all on function public.complete_outbox_message(uuid, text) from public, anon, authenticated;
grant execute on function public.complete_outbox_message(uuid, text) to service_role;

comment on function public.complete_outbox_message(uuid, text) is
  'For avsenderen (service_role): markerer en reservert melding som sendt.';
