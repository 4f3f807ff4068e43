-- lead_figures
-- Written by `npm run db:migration` from supabase/schemas/ (the Supabase CLI's pg-delta
-- diff, and the schema's data rows). The live definitions are in supabase/schemas/.

SET local check_function_bodies = off;

CREATE TABLE "private"."figures_state" (
  "id"            boolean NOT NULL DEFAULT true,
  "complete_from" date,
  CONSTRAINT "figures_state_pkey" PRIMARY KEY (id),
  CONSTRAINT "figures_state_single_row" CHECK (id)
);

ALTER TABLE "private"."figures_state"
  ENABLE ROW LEVEL SECURITY;

CREATE TABLE "private"."monthly_day_counts" (
  "month"   date    NOT NULL,
  "kind"    text    NOT NULL,
  "measure" text    NOT NULL,
  "days"    integer NOT NULL,
  "cases"   integer NOT NULL DEFAULT 0,
  CONSTRAINT "monthly_day_counts_first_day" CHECK ((EXTRACT(day FROM month) = (1)::numeric)),
  CONSTRAINT "monthly_day_counts_kind_known" CHECK ((kind = ANY (ARRAY['besokshjem'::text, 'tilsynsperson'::text]))),
  CONSTRAINT "monthly_day_counts_measure_known" CHECK ((measure = ANY (ARRAY['contact'::text, 'decision'::text]))),
  CONSTRAINT "monthly_day_counts_pkey" PRIMARY KEY (month, kind, measure, days)
);

ALTER TABLE "private"."monthly_day_counts"
  ENABLE ROW LEVEL SECURITY;

CREATE TABLE "private"."monthly_figures" (
  "month"                  date    NOT NULL,
  "kind"                   text    NOT NULL,
  "received"               integer NOT NULL DEFAULT 0,
  "contacted"              integer NOT NULL DEFAULT 0,
  "contacted_in_time"      integer NOT NULL DEFAULT 0,
  "conversations"          integer NOT NULL DEFAULT 0,
  "approved"               integer NOT NULL DEFAULT 0,
  "declined"               integer NOT NULL DEFAULT 0,
  "withdrawn_by_applicant" integer NOT NULL DEFAULT 0,
  "withdrawn_by_service"   integer NOT NULL DEFAULT 0,
  CONSTRAINT "monthly_figures_first_day" CHECK ((EXTRACT(day FROM month) = (1)::numeric)),
  CONSTRAINT "monthly_figures_kind_known" CHECK ((kind = ANY (ARRAY['besokshjem'::text, 'tilsynsperson'::text]))),
  CONSTRAINT "monthly_figures_pkey" PRIMARY KEY (month, kind)
);

ALTER TABLE "private"."monthly_figures"
  ENABLE ROW LEVEL SECURITY;

CREATE TABLE "private"."monthly_sources" (
  "month"    date    NOT NULL,
  "kind"     text    NOT NULL,
  "source"   text    NOT NULL,
  "received" integer NOT NULL DEFAULT 0,
  "approved" integer NOT NULL DEFAULT 0,
  CONSTRAINT "monthly_sources_first_day" CHECK ((EXTRACT(day FROM month) = (1)::numeric)),
  CONSTRAINT "monthly_sources_kind_known" CHECK ((kind = ANY (ARRAY['besokshjem'::text, 'tilsynsperson'::text]))),
  CONSTRAINT "monthly_sources_pkey" PRIMARY KEY (month, kind, source)
);

ALTER TABLE "private"."monthly_sources"
  ENABLE ROW LEVEL SECURITY;

CREATE OR REPLACE FUNCTION private.application_checklists_figures()
  RETURNS TRIGGER
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
declare
  a public.applications;
  first_note_at timestamptz;
begin
  select * into a from public.applications as x where x.id = new.application_id for no key update;
  select pg_catalog.min(n.created_at) into first_note_at
    from public.application_notes as n where n.application_id = a.id and n.is_contact;
  perform private.figures_apply(-1, a.kind, a.heard_about, a.received_on, a.contact_due_on, a.status,
    a.status_changed_at, a.status_changed_by, first_note_at, old.conversation_held_on,
    old.home_visit_held_on);
  perform private.figures_apply(1, a.kind, a.heard_about, a.received_on, a.contact_due_on, a.status,
    a.status_changed_at, a.status_changed_by, first_note_at, new.conversation_held_on,
    new.home_visit_held_on);
  return null;
end;
$function$;

CREATE OR REPLACE FUNCTION private.application_notes_figures()
  RETURNS TRIGGER
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
declare
  a public.applications;
  earlier timestamptz;
  conversation_on date;
  home_visit_on date;
begin
  select * into a from public.applications as x where x.id = new.application_id for no key update;
  select pg_catalog.min(n.created_at) into earlier
    from public.application_notes as n
    where n.application_id = a.id and n.is_contact and n.id <> new.id;
  if earlier is not null and earlier <= new.created_at then
    return null;
  end if;
  select c.conversation_held_on, c.home_visit_held_on into conversation_on, home_visit_on
    from public.application_checklists as c where c.application_id = a.id;
  perform private.figures_apply(-1, a.kind, a.heard_about, a.received_on, a.contact_due_on, a.status,
    a.status_changed_at, a.status_changed_by, earlier, conversation_on, home_visit_on);
  perform private.figures_apply(1, a.kind, a.heard_about, a.received_on, a.contact_due_on, a.status,
    a.status_changed_at, a.status_changed_by, new.created_at, conversation_on, home_visit_on);
  return null;
end;
$function$;

CREATE OR REPLACE FUNCTION private.applications_figures()
  RETURNS TRIGGER
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
declare
  conversation_on date;
  home_visit_on date;
  first_note_at timestamptz;
begin
  select c.conversation_held_on, c.home_visit_held_on into conversation_on, home_visit_on
    from public.application_checklists as c where c.application_id = new.id;
  select pg_catalog.min(n.created_at) into first_note_at
    from public.application_notes as n where n.application_id = new.id and n.is_contact;
  if tg_op = 'UPDATE' then
    perform private.figures_apply(-1, old.kind, old.heard_about, old.received_on, old.contact_due_on,
      old.status, old.status_changed_at, old.status_changed_by, first_note_at, conversation_on,
      home_visit_on);
  end if;
  perform private.figures_apply(1, new.kind, new.heard_about, new.received_on, new.contact_due_on,
    new.status, new.status_changed_at, new.status_changed_by, first_note_at, conversation_on,
    home_visit_on);
  return null;
end;
$function$;

CREATE OR REPLACE FUNCTION private.case_figures (
  received_on           date,
  status                text,
  status_changed_at     timestamp with time zone,
  status_changed_by     uuid,
  first_contact_note_at timestamp with time zone,
  conversation_held_on  date,
  home_visit_held_on    date,
  OUT                   month date,
  OUT                   contacted_on date,
  OUT                   conversation boolean,
  OUT                   outcome text,
  OUT                   decided_on date
)
  RETURNS record
  LANGUAGE sql
  STABLE
  SET search_path TO ''
  AS $function$
  select
    pg_catalog.date_trunc('month', received_on)::date,
    -- least() skips nulls: null only when none of the three happened.
    least((first_contact_note_at at time zone 'Europe/Oslo')::date, conversation_held_on,
      home_visit_held_on),
    conversation_held_on is not null,
    case status
      when 'approved' then 'approved'
      when 'declined' then 'declined'
      when 'withdrawn' then
        case when status_changed_by is null then 'withdrawn_by_applicant' else 'withdrawn_by_service' end
    end,
    case when status in ('approved', 'declined') then (status_changed_at at time zone 'Europe/Oslo')::date end
$function$;

CREATE OR REPLACE FUNCTION private.check_figures_period (
  from_month date,
  to_month   date,
  kind       text
)
  RETURNS void
  LANGUAGE plpgsql
  IMMUTABLE
  SET search_path TO ''
  AS $function$
begin
  if from_month is null or to_month is null then
    raise exception 'Velg både første og siste måned.' using errcode = '22023';
  end if;
  if from_month > to_month then
    raise exception 'Første måned kan ikke være etter siste måned.' using errcode = '22023';
  end if;
  if to_month >= from_month + interval '10 years' then
    raise exception 'Velg en periode på høyst ti år.' using errcode = '22023';
  end if;
  if kind is not null and kind not in ('besokshjem', 'tilsynsperson') then
    raise exception 'Ukjent rolle.' using errcode = '22023';
  end if;
end;
$function$;

CREATE OR REPLACE FUNCTION private.figure_shown (
  n bigint
)
  RETURNS integer
  LANGUAGE sql
  IMMUTABLE
  SET search_path TO ''
  AS $function$
  select case when n between 1 and 4 then null else n::integer end
$function$;

CREATE OR REPLACE FUNCTION private.figures_apply (
  sign                  integer,
  kind                  text,
  heard_about           text,
  received_on           date,
  contact_due_on        date,
  status                text,
  status_changed_at     timestamp with time zone,
  status_changed_by     uuid,
  first_contact_note_at timestamp with time zone,
  conversation_held_on  date,
  home_visit_held_on    date
)
  RETURNS void
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
declare
  f record;
begin
  select * into f from private.case_figures(received_on, status, status_changed_at, status_changed_by,
    first_contact_note_at, conversation_held_on, home_visit_held_on);

  insert into private.monthly_figures as m (month, kind, received, contacted, contacted_in_time,
      conversations, approved, declined, withdrawn_by_applicant, withdrawn_by_service)
    values (f.month, figures_apply.kind, sign,
      sign * (f.contacted_on is not null)::integer,
      sign * coalesce(f.contacted_on <= contact_due_on, false)::integer,
      sign * f.conversation::integer,
      sign * (f.outcome is not distinct from 'approved')::integer,
      sign * (f.outcome is not distinct from 'declined')::integer,
      sign * (f.outcome is not distinct from 'withdrawn_by_applicant')::integer,
      sign * (f.outcome is not distinct from 'withdrawn_by_service')::integer)
    on conflict on constraint monthly_figures_pkey do update set
      received = m.received + excluded.received,
      contacted = m.contacted + excluded.contacted,
      contacted_in_time = m.contacted_in_time + excluded.contacted_in_time,
      conversations = m.conversations + excluded.conversations,
      approved = m.approved + excluded.approved,
      declined = m.declined + excluded.declined,
      withdrawn_by_applicant = m.withdrawn_by_applicant + excluded.withdrawn_by_applicant,
      withdrawn_by_service = m.withdrawn_by_service + excluded.withdrawn_by_service;

  insert into private.monthly_sources as s (month, kind, source, received, approved)
    values (f.month, figures_apply.kind, coalesce(heard_about, 'ikke-oppgitt'), sign,
      sign * (f.outcome is not distinct from 'approved')::integer)
    on conflict on constraint monthly_sources_pkey do update set
      received = s.received + excluded.received, approved = s.approved + excluded.approved;

  insert into private.monthly_day_counts as d (month, kind, measure, days, cases)
    select f.month, figures_apply.kind, x.measure, x.days, sign
      from (values ('contact', f.contacted_on - received_on), ('decision', f.decided_on - received_on))
        as x (measure, days)
      where x.days is not null
    on conflict on constraint monthly_day_counts_pkey do update set cases = d.cases + excluded.cases;
end;
$function$;

CREATE OR REPLACE FUNCTION private.figures_count_existing()
  RETURNS void
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
begin
  with counted as (
    select a.kind, coalesce(a.heard_about, 'ikke-oppgitt') as source, a.received_on,
      a.contact_due_on, f.*
    from public.applications as a
      left join public.application_checklists as c on c.application_id = a.id
      left join lateral (
        select pg_catalog.min(n.created_at) as first_at from public.application_notes as n
          where n.application_id = a.id and n.is_contact
      ) as n on true
      cross join lateral private.case_figures(a.received_on, a.status, a.status_changed_at,
        a.status_changed_by, n.first_at, c.conversation_held_on, c.home_visit_held_on) as f
  ),
  figures as (
    insert into private.monthly_figures as m (month, kind, received, contacted, contacted_in_time,
        conversations, approved, declined, withdrawn_by_applicant, withdrawn_by_service)
      select x.month, x.kind, pg_catalog.count(*),
        pg_catalog.count(*) filter (where x.contacted_on is not null),
        pg_catalog.count(*) filter (where x.contacted_on <= x.contact_due_on),
        pg_catalog.count(*) filter (where x.conversation),
        pg_catalog.count(*) filter (where x.outcome = 'approved'),
        pg_catalog.count(*) filter (where x.outcome = 'declined'),
        pg_catalog.count(*) filter (where x.outcome = 'withdrawn_by_applicant'),
        pg_catalog.count(*) filter (where x.outcome = 'withdrawn_by_service')
      from counted as x group by x.month, x.kind
    on conflict on constraint monthly_figures_pkey do update set
      received = m.received + excluded.received,
      contacted = m.contacted + excluded.contacted,
      contacted_in_time = m.contacted_in_time + excluded.contacted_in_time,
      conversations = m.conversations + excluded.conversations,
      approved = m.approved + excluded.approved,
      declined = m.declined + excluded.declined,
      withdrawn_by_applicant = m.withdrawn_by_applicant + excluded.withdrawn_by_applicant,
      withdrawn_by_service = m.withdrawn_by_service + excluded.withdrawn_by_service
    returning 1
  ),
  sources as (
    insert into private.monthly_sources as s (month, kind, source, received, approved)
      select x.month, x.kind, x.source, pg_catalog.count(*),
        pg_catalog.count(*) filter (where x.outcome = 'approved')
      from counted as x group by x.month, x.kind, x.source
    on conflict on constraint monthly_sources_pkey do update set
      received = s.received + excluded.received, approved = s.approved + excluded.approved
    returning 1
  )
  insert into private.monthly_day_counts as d (month, kind, measure, days, cases)
    select x.month, x.kind, y.measure, y.days, pg_catalog.count(*)
    from counted as x
      cross join lateral (values ('contact', x.contacted_on - x.received_on),
        ('decision', x.decided_on - x.received_on)) as y (measure, days)
    where y.days is not null
    group by x.month, x.kind, y.measure, y.days
  on conflict on constraint monthly_day_counts_pkey do update set cases = d.cases + excluded.cases;

  insert into private.figures_state as s (id, complete_from)
    select true, (pg_catalog.date_trunc('month', pg_catalog.max(l.occurred_at at time zone 'Europe/Oslo'))
        + interval '1 month')::date
      from public.audit_log as l
      where l.action in ('retention', 'erasure')
        and coalesce((l.changes ->> 'deleted_applications')::integer, 0) > 0
    on conflict on constraint figures_state_pkey do update set complete_from = excluded.complete_from;
end;
$function$;

CREATE OR REPLACE FUNCTION public.lead_figures_by_month (
  from_month date,
  to_month   date,
  kind       text DEFAULT NULL::text
)
  RETURNS TABLE (
    month                     date,
    received                  integer,
    contacted                 integer,
    contacted_in_time         integer,
    contacted_in_time_percent integer,
    conversations             integer,
    approved                  integer,
    declined                  integer,
    withdrawn_by_applicant    integer,
    withdrawn_by_service      integer,
    median_days_to_contact    numeric,
    median_days_to_decision   numeric
  )
  LANGUAGE plpgsql
  STABLE
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
#variable_conflict use_column
begin
  perform private.require_active_lead();
  perform private.check_figures_period(from_month, to_month, lead_figures_by_month.kind);
  return query
  with months as (
    select m::date as month
      from pg_catalog.generate_series(pg_catalog.date_trunc('month', from_month),
        pg_catalog.date_trunc('month', to_month), interval '1 month') as m
  ),
  raw as (
    select ms.month,
      coalesce(pg_catalog.sum(f.received), 0) as received,
      coalesce(pg_catalog.sum(f.contacted), 0) as contacted,
      coalesce(pg_catalog.sum(f.contacted_in_time), 0) as contacted_in_time,
      coalesce(pg_catalog.sum(f.conversations), 0) as conversations,
      coalesce(pg_catalog.sum(f.approved), 0) as approved,
      coalesce(pg_catalog.sum(f.declined), 0) as declined,
      coalesce(pg_catalog.sum(f.withdrawn_by_applicant), 0) as withdrawn_by_applicant,
      coalesce(pg_catalog.sum(f.withdrawn_by_service), 0) as withdrawn_by_service
    from months as ms
      left join private.monthly_figures as f
        on f.month = ms.month and (lead_figures_by_month.kind is null or f.kind = lead_figures_by_month.kind)
    group by grouping sets ((ms.month), ())
  ),
  bins as (
    select d.measure, ms.month, d.days, pg_catalog.sum(d.cases) as cases
    from months as ms
      join private.monthly_day_counts as d
        on d.month = ms.month and (lead_figures_by_month.kind is null or d.kind = lead_figures_by_month.kind)
    group by grouping sets ((d.measure, ms.month, d.days), (d.measure, d.days))
  ),
  running as (
    select b.measure, b.month, b.days,
      pg_catalog.sum(b.cases) over (partition by b.measure, b.month order by b.days)::bigint as up_to,
      pg_catalog.sum(b.cases) over (partition by b.measure, b.month)::bigint as n
    from bins as b where b.cases > 0
  ),
  medians as (
    -- The values at positions (n + 1) / 2 and n / 2 + 1 (integer division; the same position when
    -- n is odd), each the smallest day count whose running total reaches it.
    select r.measure, r.month, r.n,
      (pg_catalog.min(r.days) filter (where r.up_to >= (r.n + 1) / 2)
        + pg_catalog.min(r.days) filter (where r.up_to >= r.n / 2 + 1)) / 2.0 as median
    from running as r group by r.measure, r.month, r.n
  )
  select r.month,
    private.figure_shown(r.received),
    private.figure_shown(r.contacted),
    private.figure_shown(r.contacted_in_time),
    case when r.received >= 5 and private.figure_shown(r.contacted_in_time) is not null
      then pg_catalog.round(100.0 * r.contacted_in_time / r.received)::integer end,
    private.figure_shown(r.conversations),
    private.figure_shown(r.approved),
    private.figure_shown(r.declined),
    private.figure_shown(r.withdrawn_by_applicant),
    private.figure_shown(r.withdrawn_by_service),
    case when c.n >= 5 then pg_catalog.round(c.median, 1) end,
    case when d.n >= 5 then pg_catalog.round(d.median, 1) end
  from raw as r
    left join medians as c on c.measure = 'contact' and c.month is not distinct from r.month
    left join medians as d on d.measure = 'decision' and d.month is not distinct from r.month
  order by r.month nulls last;
end;
$function$;

REVOKE ALL ON FUNCTION "public"."lead_figures_by_month"(date, date, text) FROM PUBLIC, "anon", "service_role";

CREATE OR REPLACE FUNCTION public.lead_figures_by_source (
  from_month date,
  to_month   date,
  kind       text DEFAULT NULL::text
)
  RETURNS TABLE (
    source   text,
    received integer,
    approved integer
  )
  LANGUAGE plpgsql
  STABLE
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
#variable_conflict use_column
begin
  perform private.require_active_lead();
  perform private.check_figures_period(from_month, to_month, lead_figures_by_source.kind);
  return query
  select o.source,
    private.figure_shown(coalesce(pg_catalog.sum(s.received), 0)),
    private.figure_shown(coalesce(pg_catalog.sum(s.approved), 0))
  from pg_catalog.unnest(array['nettside', 'sosiale-medier', 'bekjent', 'annonse', 'informasjonsmote',
      'annet', 'ikke-oppgitt']) with ordinality as o (source, position)
    left join private.monthly_sources as s
      on s.source = o.source
      and s.month between pg_catalog.date_trunc('month', from_month) and to_month
      and (lead_figures_by_source.kind is null or s.kind = lead_figures_by_source.kind)
  group by o.source, o.position
  order by o.position;
end;
$function$;

REVOKE ALL ON FUNCTION "public"."lead_figures_by_source"(date, date, text) FROM PUBLIC, "anon", "service_role";

CREATE OR REPLACE FUNCTION public.lead_figures_complete_from()
  RETURNS date
  LANGUAGE plpgsql
  STABLE
  SECURITY DEFINER
  SET search_path TO ''
  AS $function$
begin
  perform private.require_active_lead();
  return (select s.complete_from from private.figures_state as s where s.id);
end;
$function$;

REVOKE ALL ON FUNCTION "public"."lead_figures_complete_from"() FROM PUBLIC, "anon", "service_role";

CREATE TRIGGER application_checklists_figures
  AFTER UPDATE ON public.application_checklists
  FOR EACH ROW
  WHEN (((old.conversation_held_on IS DISTINCT FROM new.conversation_held_on) OR (old.home_visit_held_on IS DISTINCT FROM new.home_visit_held_on)))
  EXECUTE FUNCTION private.application_checklists_figures();

CREATE TRIGGER application_notes_figures
  AFTER INSERT ON public.application_notes
  FOR EACH ROW
  WHEN (new.is_contact)
  EXECUTE FUNCTION private.application_notes_figures();

CREATE TRIGGER applications_figures_insert
  AFTER INSERT ON public.applications
  FOR EACH ROW
  EXECUTE FUNCTION private.applications_figures();

CREATE TRIGGER applications_figures_update
  AFTER UPDATE ON public.applications
  FOR EACH ROW
  WHEN
    (((old.status IS DISTINCT FROM new.status) OR (old.status_changed_at IS DISTINCT FROM new.status_changed_at) OR (old.status_changed_by IS DISTINCT FROM new.status_changed_by)
    OR (old.received_on IS DISTINCT FROM new.received_on) OR (old.contact_due_on IS DISTINCT FROM new.contact_due_on) OR (old.kind IS DISTINCT FROM new.kind) OR
    (old.heard_about IS DISTINCT FROM new.heard_about)))
  EXECUTE FUNCTION private.applications_figures();

COMMENT ON COLUMN "private"."figures_state"."complete_from" IS 'Første måned tallene er komplette for; tom når ingen saker var slettet før tellingen begynte (alle måneder er komplette).';

COMMENT ON COLUMN "private"."monthly_day_counts"."cases" IS 'Antall søknader med så mange dager.';

COMMENT ON COLUMN "private"."monthly_day_counts"."days" IS 'Antall kalenderdager (norsk tid).';

COMMENT ON COLUMN "private"."monthly_day_counts"."measure" IS 'contact: dager fra mottak til første kontakt; decision: dager fra mottak til godkjent eller avslått.';

COMMENT ON COLUMN "private"."monthly_figures"."approved" IS 'Søknader godkjent.';

COMMENT ON COLUMN "private"."monthly_figures"."contacted" IS 'Søknader med første kontakt registrert (kontaktnotat, samtale eller hjemmebesøk; som køen regner siste kontakt).';

COMMENT ON COLUMN "private"."monthly_figures"."contacted_in_time" IS 'Søknader med første kontakt senest på kontaktfristen (applications.contact_due_on, 5 arbeidsdager).';

COMMENT ON COLUMN "private"."monthly_figures"."conversations" IS 'Søknader der samtalen er holdt.';

COMMENT ON COLUMN "private"."monthly_figures"."declined" IS 'Søknader avslått.';

COMMENT ON COLUMN "private"."monthly_figures"."kind" IS 'Rollen: besokshjem eller tilsynsperson.';

COMMENT ON COLUMN "private"."monthly_figures"."month" IS 'Måneden søknadene kom inn (første dag i måneden, norsk tid).';

COMMENT ON COLUMN "private"."monthly_figures"."received" IS 'Søknader mottatt.';

COMMENT ON COLUMN "private"."monthly_figures"."withdrawn_by_applicant" IS 'Søknader søkeren selv trakk (en statusendring uten koordinator). Null til søkerne kan trekke søknaden selv.';

COMMENT ON COLUMN "private"."monthly_figures"."withdrawn_by_service" IS 'Søknader registrert som trukket av en koordinator (også når søkeren ba om det på telefon).';

COMMENT ON COLUMN "private"."monthly_sources"."source" IS 'Skjemaets svar (nettside, sosiale-medier, bekjent, annonse, informasjonsmote, annet) eller ikke-oppgitt.';

COMMENT ON FUNCTION "public"."lead_figures_by_month"(date, date, text) IS 'For aktive ledere: tallene per mottaksmåned (og for hele perioden, month tom) for én rolle eller begge. Antall 1–4 er tomme (under 5), og det samme er andeler og medianer over færre enn 5 saker.';

COMMENT ON FUNCTION "public"."lead_figures_by_source"(date, date, text) IS 'For aktive ledere: hvor søkerne i perioden hørte om tjenesten, og hvor mange av dem som ble godkjent. Antall 1–4 er tomme (under 5).';

COMMENT ON FUNCTION "public"."lead_figures_complete_from"() IS 'For aktive ledere: første mottaksmåned tallene er komplette for, eller tom når alle måneder er komplette.';

COMMENT ON TABLE "private"."figures_state" IS 'Fra hvilken mottaksmåned ledernes tall er komplette.';

COMMENT ON TABLE "private"."monthly_day_counts" IS 'Hvor mange søknader per mottaksmåned og rolle som brukte et gitt antall dager fra mottak til første kontakt (contact) eller vedtak (decision). Grunnlaget for medianene; ingen personopplysninger.';

COMMENT ON TABLE "private"."monthly_figures" IS 'Ledernes tall: antall per mottaksmåned og rolle, uten personopplysninger. Oppdateres av triggere når noe skjer i en sak; sletting av saker endrer ikke tallene.';

COMMENT ON TABLE "private"."monthly_sources" IS 'Hvor søkerne hørte om tjenesten (skjemaets svar), per mottaksmåned og rolle, og hvor mange av dem som ble godkjent. Bare antall.';

REVOKE ALL ON FUNCTION "private"."application_checklists_figures"() FROM PUBLIC;

REVOKE ALL ON FUNCTION "private"."application_notes_figures"() FROM PUBLIC;

REVOKE ALL ON FUNCTION "private"."applications_figures"() FROM PUBLIC;

REVOKE ALL ON FUNCTION "private"."case_figures"(date, text, timestamp WITH time zone, uuid, timestamp WITH time zone, date, date) FROM PUBLIC;

REVOKE ALL ON FUNCTION "private"."check_figures_period"(date, date, text) FROM PUBLIC;

REVOKE ALL ON FUNCTION "private"."figure_shown"(bigint) FROM PUBLIC;

REVOKE ALL ON FUNCTION "private"."figures_apply"(integer, text, text, date, date, text, timestamp WITH time zone, uuid, timestamp WITH time zone, date, date) FROM PUBLIC;

REVOKE ALL ON FUNCTION "private"."figures_count_existing"() FROM PUBLIC;

GRANT EXECUTE ON FUNCTION "public"."lead_figures_by_month"(date, date, text) TO "authenticated";

REVOKE ALL ON FUNCTION "public"."lead_figures_by_month"(date, date, text) FROM "postgres";

GRANT EXECUTE ON FUNCTION "public"."lead_figures_by_month"(date, date, text) TO "postgres";

GRANT EXECUTE ON FUNCTION "public"."lead_figures_by_source"(date, date, text) TO "authenticated";

REVOKE ALL ON FUNCTION "public"."lead_figures_by_source"(date, date, text) FROM "postgres";

GRANT EXECUTE ON FUNCTION "public"."lead_figures_by_source"(date, date, text) TO "postgres";

GRANT EXECUTE ON FUNCTION "public"."lead_figures_complete_from"() TO "authenticated";

REVOKE ALL ON FUNCTION "public"."lead_figures_complete_from"() FROM "postgres";

GRANT EXECUTE ON FUNCTION "public"."lead_figures_complete_from"() TO "postgres";

insert into private.figures_state (id, complete_from)
  select id, complete_from from jsonb_populate_record(null::private.figures_state, '{"id": true, "complete_from": null}');

-- Written by hand: the counts begin with every case already in the database (the triggers above
-- count only what happens from now on), and record from which month they are complete. The new
-- triggers' lock on applications holds back new cases until this migration commits, so none is
-- counted twice or missed.
select private.figures_count_existing();
