-- For a referee's page (/referanse/<token>): the referee's one answer. `answer` is
-- {"answer": "decline"}, or {"answer": "give", "answers": {"<question id>": "<text>", …}} with the
-- answers checked by private.reference_answers_problem (1–10 question ids, each text as a form
-- leaves it, at most 1000 characters, or empty; at least one not empty). Returns
-- {"state": "answered" | "declined"}; for a link that is not open, the same
-- {"state": "unknown" | "used" | "expired"} as public.open_link, storing nothing. A bad field
-- raises `invalid field: answer` (the shape), `invalid field: answers` (the set of answers) or
-- `invalid field: answers.<question id>` (22023) and stores nothing. The audit log gets the status
-- change only (private.log_link_change). json, not jsonb, as public.answer_co_applicant.
--
-- Who may do what: only service_role (the site's server); anon gets 42501.
create function public.answer_reference(token text, answer json)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  link record;
  given jsonb;
  problem text;
  new_status text;
begin
  select * into link from private.link_subject(token, true);
  if link.state <> 'open' or link.purpose <> 'referee' then
    return pg_catalog.jsonb_build_object('state', case when link.state = 'open' then 'unknown' else link.state end);
  end if;

  problem := private.nul_field(answer);
  if problem is not null then
    raise exception 'invalid field: %', problem using errcode = '22023';
  end if;
  given := answer::jsonb;
  if given is null or pg_catalog.jsonb_typeof(given) <> 'object'
      or not (given = '{"answer": "decline"}'::jsonb
        or (given ->> 'answer' = 'give' and given ?& array['answer', 'answers']
          and (select pg_catalog.count(*) from pg_catalog.jsonb_object_keys(given)) = 2)) then
    raise exception 'invalid field: answer' using errcode = '22023';
  end if;

  if given ->> 'answer' = 'give' then
    problem := private.reference_answers_problem(given -> 'answers');
    if problem is not null then
      raise exception 'invalid field: %', problem using errcode = '22023';
    end if;
    new_status := 'answered';
    update public.referees as r
      set status = new_status, answered_at = pg_catalog.now(), answers = given -> 'answers'
      where r.id = link.subject_id;
  else
    new_status := 'declined';
    update public.referees as r
      set status = new_status, answered_at = pg_catalog.now()
      where r.id = link.subject_id;
  end if;

  perform private.log_link_change('referees', link.application_id, link.subject_id,
    pg_catalog.jsonb_build_object('status', pg_catalog.jsonb_build_object('old', 'asked', 'new', new_status)));
  return pg_catalog.jsonb_build_object('state', new_status);
end;
$$;

revoke all on function public.answer_reference(text, json) from public, anon, authenticated, service_role;
grant execute on function public.answer_reference(text, json) to service_role;

comment on function public.answer_reference(text, json) is
  'For nettstedet (service_role): en referanses svar via den personlige lenken (svarer på spørsmålene, eller ønsker ikke å gi referanse). Én gang per referanse; en ukjent, brukt eller utløpt lenke lagrer ingenting.';
