-- Evidence travelling between nodes (docs/formats/evidence-transfer.md). The sending node offers an
-- item in a signed, encrypted envelope that carries a one-transfer key and the item's chain of
-- custody with its ledger proofs; the receiving node checks them, then pulls the item in chunks
-- sealed under that key, keeping each chunk durable before it asks for the next, so either node may
-- stop at any moment and the transfer goes on from the last chunk kept.

create table evidence_transfer (
    id              uuid primary key,
    direction       text not null check (direction in ('OUT', 'IN')),
    item_id         uuid references evidence_item (id),   -- OUT: the item sent; IN: the item it became
    exhibit_id      uuid not null,
    request_id      uuid not null references request (id),
    peer            text not null references node (id),
    file_name       text not null,
    media_type      text not null,
    size            bigint not null check (size >= 0),
    sha256          text not null check (sha256 ~ '^[0-9a-f]{64}$'),
    acquisition     jsonb not null,
    chunk_size      integer not null check (chunk_size > 0),
    sealed_key      bytea not null,
    excerpt         text,                 -- the sender's chain of custody with its ledger proofs, as offered
    status          text not null check (status in ('OFFERING', 'OFFERED', 'DELIVERED', 'FETCHING', 'DONE', 'FAILED')),
    chunks_done     bigint not null default 0,
    attempts        integer not null default 0,
    next_attempt_at timestamptz not null,
    last_error      text,
    created_at      timestamptz not null,
    updated_at      timestamptz not null
);
create index evidence_transfer_due on evidence_transfer (next_attempt_at) where status in ('OFFERING', 'FETCHING');
create index evidence_transfer_item on evidence_transfer (item_id);
create index evidence_transfer_request on evidence_transfer (request_id);
