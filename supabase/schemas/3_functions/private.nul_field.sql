-- The field of a submission that holds a NUL (\u0000), 'application' when that is all it can say,
-- or null when there is none. Postgres text cannot hold a NUL: turning such JSON into jsonb or text
-- fails with an error whose context quotes the characters before it, the applicant's answers,
-- into the Postgres log. So public.submit_application takes the request body as json (which keeps
-- the escape as written) and asks this first. It finds each escaped NUL in the JSON text (a
-- `\u0000` after an even number of backslashes), marks it as U+0001 instead, one at a time, and
-- reads that copy, which jsonb can hold, to name the field; a NUL in a key, or a body that is not
-- an object, is named 'application'. Errors it meets are caught, so none reaches the log.
create function private.nul_field(application json)
returns text
language plpgsql
immutable
set search_path = ''
as $$
declare
  escaped_nul constant text := '((?:^|[^\\])(?:\\\\)*)\\u0000';
  marked text;
  field text;
begin
  if application is null or (application::text) !~ escaped_nul then
    return null;
  end if;
  marked := application::text;
  while marked ~ escaped_nul loop
    marked := pg_catalog.regexp_replace(marked, escaped_nul, '\1\\u0001');
  end loop;
  begin
    -- jsonb writes U+0001 as the escape \u0001.
    select e.key into field
      from pg_catalog.jsonb_each(marked::jsonb) as e
      where pg_catalog.strpos(e.value::text, '\u0001') > 0
      limit 1;
  exception when others then
    return 'application';
  end;
  -- Only a field's name is ever put in an error message.
  return case when field ~ '^[a-z0-9_]{1,40}$' then field else 'application' end;
end;
$$;

-- For the database owner's functions only (public.submit_application).
revoke all on function private.nul_field(json) from public, anon, authenticated, service_role;
