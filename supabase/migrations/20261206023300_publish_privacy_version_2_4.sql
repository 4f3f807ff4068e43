-- publish_privacy_version_2_4
-- Written by `npm run db:migration` from supabase/schemas/ (the Supabase CLI's pg-delta
-- diff, and the schema's data rows). The live definitions are in supabase/schemas/.

insert into private.privacy_versions (version, published_on)
  select version, published_on from jsonb_populate_record(null::private.privacy_versions, '{"version": "2.4", "published_on": "2026-12-06"}');
