-- The Exchange page lists refusals of messages a trusted node signed apart from those of unverified
-- senders, so that a flood of garbage from the internet cannot push them out of view.
create index inbox_rejection_from_nodes on inbox_rejection (at desc, id desc) where sender is not null;
create index inbox_rejection_unverified on inbox_rejection (at desc, id desc) where sender is null;
