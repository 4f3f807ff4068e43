-- The referees of a submission, checked as the forms check them: a JSON array of exactly `wanted`
-- objects with the keys full_name and relation (how they know the applicant; text as a form leaves
-- it, at most 100 characters), phone (8 digits, private.is_phone_number) and email
-- (private.is_email_address), whose address is not the applicant's own (private.address_key
-- compares them). Absent (null) counts as none. Returns the first field that fails, named
-- `referee_<n>_<key>` with n from 1 (`referee_2_email`), `referees` for a wrong count or a list
-- that is not one, or null when all is well. Called by private.submission_problem.
create function private.referees_problem(referees jsonb, wanted integer, applicant_email text)
returns text
language plpgsql
immutable
set search_path = ''
as $$
declare
  keys constant text[] := array['full_name', 'relation', 'phone', 'email'];
  referee jsonb;
  n integer := 0;
begin
  if referees is null or referees = 'null'::jsonb then
    referees := '[]'::jsonb;
  end if;
  if pg_catalog.jsonb_typeof(referees) <> 'array' or pg_catalog.jsonb_array_length(referees) <> wanted then
    return 'referees';
  end if;
  for referee in select e from pg_catalog.jsonb_array_elements(referees) as e loop
    n := n + 1;
    if pg_catalog.jsonb_typeof(referee) <> 'object'
        or exists (select from pg_catalog.jsonb_object_keys(referee) as k where k <> all (keys)) then
      return 'referees';
    end if;
    if not private.is_form_text(referee -> 'full_name', 100) then
      return 'referee_' || n || '_full_name';
    end if;
    if not private.is_form_text(referee -> 'relation', 100) then
      return 'referee_' || n || '_relation';
    end if;
    if not private.is_phone_number(referee -> 'phone') then
      return 'referee_' || n || '_phone';
    end if;
    if not private.is_email_address(referee -> 'email')
        or private.address_key(referee ->> 'email') = private.address_key(applicant_email) then
      return 'referee_' || n || '_email';
    end if;
  end loop;
  return null;
end;
$$;

revoke all on function private.referees_problem(jsonb, integer, text) from public, anon, authenticated, service_role;
