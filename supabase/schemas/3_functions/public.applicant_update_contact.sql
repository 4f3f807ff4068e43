-- "Min søknad" (issue 25): the applicant corrects their phone, call time or address on an open case
-- of their own. `changes` holds any of phone, call_time, street_address, postcode, postal_place,
-- checked with the form's rules (the helpers private.submission_problem uses); a bad value or an
-- unknown key is refused with `invalid field: <column>` (`changes` for no object or no change),
-- 22023, and nothing is stored. Answers {"state": "saved"}, {"state": "signed_out"},
-- {"state": "not_found"} (unknown or someone else's reference) or {"state": "closed"} (the case has
-- ended). The audit row has actor_role applicant and no values (personal fields).
--
-- Who may do what: only service_role (the site's server), and then only with a live session.
create function public.applicant_update_contact(session text, reference text, changes jsonb)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  address constant text := private.applicant_session(session);
  application public.applications;
  key text;
begin
  if address is null then
    return '{"state": "signed_out"}'::jsonb;
  end if;
  application := private.applicant_case(address, reference);
  if application.id is null then
    return '{"state": "not_found"}'::jsonb;
  end if;
  if application.status in ('approved', 'declined', 'withdrawn') then
    return '{"state": "closed"}'::jsonb;
  end if;
  if changes is null or pg_catalog.jsonb_typeof(changes) <> 'object' or changes = '{}'::jsonb then
    raise exception 'invalid field: changes' using errcode = '22023';
  end if;
  for key in select k from pg_catalog.jsonb_object_keys(changes) as k order by k loop
    if not (case key
        when 'phone' then private.is_phone_number(changes -> 'phone')
        when 'call_time' then private.is_choice(changes -> 'call_time', array['formiddag', 'ettermiddag', 'dagtid'])
        when 'street_address' then private.is_form_text(changes -> 'street_address', 120)
        when 'postcode' then coalesce(pg_catalog.jsonb_typeof(changes -> 'postcode') = 'string'
          and (changes ->> 'postcode') ~ '^[0-9]{4}$', false)
        when 'postal_place' then private.is_form_text(changes -> 'postal_place', 60)
        else false end) then
      raise exception 'invalid field: %', (case when key in ('phone', 'call_time', 'street_address',
        'postcode', 'postal_place') then key else 'changes' end) using errcode = '22023';
    end if;
  end loop;

  perform private.act_as_applicant();
  update public.applications as a set
      phone = coalesce(changes ->> 'phone', a.phone),
      call_time = coalesce(changes ->> 'call_time', a.call_time),
      street_address = coalesce(changes ->> 'street_address', a.street_address),
      postcode = coalesce(changes ->> 'postcode', a.postcode),
      postal_place = coalesce(changes ->> 'postal_place', a.postal_place)
    where a.id = application.id;
  return '{"state": "saved"}'::jsonb;
end;
$$;

revoke all on function public.applicant_update_contact(text, text, jsonb) from public, anon, authenticated, service_role;
grant execute on function public.applicant_update_contact(text, text, jsonb) to service_role;

comment on function public.applicant_update_contact(text, text, jsonb) is
  'For nettstedet (service_role), med en levende økt på Min søknad: søkeren retter telefon, når det passer å ringe og adresse i en åpen sak, med skjemaets regler. Logges med søkeren som aktør, uten verdier.';
