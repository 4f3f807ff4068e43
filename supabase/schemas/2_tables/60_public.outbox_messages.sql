-- The e-mail outbox: every stored application gets a receipt to the applicant and a notice to the
-- coordinators' inbox, recorded by a trigger in the same transaction as the application
-- (private.enqueue_application_messages), so an application is never stored without its messages,
-- nor the reverse. A sender in server code claims pending messages, sends them through Resend with
-- the row's idempotency key, and records the outcome (public.claim_outbox_messages,
-- complete_outbox_message, fail_outbox_message). The rows hold no personal data: the applicant's
-- address is looked up when a receipt is sent, the coordinators' address comes from the
-- municipality profile. A message is deleted with its application (retention, erasure).
--
-- The links of issue 24 go through the same outbox: co_applicant_request to the co-applicant
-- (queued with a joint application, and again when a coordinator resends it), referee_request to
-- a referee (when a coordinator asks, or resends) and referee_reminder (7 days later, once);
-- referee_notice, without a link, to a referee nobody has asked 25 days after the application came
-- (private.send_referee_notices, once). A link e-mail whose link would no longer open when its time
-- comes (the person has answered, online or by phone; the case has ended; the link has expired) is
-- cancelled by the claim instead of sent (status cancelled, never retried, not a failure).
-- subject_id says whom: the application's id for the co-applicant, referees.id for a referee. Their
-- address, names and a fresh link token are looked up when the message is claimed
-- (public.claim_outbox_messages). One receipt and one notice per application; link messages may
-- repeat.
--
-- The daily overview (issue 26, private.queue_daily_overviews) is the one message tied to a
-- coordinator instead of an application: template daily_overview, recipient coordinator, no
-- application_id, subject_id the coordinator's user_id, overview_on the day (Oslo) it is for and
-- overview_counts its counts (numbers only). At most one per coordinator and day. The address is
-- looked up when it is claimed, and only while the coordinator is active.
--
-- Who may do what: active coordinators read the outbox (to see what failed); nobody writes it
-- through the API. The sender uses only the three functions above, which only service_role may
-- execute. Anon and other signed-in users get nothing.

create table public.outbox_messages (
  id uuid primary key default gen_random_uuid(),
  application_id uuid references public.applications (id) on delete cascade,
  template text not null
    constraint outbox_messages_template_known
      check (template in ('receipt', 'coordinator_notice', 'co_applicant_request', 'referee_request',
        'referee_reminder', 'referee_notice', 'daily_overview', 'applicant_link',
        'applicant_email_confirm', 'status_conversation_scheduled', 'status_home_visit', 'status_approved',
        'status_declined', 'status_withdrawn')),
  recipient text not null
    constraint outbox_messages_recipient_known
      check (recipient in ('applicant', 'coordinators', 'co_applicant', 'referee', 'coordinator')),
  -- A receipt goes to the applicant, a notice to the coordinators, a co-applicant request to the
  -- co-applicant, a referee's request, reminder or notice to the referee.
  constraint outbox_messages_recipient_matches_template
    check (recipient = case
      when template in ('receipt', 'applicant_link', 'applicant_email_confirm') or template like 'status\_%'
        then 'applicant'
      when template = 'coordinator_notice' then 'coordinators'
      when template = 'co_applicant_request' then 'co_applicant'
      when template = 'daily_overview' then 'coordinator'
      else 'referee' end),
  status text not null default 'pending'
    constraint outbox_messages_status_known check (status in ('pending', 'sending', 'sent', 'failed', 'cancelled')),
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
  -- Whom a link message is for: the application's id for the co-applicant, referees.id for a
  -- referee; none for a receipt or notice.
  subject_id uuid,
  constraint outbox_messages_subject_for_links
    check ((template in ('receipt', 'coordinator_notice') or template like 'status\_%') = (subject_id is null)),
  -- The daily overview: the day it is for and its counts; every other message has an application.
  overview_on date,
  overview_counts jsonb,
  constraint outbox_messages_overview_fields
    check ((template = 'daily_overview') = (application_id is null)
      and (template = 'daily_overview') = (overview_on is not null)
      and (template = 'daily_overview') = (overview_counts is not null))
);

-- One receipt and one notice per application; link messages may repeat (resend).
create unique index outbox_messages_one_per_template
  on public.outbox_messages (application_id, template)
  where template in ('receipt', 'coordinator_notice');
-- One status e-mail per application and status (Min søknad, issue 25; private.enqueue_status_message).
create unique index outbox_messages_one_status_email
  on public.outbox_messages (application_id, template)
  where template like 'status\_%';

