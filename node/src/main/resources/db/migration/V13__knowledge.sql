-- The knowledge base (ARCHITECTURE.md, knowledge): country profiles with their full history, and
-- the document repository whose search index (Lucene, in the data folder) is rebuilt from here.

-- The current version of each state's profile: the row the advisor and the writer read.
create table knowledge_profile (
    state_code  text primary key check (state_code ~ '^[A-Z]{2}$'),
    version     integer not null check (version > 0),
    document    jsonb not null,
    changed_at  timestamptz not null,
    changed_by  text not null,
    note        text
);

-- Every version ever saved, who saved it and why. Append-only.
create table knowledge_profile_version (
    state_code  text not null,
    version     integer not null,
    document    jsonb not null,
    changed_at  timestamptz not null,
    changed_by  text not null,
    user_id     uuid,
    note        text,
    primary key (state_code, version)
);
create rule knowledge_profile_version_no_update as on update to knowledge_profile_version do instead nothing;
create rule knowledge_profile_version_no_delete as on delete to knowledge_profile_version do instead nothing;

-- Legislation, case summaries, good practices, guides and templates.
create table knowledge_document (
    id          uuid primary key,
    type        text not null,
    country     text not null,
    topic       text not null,
    language    text not null,
    title       text not null,
    body        text not null,
    published   date,
    source      text,
    url         text,
    external_id text unique,
    created_at  timestamptz not null,
    created_by  text not null
);
create index knowledge_document_country on knowledge_document (country);
