-- The co-applicant's own part (issue 24): when two apply together to become a visit home, the
-- person the applicant named (applications.partner_*) gets an e-mail with a personal link
-- (/soknad/medsoker/…, private.link_tokens) and either confirms that they apply together, giving
-- what the service needs from them as a person, or says that they do not. One row per joint
-- application, made with it by a trigger (private.co_applicant_parts_create), which also queues
-- the first link e-mail; deleted with the application (erasure, retention).
--
-- Confirmed: over 18, a phone number, a time to call, a police certificate they have (dated at
-- most three calendar months before the day they answered, in Europe/Oslo) or will order, and the
-- privacy statement's version they read, checked as the main form checks the applicant's own
-- (public.answer_co_applicant checks the same before it stores). Pending or declined: none of
-- these. The approval guard (private.check_approval) refuses while the part is pending or declined.
--
-- Who may do what: active coordinators read it; nobody writes it through the API. The link page
-- answers through public.answer_co_applicant (service_role), coordinators resend the link through
-- public.resend_link. Status changes are logged by those functions, without the answers.

create table public.co_applicant_parts (
  application_id uuid primary key references public.applications (id) on delete cascade,
  status text not null default 'pending'
    constraint co_applicant_parts_status_known check (status in ('pending', 'confirmed', 'declined')),
  requested_at timestamptz,
  expires_at timestamptz,
  answered_at timestamptz,
  over_18 boolean,
  phone text,
  call_time text,
  certificate_status text,
  certificate_issued_on date,
  privacy_version text,
  constraint co_applicant_parts_link_period
    check ((requested_at is null) = (expires_at is null) and expires_at > requested_at),
  constraint co_applicant_parts_answered_when_answered
    check ((status = 'pending') = (answered_at is null)),
  -- Confirmed: every answer, by the main form's rules; otherwise none.
  constraint co_applicant_parts_answers_given
    check (
      case when status = 'confirmed' then
        over_18
        and private.is_phone_number(to_jsonb(phone))
        and call_time in ('formiddag', 'ettermiddag', 'dagtid')
        and certificate_status in ('har', 'bestiller')
        and (certificate_status = 'har') = (certificate_issued_on is not null)
        and (certificate_issued_on is null
          or private.is_certificate_valid(certificate_issued_on, (answered_at at time zone 'Europe/Oslo')::date))
        and char_length(privacy_version) between 1 and 40
      else num_nonnulls(over_18, phone, call_time, certificate_status, certificate_issued_on,
        privacy_version) = 0
      end
    )
);

alter table public.co_applicant_parts enable row level security;
revoke all on table public.co_applicant_parts from anon, authenticated, service_role, public;
grant select on table public.co_applicant_parts to authenticated;

create policy "Active coordinators read co-applicant parts"
  on public.co_applicant_parts for select to authenticated
  using ((select private.require_active_coordinator()));

comment on table public.co_applicant_parts is
  'Medsøkerens egen del: når to søker sammen om å bli besøkshjem, bekrefter medsøkeren via en personlig lenke på e-post (eller svarer nei). Bare aktive koordinatorer kan lese; slettes med søknaden.';
comment on column public.co_applicant_parts.application_id is 'Søknaden medsøkeren hører til.';
comment on column public.co_applicant_parts.status is
  'pending = venter på svar, confirmed = medsøkeren har bekreftet at de søker sammen, declined = medsøkeren har svart at de ikke søker sammen.';
comment on column public.co_applicant_parts.requested_at is 'Når den siste e-posten med lenken ble lagt i utboksen.';
comment on column public.co_applicant_parts.expires_at is 'Når lenken slutter å virke (21 dager etter siste utsending).';
comment on column public.co_applicant_parts.answered_at is 'Når medsøkeren svarte.';
comment on column public.co_applicant_parts.over_18 is 'Medsøkeren har bekreftet at hen er 18 år eller eldre.';
comment on column public.co_applicant_parts.phone is 'Medsøkerens telefonnummer, 8 siffer.';
comment on column public.co_applicant_parts.call_time is
  'Når det passer best å ringe medsøkeren: formiddag, ettermiddag eller dagtid.';
comment on column public.co_applicant_parts.certificate_status is
  'Medsøkerens politiattest: har = har en, bestiller = skal bestille en.';
comment on column public.co_applicant_parts.certificate_issued_on is
  'Utstedelsesdatoen medsøkeren oppga for politiattesten, høyst tre måneder gammel da hen svarte.';
comment on column public.co_applicant_parts.privacy_version is
  'Versjonen av personvernerklæringen medsøkeren har lest.';
