-- The text a request is searched by, apart from the row that lists it. Every change to a request
-- rewrites its projection row, and an update that is not HOT adds an entry to every index of the
-- table, the full-text GIN index included, whether or not the text changed. The text changes only
-- when the document does (creation, edits); status changes now leave it and its index alone.
-- (V6 is the evidence uploads' migration.)

create table request_text (
    request_id  uuid primary key references request (id),
    reference   text not null,
    title       text not null,
    body        jsonb not null,
    search      tsvector generated always as (
        to_tsvector('simple',
            reference || ' ' || title || ' ' || coalesce(body ->> 'summaryOfFacts', '') || ' '
            || coalesce(body ->> 'nationalReference', '') || ' ' || coalesce(jsonb_path_query_array(body, '$.offences[*].name')::text, ''))
    ) stored
);

insert into request_text (request_id, reference, title, body) select id, reference, title, body from request;
create index request_text_search on request_text using gin (search);

alter table request drop column search;
alter table request drop column body;
