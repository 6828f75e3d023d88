-- The directory's remaining facts from the trust list (docs/formats/trust-list.md): which
-- instruments each state is party to, and a 24/7 point of contact's hours.

-- Instrument ids (as in the instrument files); null while no trust list or pinned description has
-- said, in which case the node does not judge whether a state is a party.
alter table state add column instruments text[];

-- When a point of contact answers ("24/7", or hours and a time zone); null: not stated.
alter table authority add column hours text check (hours is null or length(hours) between 1 and 200);
