-- journal_reference
-- Written by `npm run db:migration` from supabase/schemas/ (the Supabase CLI's pg-delta
-- diff, and the schema's data rows). The live definitions are in supabase/schemas/.

SET local check_function_bodies = off;

DROP TRIGGER "applications_audit" ON "public"."applications";

DROP TRIGGER "screening_settings_audit" ON "public"."screening_settings";

DROP INDEX "public"."applications_ended_idx";

DROP VIEW "public"."screening_queue";

ALTER TABLE "public"."applications"
  ADD COLUMN "journal_reference" text;

ALTER TABLE "public"."applications"
  ADD COLUMN "journaled_at" timestamp WITH time zone;

ALTER TABLE "public"."applications"
  ADD COLUMN "journaled_by" uuid;

ALTER TABLE "public"."screening_settings"
  ADD COLUMN "approved_retention_months" integer NOT NULL DEFAULT 12;

CREATE OR REPLACE FUNCTION private.applications_journal()
  RETURNS TRIGGER
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
declare
  actor uuid;
begin
  if new.journal_reference is not distinct from old.journal_reference then
    new.journaled_at := old.journaled_at;
    new.journaled_by := old.journaled_by;
    return new;
  end if;
  if new.journal_reference is null then
    raise exception 'Journalføringen kan ikke fjernes. Er nummeret feil, skriver du det riktige.'
      using errcode = '23514';
  end if;
  actor := private.acting_coordinator(new.assigned_to);
  if actor is null then
    raise exception 'Hvem journalfører saken? Kjør som deg selv (rolle authenticated), eller sett assigned_to i samme endring.'
      using errcode = '23514';
  end if;
  new.journaled_at := pg_catalog.now();
  new.journaled_by := actor;
  return new;
end;
$function$;

CREATE OR REPLACE FUNCTION private.delete_ended_applications (
  as_of timestamp with time zone DEFAULT now()
)
  RETURNS jsonb
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
declare
  months integer;
  approved_months integer;
  cutoff timestamptz;
  approved_cutoff timestamptz;
  untouched_cutoff timestamptz;
  ended_ids uuid[];
  approved_ids uuid[];
  untouched_ids uuid[];
  ids uuid[];
  kept integer;
  note_count integer;
  checklist_count integer;
  audit_count integer;
  summary jsonb;
begin
  select s.retention_months, s.approved_retention_months into months, approved_months
    from public.screening_settings as s where s.id;
  months := coalesce(months, 6);
  approved_months := coalesce(approved_months, 12);
  cutoff := as_of - pg_catalog.make_interval(months => months);
  approved_cutoff := as_of - pg_catalog.make_interval(months => approved_months);
  untouched_cutoff := cutoff - pg_catalog.make_interval(months => 12);

  select
    coalesce(pg_catalog.array_agg(a.id) filter (where a.status <> 'approved'), array[]::uuid[]),
    coalesce(pg_catalog.array_agg(a.id) filter (where a.status = 'approved'), array[]::uuid[])
    into ended_ids, approved_ids
    from public.applications as a
    where a.journal_reference is not null
      and ((a.status in ('declined', 'withdrawn') and a.status_changed_at < cutoff)
        or (a.status = 'approved' and a.status_changed_at < approved_cutoff));

  select coalesce(pg_catalog.array_agg(a.id), array[]::uuid[]) into untouched_ids
    from public.applications as a
      left join public.application_checklists as c on c.application_id = a.id
    where a.status in ('received', 'in_review', 'conversation_scheduled', 'home_visit')
      and a.journal_reference is not null
      and greatest(a.received_at, a.status_changed_at, c.updated_at,
        (select pg_catalog.max(n.created_at) from public.application_notes as n
          where n.application_id = a.id)) < untouched_cutoff;

  -- Past their time but not journalført: kept, and counted.
  select pg_catalog.count(*) into kept
    from public.applications as a
    where a.journal_reference is null
      and ((a.status in ('declined', 'withdrawn') and a.status_changed_at < cutoff)
        or (a.status = 'approved' and a.status_changed_at < approved_cutoff));

  ids := ended_ids || approved_ids || untouched_ids;

  select pg_catalog.count(*) into note_count
    from public.application_notes as n where n.application_id = any (ids);
  select pg_catalog.count(*) into checklist_count
    from public.application_checklists as c where c.application_id = any (ids);

  -- Lets the append-only triggers of notes and the audit log accept these deletes, for this
  -- transaction only; cleared again below. No API role can set it: set_config is not reachable
  -- through PostgREST, and this function is not executable by any API role.
  perform pg_catalog.set_config('screening.retention_job', 'on', true);
  delete from public.audit_log as l where l.application_id = any (ids);
  get diagnostics audit_count = row_count;
  delete from public.applications as a where a.id = any (ids);
  perform pg_catalog.set_config('screening.retention_job', '', true);

  summary := pg_catalog.jsonb_build_object(
    'retention_months', months,
    'approved_retention_months', approved_months,
    'cutoff', cutoff,
    'approved_cutoff', approved_cutoff,
    'untouched_cutoff', untouched_cutoff,
    'deleted_applications', pg_catalog.cardinality(ids),
    'deleted_declined_or_withdrawn', pg_catalog.cardinality(ended_ids),
    'deleted_approved', pg_catalog.cardinality(approved_ids),
    'deleted_untouched_open', pg_catalog.cardinality(untouched_ids),
    'kept_unjournaled', kept,
    'deleted_checklists', checklist_count,
    'deleted_notes', note_count,
    'deleted_audit_rows', audit_count);
  insert into public.audit_log (actor_id, actor_role, table_name, action, application_id, row_key, changes)
    values (null, current_user, 'applications', 'retention', null, null, summary);
  return summary;
end;
$function$;

CREATE OR REPLACE FUNCTION private.is_journal_reference (
  value text
)
  RETURNS boolean
  LANGUAGE sql
  IMMUTABLE
  SET search_path TO ''
  AS $function$
  select coalesce(value ~ '^(?:[0-9]{2}|(?:19|20)[0-9]{2})/[0-9]{1,7}(?:-[0-9]{1,4})?$', false)
$function$;

ALTER TABLE "public"."applications"
  ADD CONSTRAINT "applications_journal_recorded" CHECK ((num_nulls(journal_reference, journaled_at, journaled_by) = ANY (ARRAY[0, 3])));

ALTER TABLE "public"."applications"
  ADD CONSTRAINT "applications_journaled_by_fkey" FOREIGN KEY (journaled_by) REFERENCES public.coordinators(user_id);

ALTER TABLE "public"."screening_settings"
  ADD CONSTRAINT "screening_settings_approved_retention_months_range" CHECK (((approved_retention_months >= 1) AND (approved_retention_months <= 120)));

CREATE VIEW "public"."journal_queue" WITH (security_invoker=true) AS  SELECT id,
    reference,
    kind,
    status,
    full_name,
    assigned_to,
    received_at,
    status_changed_at AS ended_at
   FROM public.applications a
  WHERE ((status = ANY (ARRAY['approved'::text, 'declined'::text, 'withdrawn'::text])) AND (journal_reference IS NULL))
  ORDER BY status_changed_at, received_at;

REVOKE ALL ON TABLE "public"."journal_queue" FROM "anon", "service_role";

CREATE VIEW "public"."screening_queue" WITH (security_invoker=true) AS  WITH open_application AS (
         SELECT a.id,
            a.reference,
            a.kind,
            a.status,
            a.full_name,
            a.assigned_to,
            a.received_at,
            a.received_on,
            a.contact_due_on,
            (a.journal_reference IS NOT NULL) AS journaled,
            (c.certificate_verified_by IS NOT NULL) AS certificate_verified,
            COALESCE(c.certificate_issued_on, a.certificate_issued_on) AS certificate_issued_on,
            GREATEST(c.conversation_held_on, c.home_visit_held_on, ((c.last_contact_note_at AT TIME ZONE 'Europe/Oslo'::text))::date) AS last_contact_on,
            t.today
           FROM ((public.applications a
             CROSS JOIN LATERAL ( SELECT cl.application_id,
                    cl.certificate_issued_on,
                    cl.certificate_verified_by,
                    cl.certificate_verified_at,
                    cl.conversation_held_on,
                    cl.home_visit_held_on,
                    cl.references_checked,
                    cl.references_checked_by,
                    cl.references_checked_at,
                    cl.last_contact_note_at,
                    cl.updated_at
                   FROM public.application_checklists cl
                  WHERE (cl.application_id = a.id)
                 LIMIT 1) c)
             CROSS JOIN ( SELECT private.today() AS today
                 OFFSET 0) t)
          WHERE (a.status = ANY (ARRAY['received'::text, 'in_review'::text, 'conversation_scheduled'::text, 'home_visit'::text]))
        ), computed AS (
         SELECT o.id,
            o.reference,
            o.kind,
            o.status,
            o.full_name,
            o.assigned_to,
            o.received_at,
            o.received_on,
            o.contact_due_on,
            o.journaled,
            o.certificate_verified,
            o.certificate_issued_on,
            o.last_contact_on,
            o.today,
            private.certificate_valid_until(o.certificate_issued_on) AS certificate_valid_until
           FROM open_application o
        ), flagged AS (
         SELECT c.id,
            c.reference,
            c.kind,
            c.status,
            c.full_name,
            c.assigned_to,
            c.received_at,
            c.received_on,
            c.contact_due_on,
            c.journaled,
            c.certificate_verified,
            c.certificate_issued_on,
            c.last_contact_on,
            c.today,
            c.certificate_valid_until,
            ((c.last_contact_on IS NULL) AND (c.today > c.contact_due_on)) AS no_contact_overdue,
            (c.certificate_issued_on IS NULL) AS certificate_missing,
            (c.certificate_valid_until - c.today) AS certificate_days_left,
            (c.certificate_valid_until < c.today) AS certificate_expired,
            ((c.certificate_valid_until >= c.today) AND ((c.certificate_valid_until - c.today) <= 14)) AS certificate_expiring
           FROM computed c
        )
 SELECT id,
    reference,
    kind,
    status,
    full_name,
    assigned_to,
    received_at,
    (today - received_on) AS days_since_received,
    last_contact_on,
    (today - last_contact_on) AS days_since_last_contact,
    contact_due_on,
    certificate_issued_on,
    certificate_verified,
    certificate_valid_until,
    certificate_days_left,
    certificate_missing,
    COALESCE(certificate_expiring, false) AS certificate_expiring,
    COALESCE(certificate_expired, false) AS certificate_expired,
    no_contact_overdue,
        CASE
            WHEN (no_contact_overdue OR COALESCE(certificate_expired, false)) THEN 2
            WHEN COALESCE(certificate_expiring, false) THEN 1
            ELSE 0
        END AS urgency,
    journaled
   FROM flagged f
  ORDER BY
        CASE
            WHEN (no_contact_overdue OR COALESCE(certificate_expired, false)) THEN 2
            WHEN COALESCE(certificate_expiring, false) THEN 1
            ELSE 0
        END DESC, received_at;

REVOKE ALL ON TABLE "public"."screening_queue" FROM "anon", "service_role";

CREATE INDEX applications_ended_idx ON public.applications USING btree (status_changed_at)
  WHERE (status = ANY (ARRAY['approved'::text, 'declined'::text, 'withdrawn'::text]));

CREATE INDEX applications_journaled_by_idx ON public.applications USING btree (journaled_by);

CREATE INDEX applications_unjournaled_idx ON public.applications USING btree (status_changed_at)
  WHERE ((status = ANY (ARRAY['approved'::text, 'declined'::text, 'withdrawn'::text])) AND (journal_reference IS NULL));

CREATE TRIGGER applications_audit
  AFTER INSERT OR DELETE OR UPDATE ON public.applications
  FOR EACH ROW
  EXECUTE FUNCTION
    private.audit_row('id', 'kind', 'status', 'received_at', 'certificate_status', 'certificate_issued_on', 'commitment_months', 'privacy_version', 'assigned_to',
    'status_changed_at', 'status_changed_by', 'journal_reference', 'journaled_at', 'journaled_by');

CREATE TRIGGER applications_journal
  BEFORE UPDATE ON public.applications
  FOR EACH ROW
  EXECUTE FUNCTION private.applications_journal();

CREATE TRIGGER screening_settings_audit
  AFTER INSERT OR DELETE OR UPDATE ON public.screening_settings
  FOR EACH ROW
  EXECUTE FUNCTION private.audit_row('id', 'retention_months', 'approved_retention_months');

COMMENT ON COLUMN "public"."applications"."journal_reference" IS 'Journalpost- eller saksnummeret i kommunens sak/arkivsystem, for eksempel 2026/1234-1, 26/1234-1 eller 2026/1234. Føres av en aktiv koordinator når saken er journalført; kan rettes, ikke fjernes. Søknaden slettes ikke fra portalen før den er journalført.';

COMMENT ON COLUMN "public"."applications"."journaled_at" IS 'Når journalføringen ble ført (eller sist rettet). Settes automatisk.';

COMMENT ON COLUMN "public"."applications"."journaled_by" IS 'Koordinatoren som førte (eller sist rettet) journalføringen. Settes automatisk.';

COMMENT ON COLUMN "public"."screening_settings"."approved_retention_months" IS 'Hvor mange måneder en godkjent søknad beholdes etter godkjenningen før den slettes (bare når den er journalført). Må være lik approvedRetentionMonths i content/profile/kommune.yaml.';

COMMENT ON COLUMN "public"."screening_settings"."retention_months" IS 'Hvor mange måneder en avslått eller trukket søknad beholdes før den slettes (bare når den er journalført). Må være lik retentionMonths i content/profile/kommune.yaml (det personvernerklæringen lover søkerne).';

COMMENT ON FUNCTION "private"."delete_ended_applications"(timestamp with time zone) IS 'Sletter søknader som er journalført og har passert lagringstiden: avslåtte og trukne retention_months etter avgjørelsen, godkjente approved_retention_months etter godkjenningen, og åpne søknader der ingenting har skjedd på 12 måneder pluss retention_months. Søknader som ikke er journalført, slettes aldri (de telles som kept_unjournaled). Sjekkliste, notater og logghistorikk slettes med søknaden. Skriver én loggrad med antall, uten personopplysninger. Kjøres daglig med pg_cron.';

COMMENT ON TABLE "public"."applications" IS 'Søknader om å bli besøkshjem eller tilsynsperson. Publikum kan bare sende inn via funksjonen submit_application. Aktive koordinatorer leser alle og endrer bare status, assigned_to og journal_reference; ingen andre kan lese, endre eller slette.';

COMMENT ON VIEW "public"."journal_queue" IS 'Avsluttede saker (godkjent, avslått, trukket) som ikke er journalført ennå, eldste avgjørelse først. De slettes ikke fra portalen før de er journalført. Bare aktive koordinatorer kan lese.';

COMMENT ON VIEW "public"."screening_queue" IS 'Arbeidskøen: én rad per åpen søknad, mest hastende først. Bare aktive koordinatorer kan lese (tilgangsreglene for søknader gjelder).';

REVOKE ALL ON FUNCTION "private"."applications_journal"() FROM PUBLIC;

REVOKE ALL ON FUNCTION "private"."is_journal_reference"(text) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "private"."is_journal_reference"(text) TO "authenticated";

REVOKE ALL ("journal_reference") ON TABLE "public"."applications" FROM "authenticated";

GRANT SELECT ("journal_reference"), UPDATE ("journal_reference") ON TABLE "public"."applications" TO "authenticated";

REVOKE ALL ("journaled_at") ON TABLE "public"."applications" FROM "authenticated";

GRANT SELECT ("journaled_at") ON TABLE "public"."applications" TO "authenticated";

REVOKE ALL ("journaled_by") ON TABLE "public"."applications" FROM "authenticated";

GRANT SELECT ("journaled_by") ON TABLE "public"."applications" TO "authenticated";

REVOKE ALL ON TABLE "public"."journal_queue" FROM "authenticated";

GRANT SELECT ON TABLE "public"."journal_queue" TO "authenticated";

REVOKE ALL ON TABLE "public"."journal_queue" FROM "postgres";

GRANT DELETE, INSERT, MAINTAIN, REFERENCES, SELECT, TRIGGER, TRUNCATE, UPDATE ON TABLE "public"."journal_queue" TO "postgres";

REVOKE ALL ON TABLE "public"."screening_queue" FROM "authenticated";

GRANT SELECT ON TABLE "public"."screening_queue" TO "authenticated";

REVOKE ALL ON TABLE "public"."screening_queue" FROM "postgres";

GRANT DELETE, INSERT, MAINTAIN, REFERENCES, SELECT, TRIGGER, TRUNCATE, UPDATE ON TABLE "public"."screening_queue" TO "postgres";

ALTER TABLE "public"."applications"
  ADD CONSTRAINT "applications_journal_reference_format" CHECK (((journal_reference IS NULL) OR private.is_journal_reference(journal_reference)));

update public.screening_settings set (id, retention_months, approved_retention_months) =
  (select id, retention_months, approved_retention_months from jsonb_populate_record(null::public.screening_settings, '{"id": true, "retention_months": 6, "approved_retention_months": 12}'))
  where (id) = (select id from jsonb_populate_record(null::public.screening_settings, '{"id": true, "retention_months": 6, "approved_retention_months": 12}'));

-- Comments the diff left out (written by db:migration from supabase/schemas/).
comment on column public.journal_queue.assigned_to is 'Koordinatoren som har saken.';
comment on column public.journal_queue.ended_at is 'Når saken ble avsluttet (godkjent, avslått eller trukket).';
comment on column public.journal_queue.full_name is 'Søkerens navn.';
comment on column public.journal_queue.kind is 'besokshjem eller tilsynsperson.';
comment on column public.journal_queue.received_at is 'Når søknaden kom inn.';
comment on column public.journal_queue.reference is 'Søknadens referanse, for eksempel BH-7K3M-Q9XD.';
comment on column public.journal_queue.status is 'Saksstatus: approved, declined eller withdrawn.';
comment on column public.screening_queue.assigned_to is 'Koordinatoren som har saken.';
comment on column public.screening_queue.certificate_days_left is 'Dager til attesten går ut (0 = siste gyldige dag i dag, negativt = utløpt).';
comment on column public.screening_queue.certificate_expired is 'Attesten er utløpt: søkeren må levere ny før godkjenning.';
comment on column public.screening_queue.certificate_expiring is 'Attesten går ut innen 14 dager.';
comment on column public.screening_queue.certificate_issued_on is 'Politiattestens utstedelsesdato: den koordinator har kontrollert, ellers den søkeren oppga.';
comment on column public.screening_queue.certificate_missing is 'Ingen politiattest ennå.';
comment on column public.screening_queue.certificate_valid_until is 'Siste dag attesten er gyldig (utstedelsesdato + 3 måneder, private.certificate_valid_until).';
comment on column public.screening_queue.certificate_verified is 'En koordinator har kontrollert attesten.';
comment on column public.screening_queue.contact_due_on is 'Frist for første kontakt: 5 arbeidsdager (man–fre) etter mottak.';
comment on column public.screening_queue.days_since_last_contact is 'Dager siden siste kontakt (tom: ingen kontakt ennå).';
comment on column public.screening_queue.days_since_received is 'Dager siden søknaden kom inn.';
comment on column public.screening_queue.full_name is 'Søkerens navn.';
comment on column public.screening_queue.journaled is 'Saken er journalført i kommunens sak/arkivsystem (applications.journal_reference). Avsluttede saker som ikke er journalført, står i journal_queue.';
comment on column public.screening_queue.kind is 'besokshjem eller tilsynsperson.';
comment on column public.screening_queue.last_contact_on is 'Siste kontakt med søkeren: samtale, hjemmebesøk eller notat merket som kontakt.';
comment on column public.screening_queue.no_contact_overdue is 'Ingen kontakt med søkeren innen 5 arbeidsdager etter mottak.';
comment on column public.screening_queue.received_at is 'Når søknaden kom inn.';
comment on column public.screening_queue.reference is 'Søknadens referanse, for eksempel BH-7K3M-Q9XD.';
comment on column public.screening_queue.status is 'Saksstatus (se applications.status).';
comment on column public.screening_queue.urgency is '2 = kontaktfrist passert eller attest utløpt, 1 = attest går ut innen 14 dager, 0 = resten.';
