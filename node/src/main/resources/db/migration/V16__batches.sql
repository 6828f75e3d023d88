-- Messages sent in batches (docs/formats/envelope.md, "Batches"): the outbox keeps each message's
-- signed form (compact JWS), signed on the first attempt and resent byte for byte in whatever batch
-- carries it next, and envelope_digest then holds that signed message's digest, which the peer's
-- receipt (comity.receipt/2) names. Rows sealed alone before batches keep their envelope and are
-- sent as they were.
alter table outbox_message add column signed_message text;
