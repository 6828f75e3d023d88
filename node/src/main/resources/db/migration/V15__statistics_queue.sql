-- Statistics off the request's hot path: a change only queues its request here (in its own
-- transaction, so a rollback queues nothing); FactMaintainer drains the queue in batches, every half
-- second and before any figure is read, deriving the facts again and writing the rollup changes of a
-- whole batch at once. Several instances of a node share the queue (claimed with SKIP LOCKED).
-- No unique key on request_id and no foreign key: a change never waits on a drainer's claim (a
-- request queued twice is derived twice, which changes nothing the second time).
create table stats_pending (
    id         bigint generated always as identity primary key,
    request_id uuid not null
);
