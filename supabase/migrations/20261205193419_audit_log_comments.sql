-- audit_log_comments
-- Written by `npm run db:migration` from supabase/schemas/ (the Supabase CLI's pg-delta
-- diff, and the schema's data rows). The live definitions are in supabase/schemas/.

COMMENT ON COLUMN "public"."audit_log"."action" IS 'insert = ny rad, update = endring, status_change = statusendring, delete = sletting, retention = slettejobben har kjørt, erasure = en leder har slettet en søknad etter krav om sletting.';

COMMENT ON COLUMN "public"."audit_log"."actor_role" IS 'Databaserollen: authenticated = koordinator via innlogging, service_role = nettstedet (innsending), postgres = SQL-editoren eller en jobb.';
