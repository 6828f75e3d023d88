-- An urgent request under an instrument that sets no acknowledgement deadline now has the 24/7
-- channel's hour (LegalClock.URGENT_ACKNOWLEDGEMENT). The requests already delivered and waiting
-- for acknowledgement are handed to the deadline watch once, which derives their schedule again
-- (lists, alerts, escalation) as it does after every change.
update request set next_alert_at = now() where status = 'DELIVERED' and urgency <> 'NORMAL';
