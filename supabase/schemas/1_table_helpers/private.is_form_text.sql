-- Text as the form leaves it: trimmed the way JavaScript's String.prototype.trim trims (which
-- zod's trim uses), at most `max` code points, at least one visible (not only zero-width or other
-- format characters), no control characters (line breaks and tabs only where `multiline`) and no
-- bidirectional formatting characters. (NUL never gets here: jsonb cannot hold it, and
-- public.submit_application refuses it before making its jsonb.)
create function private.is_form_text(value jsonb, max integer, multiline boolean default false)
returns boolean
language sql
immutable
set search_path = ''
as $$
  select coalesce(
    pg_catalog.jsonb_typeof(value) = 'string'
    and pg_catalog.char_length(value #>> '{}') between 1 and max
    and private.has_visible_character(value #>> '{}')
    and (value #>> '{}') !~ '^[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]'
    and (value #>> '{}') !~ '[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]$'
    and (value #>> '{}') !~ '[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\u007f-\u009f]'
    and (value #>> '{}') !~ case when multiline then '[\u0001-\u0008\u000b\u000c\u000e-\u001f]'
      else '[\u0001-\u001f]' end,
    false)
$$;

-- private.submission_problem checks a submission with it, and the applications table's constraints
-- check the stored columns with it (as `to_jsonb(column)`), so the two hold one rule. A check
-- constraint runs with the writer's privileges: coordinators, who update applications, must be
-- able to execute it. It reveals nothing.
revoke all on function private.is_form_text(jsonb, integer, boolean) from public, anon, service_role;
grant execute on function private.is_form_text(jsonb, integer, boolean) to authenticated;
