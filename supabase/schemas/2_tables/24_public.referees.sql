-- The referees an application names (issue 24): as many as the form asked for
-- (applications.referees_wanted), stored by public.submit_application. Nobody is contacted when the
-- application arrives: a coordinator asks them (public.request_references), each gets an e-mail
-- with a personal link (/referanse/…, private.link_tokens), a reminder after 7 days
-- (private.send_link_reminders), and the link stops working 21 days after the latest request. A
-- referee answers the questions online (answers, by question id, defined by the site) or declines;
-- or a coordinator records a reference taken by phone, with a note (public.record_phone_reference).
-- A referee nobody has asked 25 days after the application came in is told about us by a notice
-- e-mail without a link (private.send_referee_notices, GDPR art. 14: at the latest in a month).
--
--   not_asked ──▶ asked ──▶ answered | declined       (the referee, through the link)
--       └───────────┴─────▶ by_phone                  (a coordinator)
--
-- The checklist's references item is done, and the approval guard satisfied, when at least
-- referees_wanted are answered or by_phone. Deleted with the application (erasure, retention).
--
-- Who may do what: active coordinators read them; nobody writes them through the API (only the
-- functions above). Status changes are logged by those functions, without answers or notes.

create table public.referees (
  id uuid primary key default gen_random_uuid(),
  application_id uuid not null references public.applications (id) on delete cascade,
  position smallint not null constraint referees_position_range check (position between 1 and 5),
  full_name text not null
    constraint referees_full_name_length check (private.is_form_text(to_jsonb(full_name), 100)),
  relation text not null
    constraint referees_relation_length check (private.is_form_text(to_jsonb(relation), 100)),
  phone text not null constraint referees_phone_format check (private.is_phone_number(to_jsonb(phone))),
  email text not null constraint referees_email_format check (private.is_email_address(to_jsonb(email))),
  status text not null default 'not_asked'
    constraint referees_status_known
      check (status in ('not_asked', 'asked', 'answered', 'declined', 'by_phone')),
  requested_at timestamptz,
  reminded_at timestamptz,
  expires_at timestamptz,
  answered_at timestamptz,
  answers jsonb,
  phone_note text,
  recorded_by uuid references public.coordinators (user_id),
  notified_at timestamptz,
  constraint referees_one_per_position unique (application_id, position),
  constraint referees_link_period
    check ((requested_at is null) = (expires_at is null) and expires_at > requested_at),
  -- Reminded only after being asked; answered online or declined only after being asked.
  constraint referees_reminded_after_asked check (reminded_at is null or requested_at is not null),
  constraint referees_asked_has_link check (status not in ('asked', 'answered', 'declined') or requested_at is not null),
  constraint referees_answered_when_answered
    check ((status in ('answered', 'declined', 'by_phone')) = (answered_at is not null)),
  -- Answers only when answered: 1–10 question ids, each a text as a form leaves it (≤ 1000) or empty.
  constraint referees_answers_when_answered
    check ((status = 'answered') = (answers is not null)
      and (answers is null or private.reference_answers_problem(answers) is null)),
  -- A note and who recorded it only for a reference taken by phone.
  constraint referees_phone_note_when_by_phone
    check ((status = 'by_phone') = (phone_note is not null)
      and (status = 'by_phone') = (recorded_by is not null)
      and (phone_note is null or private.is_form_text(to_jsonb(phone_note), 1000, true)))
);

create index referees_recorded_by_idx on public.referees (recorded_by);
-- The reminder job looks only at referees waiting for an answer.
create index referees_asked_idx on public.referees (requested_at) where status = 'asked';
-- The notice job looks only at referees not asked and not told yet.
create index referees_notice_due_idx on public.referees (application_id)
  where status = 'not_asked' and notified_at is null;

alter table public.referees enable row level security;
revoke all on table public.referees from anon, authenticated, service_role, public;
grant select on table public.referees to authenticated;

create policy "Active coordinators read referees"
  on public.referees for select to authenticated
  using ((select private.require_active_coordinator()));

comment on table public.referees is
  'Referansene søkeren har oppgitt, og svarene deres (via personlig lenke på e-post) eller koordinatorens notat fra en telefonsamtale. Bare aktive koordinatorer kan lese; slettes med søknaden.';
comment on column public.referees.id is 'Intern nøkkel.';
comment on column public.referees.application_id is 'Søknaden referansen hører til.';
comment on column public.referees.position is 'Rekkefølgen i søknaden (1, 2, …).';
comment on column public.referees.full_name is 'Referansens fulle navn.';
comment on column public.referees.relation is 'Hvordan referansen kjenner søkeren (ikke nær familie).';
comment on column public.referees.phone is 'Referansens telefonnummer, 8 siffer.';
comment on column public.referees.email is 'Referansens e-postadresse.';
comment on column public.referees.status is
  'not_asked = ikke spurt ennå, asked = forespørsel sendt, answered = har svart, declined = ønsket ikke å gi referanse, by_phone = tatt på telefon av en koordinator.';
comment on column public.referees.requested_at is 'Når den siste forespørselen ble lagt i utboksen.';
comment on column public.referees.reminded_at is 'Når påminnelsen ble lagt i utboksen (én per forespørsel).';
comment on column public.referees.expires_at is 'Når lenken slutter å virke (21 dager etter siste forespørsel).';
comment on column public.referees.answered_at is 'Når referansen svarte, eller når koordinatoren registrerte telefonsamtalen.';
comment on column public.referees.answers is
  'Svarene på referansespørsmålene, etter spørsmålets ID (definert av nettstedet). Bare når status er answered.';
comment on column public.referees.phone_note is 'Koordinatorens notat fra telefonsamtalen. Bare når status er by_phone.';
comment on column public.referees.recorded_by is 'Koordinatoren som registrerte referansen tatt på telefon.';
comment on column public.referees.notified_at is
  'Når varselet (hvem som ga oss opplysningene, og hvorfor) ble lagt i utboksen, fordi ingen hadde spurt referansen 25 dager etter at søknaden kom inn. Tom for en referanse som ble spurt før.';
