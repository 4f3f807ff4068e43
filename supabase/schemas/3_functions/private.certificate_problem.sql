-- The police-certificate answers of a form, checked as the forms check them: `certificate_status`
-- is `har` (has one) or `bestiller` (will order one); with one, `certificate_issued_on` is an ISO
-- date that is not in the future and at most three calendar months old on `today`
-- (private.is_certificate_valid), without, it is null. Returns the first field that fails, or null.
-- The one definition for the applicant's answers (private.submission_problem) and the
-- co-applicant's (public.answer_co_applicant).
create function private.certificate_problem(answers jsonb, today date)
returns text
language plpgsql
immutable
set search_path = ''
as $$
declare
  issued text;
  issued_on date;
begin
  if not private.is_choice(answers -> 'certificate_status', array['har', 'bestiller']) then
    return 'certificate_status';
  end if;
  if answers ->> 'certificate_status' = 'bestiller' then
    if answers -> 'certificate_issued_on' is distinct from 'null'::jsonb then
      return 'certificate_issued_on';
    end if;
    return null;
  end if;
  issued := case when pg_catalog.jsonb_typeof(answers -> 'certificate_issued_on') = 'string'
    then answers ->> 'certificate_issued_on' end;
  if issued is null or issued !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' then
    return 'certificate_issued_on';
  end if;
  begin
    issued_on := pg_catalog.make_date(pg_catalog.substr(issued, 1, 4)::integer,
      pg_catalog.substr(issued, 6, 2)::integer, pg_catalog.substr(issued, 9, 2)::integer);
  exception when others then
    return 'certificate_issued_on';
  end;
  if issued_on < date '1900-01-01' then
    return 'certificate_issued_on';
  end if;
  -- The rule itself: not in the future, at most three calendar months old (as the tables check).
  if not private.is_certificate_valid(issued_on, today) then
    return 'certificate_issued_on';
  end if;
  return null;
end;
$$;

revoke all on function private.certificate_problem(jsonb, date) from public, anon, authenticated, service_role;
