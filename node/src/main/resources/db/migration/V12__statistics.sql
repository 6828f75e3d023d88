-- Statistics (issue 6): figures derived from request events, never typed in by hand.
-- stats_request is one fact row per request and direction as this node's state sees it (a request
-- between two states hosted here is outgoing for one and incoming for the other). stats_rollup and
-- stats_duration are the rollups the dashboard reads: the listener on RequestEventsAppended takes
-- a fact's old contribution out and puts its new one in, in the change's transaction, so figures are
-- current without scanning the facts. Rec. 36 (statistics on MLA requests involving electronic
-- evidence), EU 2023/1543 Art. 28 (yearly figures per state).

create table stats_request (
    request_id          uuid not null references request (id),
    direction           text not null check (direction in ('INCOMING', 'OUTGOING')),
    own_state           text not null,
    partner_state       text not null default '',
    instrument_id       text not null,
    request_type        text not null,
    urgency             text not null,
    categories          smallint not null,      -- bit 0 subscriber, bit 1 traffic, bit 2 content
    outcome             text not null,          -- OPEN, EXECUTED, PARTIALLY_EXECUTED, REFUSED, WITHDRAWN, CLOSED
    refusal_ground      text not null default '',
    period              date not null,          -- first day of the month of submission (UTC)
    submitted_at        timestamptz not null,
    acknowledged_at     timestamptz,
    decided_at          timestamptz,
    executed_at         timestamptz,
    ack_met             boolean,                -- null while the deadline has not ended (or the instrument sets none)
    decide_met          boolean,
    execute_met         boolean,
    next_deadline_at    timestamptz,
    preservation_status text,
    preserved_until     timestamptz,
    follow_up           boolean not null default false,
    updated_at          timestamptz not null,
    primary key (request_id, direction)
);
-- Partial indexes for what stands now (backlog, overdue, preservations), each carrying the direction so
-- that counting them reads the index alone.
create index stats_request_open on stats_request (own_state, submitted_at) include (direction) where outcome = 'OPEN';
create index stats_request_overdue on stats_request (own_state, next_deadline_at) include (direction)
    where outcome = 'OPEN' and next_deadline_at is not null;
create index stats_request_preserved on stats_request (own_state, preserved_until) include (direction)
    where preservation_status = 'PRESERVED' and not follow_up;
create index stats_request_expired on stats_request (own_state) include (direction) where preservation_status = 'EXPIRED' and not follow_up;
create index stats_request_period on stats_request (own_state, period);

create table stats_rollup (
    own_state       text not null,
    direction       text not null,
    period          date not null,
    partner_state   text not null,
    instrument_id   text not null,
    request_type    text not null,
    urgency         text not null,
    categories      smallint not null,
    outcome         text not null,
    refusal_ground  text not null,
    shard           smallint not null,      -- a request's cells are spread over 16 stripes, so concurrent changes rarely wait on one row
    requests        integer not null,
    acknowledged    integer not null,
    ack_met         integer not null,
    ack_missed      integer not null,
    decided         integer not null,
    decide_met      integer not null,
    decide_missed   integer not null,
    executed        integer not null,
    execute_met     integer not null,
    execute_missed  integer not null,
    primary key (own_state, direction, period, partner_state, instrument_id, request_type, urgency, categories, outcome, refusal_ground, shard)
);

-- Times from submission to acknowledgement, decision and execution, as histograms with buckets 5 %
-- wide (bucket b holds (1.05^(b-1), 1.05^b] seconds), so medians and p90 come from the rollup.
create table stats_duration (
    own_state       text not null,
    direction       text not null,
    period          date not null,
    partner_state   text not null,
    instrument_id   text not null,
    request_type    text not null,
    measure         text not null check (measure in ('ACKNOWLEDGE', 'DECIDE', 'EXECUTE')),
    bucket          smallint not null,
    shard           smallint not null,
    n               integer not null,
    primary key (own_state, direction, period, partner_state, instrument_id, request_type, measure, bucket, shard)
);

-- The same histograms by state, direction and month only: what the dashboard reads when no partner,
-- instrument or type is chosen (most of the time), a few hundred rows a month instead of one per
-- duration when the finer cells are sparse.
create table stats_duration_month (
    own_state       text not null,
    direction       text not null,
    period          date not null,
    measure         text not null check (measure in ('ACKNOWLEDGE', 'DECIDE', 'EXECUTE')),
    bucket          smallint not null,
    shard           smallint not null,
    n               integer not null,
    primary key (own_state, direction, period, measure, bucket, shard)
);

-- And by one chosen dimension (a partner, an instrument or a type) and month: what the dashboard reads
-- when exactly one of them is chosen; the full table above answers the rarer combinations.
create table stats_duration_by (
    own_state       text not null,
    dimension       text not null check (dimension in ('PARTNER', 'INSTRUMENT', 'TYPE')),
    value           text not null,
    direction       text not null,
    period          date not null,
    measure         text not null check (measure in ('ACKNOWLEDGE', 'DECIDE', 'EXECUTE')),
    bucket          smallint not null,
    shard           smallint not null,
    n               integer not null,
    primary key (own_state, dimension, value, direction, period, measure, bucket, shard)
);

-- On a statistics node: the anonymized aggregates other nodes published (docs/formats/statistics.md),
-- the newest per node, state and year.
create table stats_received (
    node_id         text not null,
    state_code      text not null,
    year            integer not null,
    generated_at    timestamptz not null,
    received_at     timestamptz not null,
    report          jsonb not null,
    primary key (node_id, state_code, year)
);
