-- The custody ledger (docs/formats/ledger.md): an append-only RFC 9162 Merkle log of every custody
-- event and every audit event of this node, with signed checkpoints that peer nodes cosign.

-- The ledger's own key: Ed25519, long-lived (checkpoints must verify for as long as a case can be
-- reopened, while the node's envelope keys rotate within days). Private half sealed like node keys.
create table ledger_key (
    origin          text primary key,
    public_key      bytea not null,
    sealed_private  bytea not null,
    created_at      timestamptz not null
);

-- Entries written in the transaction of the change they record, waiting for the sequencer to give
-- them their place: indexes are given in one place, in commit order, so the log has no gaps.
create table ledger_pending (
    id          bigint generated always as identity primary key,
    ref         text not null unique,           -- what the entry records: custody:<event id>, audit:<id>
    kind        text not null,
    entry       bytea not null check (octet_length(entry) <= 65535),
    queued_at   timestamptz not null
);

create table ledger_entry (
    idx             bigint primary key check (idx >= 0),
    ref             text not null unique,
    kind            text not null,
    entry           bytea not null,
    leaf_hash       bytea not null check (octet_length(leaf_hash) = 32),
    integrated_at   timestamptz not null
);

-- Roots of complete subtrees of 256^level leaves (level >= 1): the hash tiles above level 0, whose
-- level-0 hashes are ledger_entry.leaf_hash.
create table ledger_hash (
    level   smallint not null check (level >= 1),
    idx     bigint not null check (idx >= 0),
    hash    bytea not null check (octet_length(hash) = 32),
    primary key (level, idx)
);

-- One row: how many entries are integrated.
create table ledger_state (
    singleton   boolean primary key default true check (singleton),
    size        bigint not null
);
insert into ledger_state (size) values (0);

-- Every checkpoint this node signed, with the cosignatures peers returned for it.
create table ledger_checkpoint (
    size        bigint primary key,
    root        bytea not null,
    note        text not null,
    signed_at   timestamptz not null
);

create table ledger_cosignature (
    size        bigint not null references ledger_checkpoint (size),
    witness     text not null,                  -- the peer's node id
    line        text not null,                  -- the signed-note signature line it returned
    received_at timestamptz not null,
    primary key (size, witness)
);

-- What this node, as a witness, has seen of each peer's ledger: the newest checkpoint it cosigned.
-- A checkpoint that is not consistent with it is refused and raises an alarm.
create table witnessed_log (
    origin          text primary key,
    node_id         text not null,
    size            bigint not null,
    root            bytea not null,
    checkpoint      text not null,
    updated_at      timestamptz not null
);

-- Where this node's witnessing of a peer stands: the size a peer last cosigned, or the last refusal.
create table witness_peer (
    node_id         text primary key,
    cosigned_size   bigint not null default 0,
    last_attempt_at timestamptz,
    last_error      text
);

-- A peer's ledger that contradicted what this node had witnessed: someone rewrote history.
create table ledger_alarm (
    id          bigint generated always as identity primary key,
    origin      text not null,
    node_id     text,
    at          timestamptz not null,
    detail      text not null,
    checkpoint  text not null
);
