-- The e-mail outbox: every stored application gets a receipt to the applicant and a notice to the
-- coordinators' inbox, recorded by a trigger in the same transaction as the application (so an
-- application is never stored without its messages, nor the reverse). A sender in server code
-- claims pending messages, sends them through Resend with the row's idempotency key, and records
-- the outcome. The rows hold no personal data: the applicant's address is looked up when a
-- receipt is sent, the coordinators' address comes from the municipality profile.
--
-- Who may do what: active coordinators read the outbox (to see what failed); nobody writes it
-- through the API. The sender uses only claim_outbox_messages, complete_outbox_message and
-- fail_outbox_message, which only service_role may execute. Anon and other signed-in users get
-- nothing.

create table public.outbox_messages (
  id uuid primary key default gen_random_uuid(),
  application_id uuid not null references public.applications (id) on delete cascade,
  template text not null
    constraint outbox_messages_template_known check (template in ('receipt', 'coordinator_notice')),
  recipient text not null
    constraint outbox_messages_recipient_known check (recipient in ('applicant', 'coordinators')),
  -- A receipt goes to the applicant, a notice to the coordinators.
  constraint outbox_messages_recipient_matches_template
    check ((template = 'receipt') = (recipient = 'applicant')),
  status text not null default 'pending'
    constraint outbox_messages_status_known check (status in ('pending', 'sending', 'sent', 'failed')),
  attempts integer not null default 0 constraint outbox_messages_attempts_positive check (attempts >= 0),
  next_attempt_at timestamptz not null default now(),
  locked_until timestamptz,
  -- A sending message holds a lease; no other state does.
  constraint outbox_messages_lease_when_sending check ((status = 'sending') = (locked_until is not null)),
  last_error text constraint outbox_messages_last_error_length check (char_length(last_error) <= 200),
  idempotency_key text not null generated always as ('fosterportal/' || template || '/' || id::text) stored,
  provider_id text constraint outbox_messages_provider_id_length check (char_length(provider_id) <= 200),
  sent_at timestamptz,
  constraint outbox_messages_sent_when_sent check ((status = 'sent') = (sent_at is not null)),
  created_at timestamptz not null default now(),
  -- One receipt and one notice per application.
  constraint outbox_messages_one_per_template unique (application_id, template)
);

-- The sender looks for due messages only; sent and failed ones are never scanned.
create index outbox_messages_due_idx on public.outbox_messages (next_attempt_at)
  where status in ('pending', 'sending');

alter table public.outbox_messages enable row level security;

-- Supabase grants the API roles everything on new tables by default. Nobody writes the outbox
-- through the API (the trigger and the three functions below do); coordinators may read it.
revoke all on table public.outbox_messages from anon, authenticated, service_role, public;
grant select on table public.outbox_messages to authenticated;

create policy "Active coordinators read the outbox"
  on public.outbox_messages for select to authenticated
  using ((select private.require_active_coordinator()));

comment on table public.outbox_messages is
  'Utboks for e-post: kvittering til søkeren og varsel til koordinatorenes innboks for hver søknad. Bare aktive koordinatorer kan lese; bare avsenderen (service_role, gjennom funksjonene claim_outbox_messages, complete_outbox_message og fail_outbox_message) endrer. Radene inneholder ingen personopplysninger.';
comment on column public.outbox_messages.id is 'Intern nøkkel.';
comment on column public.outbox_messages.application_id is
  'Søknaden meldingen gjelder. Slettes sammen med søknaden.';
comment on column public.outbox_messages.template is
  'Hvilken e-post: receipt = kvittering til søkeren, coordinator_notice = varsel til koordinatorene.';
comment on column public.outbox_messages.recipient is
  'Hvem den går til: applicant = søkeren (adressen hentes fra søknaden når den sendes), coordinators = koordinatorenes innboks (fra kommuneprofilen).';
comment on column public.outbox_messages.status is
  'pending = venter, sending = sendes nå, sent = sendt, failed = ga opp etter flere forsøk (bør følges opp av en koordinator).';
comment on column public.outbox_messages.attempts is 'Hvor mange ganger avsenderen har forsøkt å sende.';
comment on column public.outbox_messages.next_attempt_at is
  'Tidligste tidspunkt for neste forsøk (utsettes stadig lenger etter hver feil).';
comment on column public.outbox_messages.locked_until is
  'Mens meldingen sendes: når avsenderens reservasjon går ut. Stopper en avsender underveis, prøver en annen igjen etter dette.';
comment on column public.outbox_messages.last_error is
  'Siste feil fra e-posttjenesten (statuskode og type, ingen personopplysninger).';
comment on column public.outbox_messages.idempotency_key is
  'Nøkkelen som sendes til Resend (Idempotency-Key), slik at samme melding aldri sendes to ganger.';
