-- applicant_changes_and_status_emails
-- Written by `npm run db:migration` from supabase/schemas/ (the Supabase CLI's pg-delta
-- diff, and the schema's data rows). The live definitions are in supabase/schemas/.

SET local check_function_bodies = off;

DROP VIEW "public"."journal_queue";

DROP VIEW "public"."screening_queue";

CREATE OR REPLACE FUNCTION private.enqueue_status_message()
  RETURNS TRIGGER
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
begin
  if new.status in ('conversation_scheduled', 'home_visit', 'approved', 'declined')
      or (new.status = 'withdrawn' and not new.withdrawn_by_applicant) then
    insert into public.outbox_messages (application_id, template, recipient)
      values (new.id, 'status_' || new.status, 'applicant')
      on conflict (application_id, template) where template like 'status\_%' do nothing;
  end if;
  return null;
end;
$function$;

CREATE OR REPLACE FUNCTION public.applicant_change_email (
  session   text,
  reference text,
  new_email text
)
  RETURNS jsonb
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
declare
  address constant text := private.applicant_session(session);
  application public.applications;
  change_id uuid;
begin
  if address is null then
    return '{"state": "signed_out"}'::jsonb;
  end if;
  application := private.applicant_case(address, reference);
  if application.id is null then
    return '{"state": "not_found"}'::jsonb;
  end if;
  if application.status in ('approved', 'declined', 'withdrawn') then
    return '{"state": "closed"}'::jsonb;
  end if;
  if not private.is_email_address(pg_catalog.to_jsonb(new_email)) then
    raise exception 'invalid field: email' using errcode = '22023';
  end if;
  if pg_catalog.lower(new_email) = pg_catalog.lower(application.email) then
    return '{"state": "unchanged"}'::jsonb;
  end if;
  delete from private.email_changes as e where e.application_id = application.id and e.confirmed_at is null;
  insert into private.email_changes (application_id, new_email) values (application.id, new_email)
    returning id into change_id;
  insert into public.outbox_messages (application_id, template, recipient, subject_id)
    values (application.id, 'applicant_email_confirm', 'applicant', change_id);
  return '{"state": "pending"}'::jsonb;
end;
$function$;

REVOKE ALL ON FUNCTION "public"."applicant_change_email"(text, text, text) FROM PUBLIC, "anon", "authenticated";

CREATE OR REPLACE FUNCTION public.applicant_request_erasure (
  session   text,
  reference text
)
  RETURNS jsonb
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
declare
  address constant text := private.applicant_session(session);
  application public.applications;
begin
  if address is null then
    return '{"state": "signed_out"}'::jsonb;
  end if;
  application := private.applicant_case(address, reference);
  if application.id is null then
    return '{"state": "not_found"}'::jsonb;
  end if;
  if application.erasure_requested_at is null then
    perform private.act_as_applicant();
    update public.applications as a set erasure_requested_at = pg_catalog.now()
      where a.id = application.id
      returning a.erasure_requested_at into application.erasure_requested_at;
  end if;
  return pg_catalog.jsonb_build_object('state', 'requested',
    'erasure_requested_at', application.erasure_requested_at);
end;
$function$;

REVOKE ALL ON FUNCTION "public"."applicant_request_erasure"(text, text) FROM PUBLIC, "anon", "authenticated";

CREATE OR REPLACE FUNCTION public.applicant_update_contact (
  session   text,
  reference text,
  changes   jsonb
)
  RETURNS jsonb
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
declare
  address constant text := private.applicant_session(session);
  application public.applications;
  key text;
begin
  if address is null then
    return '{"state": "signed_out"}'::jsonb;
  end if;
  application := private.applicant_case(address, reference);
  if application.id is null then
    return '{"state": "not_found"}'::jsonb;
  end if;
  if application.status in ('approved', 'declined', 'withdrawn') then
    return '{"state": "closed"}'::jsonb;
  end if;
  if changes is null or pg_catalog.jsonb_typeof(changes) <> 'object' or changes = '{}'::jsonb then
    raise exception 'invalid field: changes' using errcode = '22023';
  end if;
  for key in select k from pg_catalog.jsonb_object_keys(changes) as k order by k loop
    if not (case key
        when 'phone' then private.is_phone_number(changes -> 'phone')
        when 'call_time' then private.is_choice(changes -> 'call_time', array['formiddag', 'ettermiddag', 'dagtid'])
        when 'street_address' then private.is_form_text(changes -> 'street_address', 120)
        when 'postcode' then coalesce(pg_catalog.jsonb_typeof(changes -> 'postcode') = 'string'
          and (changes ->> 'postcode') ~ '^[0-9]{4}$', false)
        when 'postal_place' then private.is_form_text(changes -> 'postal_place', 60)
        else false end) then
      raise exception 'invalid field: %', (case when key in ('phone', 'call_time', 'street_address',
        'postcode', 'postal_place') then key else 'changes' end) using errcode = '22023';
    end if;
  end loop;

  perform private.act_as_applicant();
  update public.applications as a set
      phone = coalesce(changes ->> 'phone', a.phone),
      call_time = coalesce(changes ->> 'call_time', a.call_time),
      street_address = coalesce(changes ->> 'street_address', a.street_address),
      postcode = coalesce(changes ->> 'postcode', a.postcode),
      postal_place = coalesce(changes ->> 'postal_place', a.postal_place)
    where a.id = application.id;
  return '{"state": "saved"}'::jsonb;
end;
$function$;

REVOKE ALL ON FUNCTION "public"."applicant_update_contact"(text, text, jsonb) FROM PUBLIC, "anon", "authenticated";

CREATE OR REPLACE FUNCTION public.applicant_withdraw (
  session   text,
  reference text
)
  RETURNS jsonb
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
declare
  address constant text := private.applicant_session(session);
  application public.applications;
begin
  if address is null then
    return '{"state": "signed_out"}'::jsonb;
  end if;
  application := private.applicant_case(address, reference);
  if application.id is null then
    return '{"state": "not_found"}'::jsonb;
  end if;
  if application.status in ('approved', 'declined', 'withdrawn') then
    return '{"state": "closed"}'::jsonb;
  end if;
  perform private.act_as_applicant();
  update public.applications as a set status = 'withdrawn', withdrawn_by_applicant = true
    where a.id = application.id;
  return '{"state": "withdrawn"}'::jsonb;
end;
$function$;

REVOKE ALL ON FUNCTION "public"."applicant_withdraw"(text, text) FROM PUBLIC, "anon", "authenticated";

CREATE OR REPLACE FUNCTION public.confirm_email_change (
  token text
)
  RETURNS jsonb
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
declare
  link private.link_tokens;
  change private.email_changes;
begin
  select * into link from private.link_tokens as t
    where t.token_hash = private.link_token_hash(token) and t.purpose = 'email_change'
    for update;
  if not found then
    return '{"state": "unknown"}'::jsonb;
  elsif link.used_at is not null then
    return '{"state": "used"}'::jsonb;
  end if;
  select * into change from private.email_changes as e where e.id = link.subject_id for update;
  if link.expires_at <= pg_catalog.now() or change.id is null or change.confirmed_at is not null
      or exists (select from public.applications as a
                 where a.id = link.application_id and a.status in ('approved', 'declined', 'withdrawn')) then
    return '{"state": "expired"}'::jsonb;
  end if;
  update private.link_tokens as t set used_at = pg_catalog.now() where t.token_hash = link.token_hash;
  update private.email_changes as e set confirmed_at = pg_catalog.now() where e.id = change.id;
  perform private.act_as_applicant();
  update public.applications as a set email = change.new_email where a.id = change.application_id;
  return '{"state": "confirmed"}'::jsonb;
end;
$function$;

REVOKE ALL ON FUNCTION "public"."confirm_email_change"(text) FROM PUBLIC, "anon", "authenticated";

CREATE VIEW "public"."journal_queue" WITH (security_invoker=true) AS  SELECT id,
    reference,
    kind,
    status,
    full_name,
    assigned_to,
    received_at,
    status_changed_at AS ended_at,
    erasure_requested_at
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
            a.erasure_requested_at,
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
            o.erasure_requested_at,
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
            c.erasure_requested_at,
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
    journaled,
    erasure_requested_at
   FROM flagged f
  ORDER BY
        CASE
            WHEN (no_contact_overdue OR COALESCE(certificate_expired, false)) THEN 2
            WHEN COALESCE(certificate_expiring, false) THEN 1
            ELSE 0
        END DESC, received_at;

REVOKE ALL ON TABLE "public"."screening_queue" FROM "anon", "service_role";

CREATE TRIGGER applications_status_messages
  AFTER UPDATE OF status ON public.applications
  FOR EACH ROW
  WHEN ((old.status IS DISTINCT FROM new.status))
  EXECUTE FUNCTION private.enqueue_status_message();

COMMENT ON FUNCTION "public"."applicant_change_email"(text, text, text) IS 'For nettstedet (service_role), med en levende økt på Min søknad: søkeren ber om ny e-postadresse; den tas i bruk først når den er bekreftet fra lenken sendt til den nye adressen.';

COMMENT ON FUNCTION "public"."applicant_request_erasure"(text, text) IS 'For nettstedet (service_role), med en levende økt på Min søknad: søkeren ber om sletting. Lederen ser kravet på saken og i køen og avgjør som før.';

COMMENT ON FUNCTION "public"."applicant_update_contact"(text, text, jsonb) IS 'For nettstedet (service_role), med en levende økt på Min søknad: søkeren retter telefon, når det passer å ringe og adresse i en åpen sak, med skjemaets regler. Logges med søkeren som aktør, uten verdier.';

COMMENT ON FUNCTION "public"."applicant_withdraw"(text, text) IS 'For nettstedet (service_role), med en levende økt på Min søknad: søkeren trekker en åpen søknad. Saken blir «trukket av søkeren», logget med søkeren som aktør.';

COMMENT ON FUNCTION "public"."confirm_email_change"(text) IS 'For nettstedet (service_role): bekrefter søkerens nye e-postadresse fra lenken sendt dit, én gang.';

COMMENT ON VIEW "public"."journal_queue" IS 'Avsluttede saker (godkjent, avslått, trukket) som ikke er journalført ennå, eldste avgjørelse først. De slettes ikke fra portalen før de er journalført. Bare aktive koordinatorer kan lese.';

COMMENT ON VIEW "public"."screening_queue" IS 'Arbeidskøen: én rad per åpen søknad, mest hastende først. Bare aktive koordinatorer kan lese (tilgangsreglene for søknader gjelder).';

REVOKE ALL ON FUNCTION "private"."enqueue_status_message"() FROM PUBLIC;

REVOKE ALL ON FUNCTION "public"."applicant_change_email"(text, text, text) FROM "postgres";

GRANT EXECUTE ON FUNCTION "public"."applicant_change_email"(text, text, text) TO "postgres";

GRANT EXECUTE ON FUNCTION "public"."applicant_change_email"(text, text, text) TO "service_role";

REVOKE ALL ON FUNCTION "public"."applicant_request_erasure"(text, text) FROM "postgres";

GRANT EXECUTE ON FUNCTION "public"."applicant_request_erasure"(text, text) TO "postgres";

GRANT EXECUTE ON FUNCTION "public"."applicant_request_erasure"(text, text) TO "service_role";

REVOKE ALL ON FUNCTION "public"."applicant_update_contact"(text, text, jsonb) FROM "postgres";

GRANT EXECUTE ON FUNCTION "public"."applicant_update_contact"(text, text, jsonb) TO "postgres";

GRANT EXECUTE ON FUNCTION "public"."applicant_update_contact"(text, text, jsonb) TO "service_role";

REVOKE ALL ON FUNCTION "public"."applicant_withdraw"(text, text) FROM "postgres";

GRANT EXECUTE ON FUNCTION "public"."applicant_withdraw"(text, text) TO "postgres";

GRANT EXECUTE ON FUNCTION "public"."applicant_withdraw"(text, text) TO "service_role";

REVOKE ALL ON FUNCTION "public"."confirm_email_change"(text) FROM "postgres";

GRANT EXECUTE ON FUNCTION "public"."confirm_email_change"(text) TO "postgres";

GRANT EXECUTE ON FUNCTION "public"."confirm_email_change"(text) TO "service_role";

REVOKE ALL ON TABLE "public"."journal_queue" FROM "authenticated";

GRANT SELECT ON TABLE "public"."journal_queue" TO "authenticated";

REVOKE ALL ON TABLE "public"."journal_queue" FROM "postgres";

GRANT DELETE, INSERT, MAINTAIN, REFERENCES, SELECT, TRIGGER, TRUNCATE, UPDATE ON TABLE "public"."journal_queue" TO "postgres";

REVOKE ALL ON TABLE "public"."screening_queue" FROM "authenticated";

GRANT SELECT ON TABLE "public"."screening_queue" TO "authenticated";

REVOKE ALL ON TABLE "public"."screening_queue" FROM "postgres";

GRANT DELETE, INSERT, MAINTAIN, REFERENCES, SELECT, TRIGGER, TRUNCATE, UPDATE ON TABLE "public"."screening_queue" TO "postgres";

-- Comments the diff left out (written by db:migration from supabase/schemas/).
comment on column public.journal_queue.assigned_to is 'Koordinatoren som har saken.';
comment on column public.journal_queue.ended_at is 'Når saken ble avsluttet (godkjent, avslått eller trukket).';
comment on column public.journal_queue.erasure_requested_at is 'Når søkeren ba om sletting på Min søknad (tom: ikke bedt om). Lederen avgjør.';
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
comment on column public.screening_queue.contact_due_on is 'Frist for første kontakt: 5 arbeidsdager etter mottak (helger og helligdager telles ikke).';
comment on column public.screening_queue.days_since_last_contact is 'Dager siden siste kontakt (tom: ingen kontakt ennå).';
comment on column public.screening_queue.days_since_received is 'Dager siden søknaden kom inn.';
comment on column public.screening_queue.erasure_requested_at is 'Når søkeren ba om sletting på Min søknad (tom: ikke bedt om). Lederen avgjør.';
comment on column public.screening_queue.full_name is 'Søkerens navn.';
comment on column public.screening_queue.journaled is 'Saken er journalført i kommunens sak/arkivsystem (applications.journal_reference). Avsluttede saker som ikke er journalført, står i journal_queue.';
comment on column public.screening_queue.kind is 'besokshjem eller tilsynsperson.';
comment on column public.screening_queue.last_contact_on is 'Siste kontakt med søkeren: samtale, hjemmebesøk eller notat merket som kontakt.';
comment on column public.screening_queue.no_contact_overdue is 'Ingen kontakt med søkeren innen 5 arbeidsdager etter mottak.';
comment on column public.screening_queue.received_at is 'Når søknaden kom inn.';
comment on column public.screening_queue.reference is 'Søknadens referanse, for eksempel BH-7K3M-Q9XD.';
comment on column public.screening_queue.status is 'Saksstatus (se applications.status).';
comment on column public.screening_queue.urgency is '2 = kontaktfrist passert eller attest utløpt, 1 = attest går ut innen 14 dager, 0 = resten.';
