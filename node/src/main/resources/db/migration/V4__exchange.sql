-- Exchange between nodes (ARCHITECTURE.md section 6). A shared request's timeline is ordered by one
-- node: the requesting node until submission, the requested node after it. The requesting side's
-- later actions travel as proposals; every event the requested node records travels back.

-- Actions of this side sent to the node that orders the timeline and not yet recorded there.
create table request_proposal (
    id              uuid primary key,       -- becomes the id of the event the other node records
    request_id      uuid not null references request (id),
    action          text not null,
    actor_user_id   uuid,
    actor_name      text not null,
    proposed_at     timestamptz not null,
    status          text not null default 'PENDING' check (status in ('PENDING', 'RECORDED', 'REFUSED')),
    outcome         text,
    settled_at      timestamptz
);
create index request_proposal_request on request_proposal (request_id, proposed_at);

-- One row per request shared with a peer: the sequence numbers of this node's messages to it and
-- of the peer's messages applied here. The row is also the lock that serialises a conversation.
create table conversation (
    request_id      uuid not null,          -- no foreign key: the first message creates the request
    peer            text not null references node (id),
    last_sent       bigint not null default 0,
    last_applied    bigint not null default 0,
    primary key (request_id, peer)
);

-- Messages that must leave: sealed on the first attempt and then resent byte for byte, so a
-- duplicate is recognisable by its digest. DELIVERED rows keep the peer's signed receipt.
-- Rows queued before delivery existed (no message id) are set aside, not sent.
alter table outbox_message
    add column message_id uuid unique,
    add column seq bigint,
    add column envelope text,
    add column envelope_digest text,
    add column receipt text,
    add column delivered_at timestamptz,
    add column event_ids uuid[] not null default '{}',
    add column claimed_until timestamptz;
update outbox_message set status = 'SUPERSEDED', last_error = 'queued before this node could deliver; not sent' where message_id is null;
alter table outbox_message add constraint outbox_status check (status in ('PENDING', 'DELIVERED', 'DEAD', 'SUPERSEDED'));
create index outbox_request on outbox_message (request_id, created_at);
create index outbox_dead on outbox_message (created_at desc) where status = 'DEAD';

-- Every message received: the signed message is the proof of origin, the receipt what this node
-- signed in return. A message is stored once (by id); it is applied when all before it are.
create table inbox_message (
    id              uuid primary key,
    sender          text not null,
    conversation    uuid not null,
    seq             bigint not null,
    type            text not null,
    message_sha256  text not null,          -- over the canonical message: a resend must match it
    envelope_digest text not null,
    signer_kid      text not null,
    signed_message  text not null,
    payload         jsonb not null,
    received_at     timestamptz not null,
    receipt         text not null,
    applied_at      timestamptz,
    apply_error     text,                   -- why an early message could not be applied when its turn came
    unique (sender, conversation, seq)
);
create index inbox_unapplied on inbox_message (sender, conversation, seq) where applied_at is null;

-- Envelopes refused before they were stored: what was wrong, for the administrator. Nothing else changed.
create table inbox_rejection (
    id              bigint generated always as identity primary key,
    at              timestamptz not null,
    reason          text not null,
    detail          text not null,
    sender          text,
    message_id      uuid,
    client          text
);
create index inbox_rejection_at on inbox_rejection (at desc);
