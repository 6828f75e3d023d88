-- What a proposal said and in whose authority's name, so that the event the requested node records
-- for it must carry the same words by the same authority. Null in rows proposed before this
-- column existed: those are matched by action and user only.
alter table request_proposal add column reason text, add column actor_authority_id uuid;
