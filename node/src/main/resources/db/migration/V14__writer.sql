-- The Request Writer: what a guided draft keeps beside the request it drafts (the request itself,
-- its content and history, stay the request module's), and the issuing authority's sign-offs.

create table writer_draft (
    request_id            uuid primary key references request (id),
    translation_language  text,
    -- field path ("summaryOfFacts", "offences[0].name") -> the text in translation_language
    translation           jsonb not null default '{}'::jsonb,
    created_by            uuid not null,
    created_at            timestamptz not null,
    updated_at            timestamptz not null
);

-- Append-only: a sign-off approves one content (its SHA-256); a later change needs a new one.
create table writer_sign_off (
    id               uuid primary key,
    request_id       uuid not null references request (id),
    request_version  integer not null,
    document_sha256  text not null,
    signed_by        uuid not null,
    signer_name      text not null,
    authority_name   text not null,
    signed_at        timestamptz not null
);
create index writer_sign_off_request on writer_sign_off (request_id, signed_at desc);
create rule writer_sign_off_no_update as on update to writer_sign_off do instead nothing;
create rule writer_sign_off_no_delete as on delete to writer_sign_off do instead nothing;
