-- The node's own keys: Ed25519 to sign envelopes and receipts, P-256 to receive envelopes.
-- Private halves are sealed (AES-256-GCM) under the key in the node's keystore file, so the
-- database alone does not hold them. After a rotation the old key keeps working until not_after.
create table node_key (
    kid             text primary key,
    use             text not null check (use in ('sig', 'enc')),
    public_jwk      jsonb not null,
    sealed_private  bytea not null,
    not_before      timestamptz not null,
    not_after       timestamptz,
    created_at      timestamptz not null
);
create index node_key_use on node_key (use, not_before);

-- Every trust list this node accepted, newest serial last; the highest serial is the one in force.
create table trust_list (
    serial          bigint primary key,
    issuer          text not null,
    issued_at       timestamptz not null,
    signed          text not null,
    accepted_at     timestamptz not null,
    accepted_by     text not null
);
