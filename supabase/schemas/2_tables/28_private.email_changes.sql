-- New e-mail addresses an applicant asked for on Min søknad (issue 25), waiting to be confirmed at
-- the new address: public.applicant_change_email stores one and queues applicant_email_confirm
-- (subject_id = this row's id); the link's token (purpose email_change, 24 hours) is issued when
-- the sender claims it, and public.confirm_email_change makes the address the application's.
-- Deleted with the application, and replaced by a newer request for the same application.
--
-- Who may do what: nobody but the database owner (and its SECURITY DEFINER functions).

create table private.email_changes (
  id uuid primary key default gen_random_uuid(),
  application_id uuid not null references public.applications (id) on delete cascade,
  new_email text not null constraint email_changes_email_format check (private.is_email_address(to_jsonb(new_email))),
  requested_at timestamptz not null default now(),
  confirmed_at timestamptz
);

create index email_changes_application_id_idx on private.email_changes (application_id);

alter table private.email_changes enable row level security;
revoke all on table private.email_changes from public, anon, authenticated, service_role;

comment on table private.email_changes is
  'Nye e-postadresser søkeren har bedt om på Min søknad, til de er bekreftet fra den nye adressen. Bare databaseeieren har tilgang; slettes med søknaden.';
comment on column private.email_changes.new_email is 'Den nye adressen (blir søknadens når den er bekreftet).';
comment on column private.email_changes.requested_at is 'Når søkeren ba om endringen.';
comment on column private.email_changes.confirmed_at is 'Når den nye adressen ble bekreftet.';
