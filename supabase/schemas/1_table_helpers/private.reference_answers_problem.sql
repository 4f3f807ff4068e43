-- What is wrong with a referee's answers, or null when nothing is: the answers are a JSON object
-- of 1–10 question ids (`^[a-z][a-z0-9-]{0,40}$`, the ids of the site's reference questions), each
-- an empty string or a text as a form leaves it, at most 1000 characters, line breaks allowed
-- (private.is_form_text), and at least one not empty. Returns 'answers' for the whole, or
-- 'answers.<question id>' for one answer's text. The one definition: public.answer_reference checks
-- with it before storing, and the referees table's constraint calls it.
create function private.reference_answers_problem(answers jsonb)
returns text
language sql
immutable
set search_path = ''
as $$
  select case
    when answers is null or pg_catalog.jsonb_typeof(answers) <> 'object' then 'answers'
    when (select pg_catalog.count(*) from pg_catalog.jsonb_object_keys(answers)) not between 1 and 10
      then 'answers'
    when exists (select from pg_catalog.jsonb_object_keys(answers) as k where k !~ '^[a-z][a-z0-9-]{0,40}$')
      then 'answers'
    else coalesce(
      (select 'answers.' || e.key
         from pg_catalog.jsonb_each(answers) as e
         where not (e.value = '""'::jsonb or private.is_form_text(e.value, 1000, true))
         order by e.key
         limit 1),
      case when not exists (select from pg_catalog.jsonb_each(answers) as e where e.value <> '""'::jsonb)
        then 'answers' end)
  end
$$;

revoke all on function private.reference_answers_problem(jsonb) from public, anon, authenticated, service_role;
