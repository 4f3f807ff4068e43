-- "Hvor hørte du om oss?" gets the answer "Informasjonsmøte" (informasjonsmote) in both forms.
--
-- Who may do what: unchanged.

alter table public.applications drop constraint applications_heard_about_known;
alter table public.applications add constraint applications_heard_about_known
  check (heard_about in ('nettside', 'sosiale-medier', 'bekjent', 'annonse', 'informasjonsmote', 'annet'));
