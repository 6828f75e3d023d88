-- The chain of custody of each item of evidence (docs/formats/evidence-package.md): every event is
-- kept here, as the canonical bytes that were appended to the custody ledger in the same
-- transaction. An exhibit keeps its id across nodes: the item that a transfer creates on the
-- receiving node carries the exhibit id of the item it came from.

alter table evidence_item add column exhibit_id uuid;
update evidence_item set exhibit_id = id;
alter table evidence_item alter column exhibit_id set not null;
create unique index evidence_item_exhibit on evidence_item (exhibit_id, side, request_id);
-- An item received from another node was recorded by this node, not by one of its users.
alter table evidence_item alter column recorded_by drop not null;

create table custody_event (
    id          uuid primary key,
    item_id     uuid not null references evidence_item (id),
    exhibit_id  uuid not null,
    seq         integer not null check (seq >= 1),
    action      text not null,
    at          timestamptz not null,
    actor_name  text not null,
    event       bytea not null,
    sha256      text not null check (sha256 ~ '^[0-9a-f]{64}$'),
    unique (item_id, seq)
);
create index custody_event_exhibit on custody_event (exhibit_id, at);

create rule custody_event_no_update as on update to custody_event do instead nothing;
create rule custody_event_no_delete as on delete to custody_event do instead nothing;
