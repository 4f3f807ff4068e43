-- The privacy statements the forms have published (content/pages/personvern.mdx `version`). An
-- application may name only one of these (private.submission_problem); older versions stay valid
-- for a resend of an application made under them.
--
-- Publishing a new version of the statement: add its row below, then write the migration
-- (`npm run db:migration -- publish_privacy_version_X`), before the site asks consent to it.
--   1.0  the first statement.
--   2.0  the legal basis is the municipality's public task (GDPR art. 6(1)(e)), not consent; the
--        form's box confirms that the applicant has read the statement.
--   2.1  lists the best time to call and, for visit homes applying together, the partner's name,
--        phone and e-mail, and tells the applicant that the partner must know about the
--        application, agree to being named, and has the same rights.
--   2.2  says what is archived (the municipality's sak/arkiv system, from a PDF/A copy), that the
--        portal deletes nothing before it is journalført, how long approved applications stay, the
--        police-certificate check as criminal-record data (art. 10), which answers are required,
--        why we ask how the applicant heard of us, the web host as a processor, and when others
--        may see the application (access requests, supervisory authorities).
--   2.3  covers the co-applicant's own part and the referees: what they give themselves (art. 13),
--        what the applicant gave about them (art. 14), the e-mailed links, and how long each is kept.
--   2.4  covers Min søknad: the e-mailed sign-in link and the session cookie, what the page shows
--        and does not, corrections (a new address confirmed first), download, withdrawal, the
--        erasure request, the logging of each change, and the status e-mails (first name only).
--
-- Who may do what: nobody but the database owner reads it.

create table private.privacy_versions (
  version text primary key constraint privacy_versions_version_length check (char_length(version) between 1 and 40),
  published_on date not null
);
alter table private.privacy_versions enable row level security;
revoke all on table private.privacy_versions from public, anon, authenticated, service_role;
insert into private.privacy_versions (version, published_on) values
  ('1.0', '2026-11-01'),
  ('2.0', '2026-12-01'),
  ('2.1', '2026-12-02'),
  ('2.2', '2026-12-05'),
  ('2.3', '2026-12-06'),
  ('2.4', '2026-12-06');
comment on table private.privacy_versions is
  'Publiserte versjoner av personvernerklæringen. En søknad kan bare samtykke til en av disse. Bare databaseeieren har tilgang.';
