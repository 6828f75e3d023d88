-- Retention of evidence (ARCHITECTURE.md section 5): an item is disposed of when its retention
-- period ends or its authority decides so, unless it is on legal hold. Disposal is itself a custody
-- event (the exhibit's last on this node); the item's row stays, with who disposed of it, when and
-- why, so its chain of custody and the ledger still account for it. Its bytes leave the vault once
-- no item that is not disposed of refers to them.

alter table evidence_item
    add column disposed_at      timestamptz,
    add column disposed_by      text,
    add column disposal_reason  text,
    add column hold_since       timestamptz,
    add column hold_by          text,
    add column hold_reason      text,
    add constraint evidence_item_disposal check ((disposed_at is null) = (disposed_by is null) and (disposed_at is null) = (disposal_reason is null)),
    add constraint evidence_item_hold check ((hold_since is null) = (hold_by is null) and (hold_since is null) = (hold_reason is null)),
    add constraint evidence_item_not_both check (disposed_at is null or hold_since is null);

-- The retention job looks for items recorded before a cut-off that are neither held nor disposed of.
create index evidence_item_retention on evidence_item (recorded_at) where disposed_at is null and hold_since is null;
-- Whether anything still refers to a blob before it is removed.
create index evidence_item_blob on evidence_item (sha256) where disposed_at is null;