-- One daily overview per coordinator and day, however many schedulers run the job.
create unique index outbox_messages_one_overview_a_day
  on public.outbox_messages (subject_id, overview_on)
  where template = 'daily_overview';

-- The sender looks for due messages only; sent, failed and cancelled ones are never scanned.
create index outbox_messages_due_idx on public.outbox_messages (next_attempt_at)
  where status in ('pending', 'sending');

alter table public.outbox_messages enable row level security;

-- Nobody writes the outbox through the API (the trigger and the three functions do); coordinators
-- may read it.
revoke all on table public.outbox_messages from anon, authenticated, service_role, public;
grant select on table public.outbox_messages to authenticated;

create policy "Active coordinators read the outbox"
  on public.outbox_messages for select to authenticated
  using ((select private.require_active_coordinator()));

comment on table public.outbox_messages is
  'Utboks for e-post: kvittering til søkeren og varsel til koordinatorenes innboks for hver søknad, og lenker til medsøkeren og referansene. Bare aktive koordinatorer kan lese; bare avsenderen (service_role, gjennom funksjonene claim_outbox_messages, complete_outbox_message og fail_outbox_message) endrer. Radene inneholder ingen personopplysninger.';
comment on column public.outbox_messages.id is 'Intern nøkkel.';
comment on column public.outbox_messages.application_id is
  'Søknaden meldingen gjelder. Slettes sammen med søknaden. Tom for den daglige oversikten (daily_overview).';
comment on column public.outbox_messages.template is
  'Hvilken e-post: receipt = kvittering til søkeren, coordinator_notice = varsel til koordinatorene, co_applicant_request = lenke til medsøkeren, referee_request = forespørsel til en referanse, referee_reminder = påminnelse til en referanse, referee_notice = varsel til en referanse som ikke er spurt (uten lenke), daily_overview = daglig oversikt til en koordinator, applicant_link = innloggingslenke til Min søknad, applicant_email_confirm = bekreft ny e-postadresse, status_* = statusvarsel til søkeren (én per status).';
comment on column public.outbox_messages.recipient is
  'Hvem den går til: applicant = søkeren (adressen hentes fra søknaden når den sendes), coordinators = koordinatorenes innboks (fra kommuneprofilen), co_applicant = medsøkeren, referee = en referanse, coordinator = én koordinator (adressene hentes når den sendes).';
comment on column public.outbox_messages.status is
  'pending = venter, sending = sendes nå, sent = sendt, failed = ga opp etter flere forsøk (bør følges opp av en koordinator), cancelled = lenke-e-post som ikke ble sendt fordi personen allerede har svart, saken er avsluttet eller lenken er utløpt (ingen feil, sendes aldri).';
comment on column public.outbox_messages.attempts is 'Hvor mange ganger avsenderen har forsøkt å sende.';
comment on column public.outbox_messages.next_attempt_at is
  'Tidligste tidspunkt for neste forsøk (utsettes stadig lenger etter hver feil).';
comment on column public.outbox_messages.locked_until is
  'Mens meldingen sendes: når avsenderens reservasjon går ut. Stopper en avsender underveis, prøver en annen igjen etter dette.';
comment on column public.outbox_messages.last_error is
  'Siste feil fra e-posttjenesten (statuskode og type, ingen personopplysninger); for en avlyst melding (cancelled) hvorfor den ikke ble sendt.';
comment on column public.outbox_messages.idempotency_key is
  'Nøkkelen som sendes til Resend (Idempotency-Key), slik at samme melding aldri sendes to ganger.';
comment on column public.outbox_messages.provider_id is 'E-posttjenestens ID for den sendte meldingen.';
comment on column public.outbox_messages.sent_at is 'Når meldingen ble sendt.';
comment on column public.outbox_messages.created_at is 'Når meldingen ble lagt i utboksen.';
comment on column public.outbox_messages.subject_id is
  'Hvem en lenke-e-post gjelder: søknadens ID for medsøkeren og for søkerens innloggingslenke, referees.id for en referanse, private.email_changes.id for bekreftelse av ny e-postadresse; koordinatorens user_id for den daglige oversikten. Tom for kvittering, varsel og statusvarsler.';
comment on column public.outbox_messages.overview_on is
  'Den daglige oversikten: dagen (norsk tid) den gjelder. Tom for andre meldinger.';
comment on column public.outbox_messages.overview_counts is
  'Den daglige oversikten: antallene den viser (bare tall, ingen personopplysninger). Tom for andre meldinger.';
