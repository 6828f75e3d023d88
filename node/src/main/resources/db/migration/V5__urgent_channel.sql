-- The 24/7 channel (Budapest Convention Art. 35): who backs up a point of contact when nobody
-- acknowledges an urgent request in time, and the e-mails the node sends.

create table backup_contact (
    authority_id    uuid not null references authority (id),
    position        integer not null,
    name            text not null check (length(name) between 1 and 200),
    email           text,
    phone           text,
    primary key (authority_id, position)
);

-- E-mails to send (written in the transaction that decided them) and what became of them.
create table notification (
    id              uuid primary key,
    kind            text not null,          -- URGENT_DELIVERED, ACKNOWLEDGE_DUE_SOON, ESCALATED
    request_id      uuid references request (id),
    authority_id    uuid references authority (id),
    recipients      text[] not null,
    subject         text not null,
    body            text not null,
    created_at      timestamptz not null,
    status          text not null default 'PENDING' check (status in ('PENDING', 'SENT', 'FAILED', 'NO_SERVER', 'NO_RECIPIENT')),
    attempts        integer not null default 0,
    next_attempt_at timestamptz not null,
    sent_at         timestamptz,
    last_error      text
);
create index notification_pending on notification (next_attempt_at) where status = 'PENDING';
create index notification_request on notification (request_id, created_at);

-- Peers trusted by the administrator's own decision, outside the directory (a bilateral
-- arrangement): the node's description as the peer published it, its signing key id confirmed
-- out of band. A node the trust list names is trusted as the list says, not as pinned.
create table pinned_peer (
    node_id         text primary key,
    description     text not null,
    signing_kid     text not null,
    pinned_at       timestamptz not null,
    pinned_by       text not null
);