comment on column public.outbox_messages.provider_id is 'E-posttjenestens ID for den sendte meldingen.';
comment on column public.outbox_messages.sent_at is 'Når meldingen ble sendt.';
comment on column public.outbox_messages.created_at is 'Når meldingen ble lagt i utboksen.';

-- Records the two messages of a new application, in the inserting transaction. SECURITY DEFINER
-- because applications are inserted by roles (anon through submit_application) that may not
-- write the outbox themselves.
create function private.enqueue_application_messages()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into public.outbox_messages (application_id, template, recipient)
    values (new.id, 'receipt', 'applicant'), (new.id, 'coordinator_notice', 'coordinators');
  return null;
end;
$$;

revoke all on function private.enqueue_application_messages() from public, anon, authenticated;

create trigger applications_enqueue_messages
  after insert on public.applications
  for each row execute function private.enqueue_application_messages();

-- Claims up to `batch` due messages for one sender: pending messages whose time has come, and
-- messages whose sender stopped before its lease ran out. FOR UPDATE SKIP LOCKED means two
-- senders running at once never claim the same message. A claimed message is 'sending' with a
-- lease of `lease_seconds`; a message whose lease ran out after `max_attempts` tries is failed
-- instead. Returns what the templates need: the applicant's address for receipts only.
create function public.claim_outbox_messages(
  batch integer default 10,
  lease_seconds integer default 300,
  max_attempts integer default 10
)
returns table (
  id uuid,
  template text,
  recipient text,
  to_address text,
  reference text,
  kind text,
  received_at timestamptz,
  attempts integer,
  idempotency_key text
)
language plpgsql
security definer
set search_path = ''
as $$
#variable_conflict use_column
begin
  if batch is null or batch not between 1 and 100 then
    raise exception 'batch must be between 1 and 100' using errcode = '22023';
  end if;
  if lease_seconds is null or lease_seconds not between 1 and 3600 then
    raise exception 'lease_seconds must be between 1 and 3600' using errcode = '22023';
  end if;
  if max_attempts is null or max_attempts not between 1 and 100 then
    raise exception 'max_attempts must be between 1 and 100' using errcode = '22023';
  end if;

  -- A sender that stopped mid-send after the last allowed try: give up on the message.
  update public.outbox_messages as m
    set status = 'failed', locked_until = null,
        last_error = 'avsenderen stoppet underveis; ga opp etter ' || m.attempts || ' forsøk'
    where m.id in (
      select s.id from public.outbox_messages as s
        where s.status = 'sending' and s.locked_until < pg_catalog.now()
          and s.attempts >= max_attempts
        for update skip locked);

  return query
  with due as (
    select s.id
      from public.outbox_messages as s
      where (s.status = 'pending' and s.next_attempt_at <= pg_catalog.now())
         or (s.status = 'sending' and s.locked_until < pg_catalog.now())
      order by s.next_attempt_at, s.id
      limit batch
      for update skip locked
  ), claimed as (
    update public.outbox_messages as m
      set status = 'sending',
          attempts = m.attempts + 1,
          locked_until = pg_catalog.now() + pg_catalog.make_interval(secs => lease_seconds)
      from due
      where m.id = due.id
      returning m.id, m.application_id, m.template, m.recipient, m.attempts, m.idempotency_key,
        m.next_attempt_at
  )
  select c.id, c.template, c.recipient,
         case when c.recipient = 'applicant' then a.email end,
         a.reference, a.kind, a.received_at, c.attempts, c.idempotency_key
    from claimed as c
    join public.applications as a on a.id = c.application_id
    order by c.next_attempt_at, c.id;
end;
$$;

comment on function public.claim_outbox_messages(integer, integer, integer) is
  'For avsenderen (service_role): reserverer inntil batch meldinger som skal sendes nå, og returnerer det malene trenger. To avsendere får aldri samme melding.';

-- Records that a claimed message was sent. Only a message still claimed ('sending') changes.
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

comment on function public.complete_outbox_message(uuid, text) is
  'For avsenderen (service_role): markerer en reservert melding som sendt.';

-- Records a failed try of a claimed message: back to 'pending' at `retry_at`, or 'failed' (given
-- up, for a coordinator to see) when `retry_at` is null. `error` must hold no personal data.
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

comment on function public.fail_outbox_message(uuid, text, timestamptz) is
  'For avsenderen (service_role): registrerer et mislykket forsøk, med nytt forsøk ved retry_at eller status failed når retry_at er tom.';

-- EXECUTE is granted deliberately to service_role (the sender in server code) and no one else.
revoke all on function public.claim_outbox_messages(integer, integer, integer),
  public.complete_outbox_message(uuid, text),
  public.fail_outbox_message(uuid, text, timestamptz)
  from public, anon, authenticated;
grant execute on function public.claim_outbox_messages(integer, integer, integer),
  public.complete_outbox_message(uuid, text),
  public.fail_outbox_message(uuid, text, timestamptz)
  to service_role;
