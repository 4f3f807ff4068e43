-- Version 2.0 of the privacy statement (content/pages/personvern.mdx): the legal basis is the
-- municipality's public task (GDPR art. 6(1)(e)), not consent, and the form's box confirms that
-- the applicant has read the statement. Applications may name it from today; 1.0 stays valid for
-- a resend of an application made under it.
--
-- Who may do what: unchanged (only the database owner reads private.privacy_versions).
insert into private.privacy_versions (version, published_on) values ('2.0', '2026-12-01');

comment on column public.applications.privacy_consent is
  'Søkeren har bekreftet at hen har lest personvernerklæringen (versjon i privacy_version). Fra versjon 2.0 er dette ikke et samtykke: behandlingsgrunnlaget er kommunens offentlige oppgave.';
