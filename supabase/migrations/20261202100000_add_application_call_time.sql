-- Both forms ask when it suits the applicant best to be called (a choice of daytime ranges), since
-- the first thing a coordinator does is phone them. The column is empty only for applications sent
-- before the forms asked; submit_application requires it from the next migration on.
--
-- Who may do what: active coordinators read it, as every column of applications (granted per
-- column, see 20261123140200_create_screening_workflow.sql); nobody changes it through the API.
-- The audit log records a change to it only as changed, like the applicant's other answers.

alter table public.applications add column call_time text
  constraint applications_call_time_known check (call_time in ('formiddag', 'ettermiddag', 'dagtid'));

grant select (call_time) on table public.applications to authenticated;

comment on column public.applications.call_time is
  'Når det passer best å ringe søkeren: formiddag (kl. 8–12), ettermiddag (kl. 12–16) eller dagtid (når som helst kl. 8–16). Tom for søknader sendt før skjemaet spurte.';
