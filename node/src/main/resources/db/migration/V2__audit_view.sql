-- The audit trail viewer: an auditor reads their authority's trail newest first; anyone reading
-- it may look for everything that happened to one thing (a request, a user, a token).
create index audit_event_authority on audit_event (authority_id, id);
create index audit_event_target_id on audit_event (target_id);
