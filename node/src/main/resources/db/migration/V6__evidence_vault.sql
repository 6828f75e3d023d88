-- The evidence vault and resumable uploads (evidence feature).

-- The vault's Tink keysets (streaming AEAD for content, AEAD for each blob's trailer), sealed with
-- the node keystore's secret box (AES-256-GCM, context 'vault_key:<name>'). Without them, and the
-- keystore that sealed them, no stored evidence can be read: back them up with the database.
create table vault_key (
    name            text primary key check (name in ('blob-content', 'blob-trailer')),
    sealed_keyset   bytea not null,
    created_at      timestamptz not null
);

-- An item of evidence in the vault: its bytes are the blob under sha256; who recorded it, for which
-- request and side, and how it was acquired (chain of custody: tool, examiner, source, method, time).
create table evidence_item (
    id                  uuid primary key,
    request_id          uuid not null references request (id),
    side                text not null check (side in ('REQUESTING', 'REQUESTED')),
    sha256              text not null check (sha256 ~ '^[0-9a-f]{64}$'),
    size                bigint not null check (size >= 0),
    file_name           text not null check (length(file_name) between 1 and 255),
    media_type          text not null check (length(media_type) between 1 and 127),
    tool                text not null,
    tool_version        text not null,
    examiner            text not null,
    source              text not null,
    method              text not null,
    acquired_at         timestamptz not null,
    recorded_by         uuid not null references app_user (id),
    recorded_by_name    text not null,
    authority_id        uuid not null references authority (id),
    recorded_at         timestamptz not null,
    upload_id           uuid unique        -- the upload it came through, if any
);
create index evidence_item_request on evidence_item (request_id, recorded_at);

-- A resumable upload (tus 1.0). Its bytes so far are the chunks below, each a file sealed with the
-- vault's streaming AEAD; upload_offset is the last byte made durable and acknowledged.
create table upload (
    id              uuid primary key,
    user_id         uuid not null references app_user (id),
    user_name       text not null,
    authority_id    uuid not null references authority (id),
    request_id      uuid not null references request (id),
    side            text not null check (side in ('REQUESTING', 'REQUESTED')),
    length          bigint not null check (length >= 0),
    upload_offset   bigint not null default 0,
    metadata        text not null,          -- the Upload-Metadata header as the client sent it
    file_name       text not null,
    media_type      text not null,
    tool            text not null,
    tool_version    text not null,
    examiner        text not null,
    source          text not null,
    method          text not null,
    acquired_at     timestamptz not null,
    status          text not null default 'RECEIVING' check (status in ('RECEIVING', 'COMPLETE', 'TERMINATED', 'EXPIRED')),
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    expires_at      timestamptz not null,
    sha256          text,                   -- once complete
    check (upload_offset between 0 and length)
);
create index upload_user_receiving on upload (user_id) where status = 'RECEIVING';
create index upload_expiry on upload (expires_at) where status = 'RECEIVING';

create table upload_chunk (
    upload_id       uuid not null references upload (id),
    start_offset    bigint not null check (start_offset >= 0),
    length          bigint not null check (length > 0),
    file_name       text not null,          -- <uploads dir>/<upload id>/<file_name>
    primary key (upload_id, start_offset)
);
