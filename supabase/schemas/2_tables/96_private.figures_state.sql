-- From which month of receipt the lead's numbers are complete: null when no case had been deleted
-- (by the retention job or erasure) before the counts began, else the month after the last such
-- deletion (a case deleted before the counts began may have been received in any month up to it).
-- Written once, by private.figures_count_existing when the counts begin.
--
-- Who may do what: nobody but the database owner reads or writes it; leads read it through
-- public.lead_figures_complete_from.

create table private.figures_state (
  id boolean primary key default true constraint figures_state_single_row check (id),
  complete_from date
);

alter table private.figures_state enable row level security;
revoke all on table private.figures_state from public, anon, authenticated, service_role;

comment on table private.figures_state is 'Fra hvilken mottaksmåned ledernes tall er komplette.';
comment on column private.figures_state.complete_from is
  'Første måned tallene er komplette for; tom når ingen saker var slettet før tellingen begynte (alle måneder er komplette).';
insert into private.figures_state (id, complete_from) values (true, null);
