-- Comity node, first schema: the directory of authorities, accounts, the audit trail, and requests
-- with their event history. Kept compatible with PostgreSQL 15+ (embedded default is 18).

-- Directory ------------------------------------------------------------------------------------

create table state (
    code        text primary key check (code ~ '^[A-Z]{2}$'),
    name        text not null
);

create table node (
    id          text primary key check (id ~ '^[A-Z0-9-]{2,32}$'),
    name        text not null,
    state_code  text not null references state (code),
    endpoint    text,
    local       boolean not null default false
);

create table authority (
    id          uuid primary key,
    state_code  text not null references state (code),
    node_id     text not null references node (id),
    name        text not null check (length(name) between 1 and 200),
    kind        text not null check (kind in ('CENTRAL_AUTHORITY', 'JUDICIAL_AUTHORITY', 'POINT_OF_CONTACT', 'SERVICE_PROVIDER')),
    email       text,
    phone       text,
    languages   text[] not null default '{}',
    active      boolean not null default true,
    created_at  timestamptz not null,
    version     integer not null default 0
);
create index authority_state on authority (state_code);

-- Accounts -------------------------------------------------------------------------------------

create table app_user (
    id                  uuid primary key,
    authority_id        uuid not null references authority (id),
    username            text not null unique check (username ~ '^[a-z0-9._-]{3,64}$'),
    display_name        text not null,
    email               text,
    password_hash       text not null,
    totp_secret         bytea,          -- AES-GCM sealed with the node's secret key
    totp_last_step      bigint,         -- a TOTP code is accepted once (RFC 6238 section 5.2)
    roles               text[] not null,
    locale              text,
    enabled             boolean not null default true,
    failed_logins       integer not null default 0,
    locked_until        timestamptz,
    last_login_at       timestamptz,
    created_at          timestamptz not null,
    version             integer not null default 0
);
create index app_user_authority on app_user (authority_id);

create table api_token (
    id              uuid primary key,
    user_id         uuid not null references app_user (id),
    authority_id    uuid not null references authority (id),
    name            text not null check (length(name) between 1 and 100),
    token_hash      bytea not null unique,  -- SHA-256 of the secret; the secret itself is shown once
    prefix          text not null,          -- first characters, so a user can tell tokens apart
    scopes          text[] not null,
    created_by      uuid references app_user (id),  -- null when the node itself issued it (demo start-up)
    created_at      timestamptz not null,
    expires_at      timestamptz not null,
    revoked_at      timestamptz,
    last_used_at    timestamptz
);
create index api_token_user on api_token (user_id);

-- Audit trail: every mutation and every read of sensitive data. Append-only.
create table audit_event (
    id              bigint generated always as identity primary key,
    at              timestamptz not null,
    actor_user_id   uuid,
    actor_name      text not null,
    authority_id    uuid,
    action          text not null,
    target_type     text,
    target_id       text,
    outcome         text not null check (outcome in ('SUCCESS', 'DENIED', 'FAILED')),
    detail          jsonb not null default '{}',
    client          text
);
create index audit_event_at on audit_event (at);
create index audit_event_target on audit_event (target_type, target_id);

create rule audit_event_no_update as on update to audit_event do instead nothing;
create rule audit_event_no_delete as on delete to audit_event do instead nothing;

-- Requests -------------------------------------------------------------------------------------

create sequence request_reference_seq;

-- The current projection of each request. The truth is request_event; these columns are derived
-- from it in the same transaction that appends the events, for listing and filtering.
create table request (
    id                      uuid primary key,
    reference               text not null unique,
    instrument_id           text not null,
    request_type            text not null,
    requesting_authority_id uuid not null references authority (id),
    requested_authority_id  uuid references authority (id),     -- null while a draft has no addressee
    executing_authority_id  uuid references authority (id),
    requesting_state        text not null references state (code),
    requested_state         text references state (code),
    urgency                 text not null,
    confidentiality         text not null,
    title                   text not null,
    status                  text not null,
    preservation_status     text,
    preserved_until         timestamptz,
    body                    jsonb not null,
    created_by              uuid references app_user (id),
    created_at              timestamptz not null,
    updated_at              timestamptz not null,
    submitted_at            timestamptz,
    next_deadline_at        timestamptz,    -- earliest due time of a running deadline
    due_soon_at             timestamptz,    -- earliest moment a running deadline counts as due soon
    next_alert_at           timestamptz,    -- when the legal clock must look at this request again
    version                 integer not null,
    search                  tsvector generated always as (
        to_tsvector('simple',
            reference || ' ' || title || ' ' || coalesce(body ->> 'summaryOfFacts', '') || ' '
            || coalesce(body ->> 'nationalReference', '') || ' ' || coalesce(jsonb_path_query_array(body, '$.offences[*].name')::text, ''))
    ) stored
);
create index request_requesting on request (requesting_authority_id, updated_at desc, id desc);
create index request_requested on request (requested_authority_id, updated_at desc, id desc);
create index request_executing on request (executing_authority_id, updated_at desc, id desc) where executing_authority_id is not null;
create index request_requesting_state on request (requesting_state, updated_at desc, id desc);
create index request_requested_state on request (requested_state, updated_at desc, id desc);
create index request_search on request using gin (search);
create index request_next_alert on request (next_alert_at) where next_alert_at is not null;

create table request_event (
    request_id          uuid not null references request (id),
    seq                 integer not null,
    id                  uuid not null unique,
    type                text not null,
    at                  timestamptz not null,
    actor_user_id       uuid,
    actor_name          text not null,
    actor_authority_id  uuid references authority (id),
    reason              text,
    payload             jsonb not null default '{}',
    primary key (request_id, seq)
);

create rule request_event_no_update as on update to request_event do instead nothing;
create rule request_event_no_delete as on delete to request_event do instead nothing;

create table attachment (
    id              uuid primary key,
    request_id      uuid not null references request (id),
    file_name       text not null,
    media_type      text not null,
    size_bytes      bigint not null,
    sha256          text not null,
    uploaded_by     uuid references app_user (id),
    uploaded_at     timestamptz not null,
    side            text not null
);
create index attachment_request on attachment (request_id);

-- Deadline alerts raised by the legal clock; one per request, deadline and level.
create table deadline_alert (
    id              bigint generated always as identity primary key,
    request_id      uuid not null references request (id),
    deadline        text not null,
    level           text not null check (level in ('DUE_SOON', 'OVERDUE')),
    due_at          timestamptz not null,
    raised_at       timestamptz not null,
    authority_id    uuid not null references authority (id),
    unique (request_id, deadline, level, due_at)
);
create index deadline_alert_authority on deadline_alert (authority_id, raised_at desc);

-- Exchange: messages that must leave this node, written in the same transaction as the change that
-- causes them (transactional outbox). Delivery between nodes arrives with the exchange feature.
create table outbox_message (
    id              uuid primary key,
    request_id      uuid references request (id),
    destination     text not null references node (id),
    type            text not null,
    payload         jsonb not null,
    created_at      timestamptz not null,
    status          text not null default 'PENDING',
    attempts        integer not null default 0,
    next_attempt_at timestamptz,
    last_error      text
);
create index outbox_pending on outbox_message (next_attempt_at) where status = 'PENDING';
