-- service_spelling
-- Written by `npm run db:migration` from supabase/schemas/ (the Supabase CLI's pg-delta
-- diff, and the schema's data rows). The live definitions are in supabase/schemas/.

COMMENT ON TABLE "public"."coordinators" IS 'Koordinatorer i barnevernstjenesten som behandler søknader. Bare aktive koordinatorer kan lese; aktive ledere (role = lead) kan legge til og endre. Deaktiver en som slutter, ikke slett.';
