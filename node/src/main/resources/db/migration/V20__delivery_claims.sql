-- Each claim of a message by a delivery worker carries its own token: only the holder of the current
-- claim may record the answer, so a late answer to a send whose lease ran out (and which another
-- instance, or an administrator's retry, took over since) changes nothing.
alter table outbox_message add column claim uuid;
-- When the message now kept was signed (its sentAt): a dead letter queued again is signed anew only
-- when that is older than the replay window allows, not because the row is old.
alter table outbox_message add column signed_at timestamptz;
