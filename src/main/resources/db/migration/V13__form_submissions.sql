-- Form posts (the council API and the web form) are stored as messages like mail and run through the stages
-- at once, in the request. claimed_until keeps the intake-waiting timer off such a message while the request
-- runs it; after a crash the claim runs out and the timer takes the message as its safety net, so a stored
-- message goes through the stages once.
ALTER TABLE stored_message ADD COLUMN claimed_until TIMESTAMP WITH TIME ZONE;

-- The first answer to a council's post with an Idempotency-Key: a retry with the same key and the same body
-- gets it again (the same status and reference), another body under the same key is refused. The row is
-- inserted first, in its own transaction, so two concurrent retries cannot both go on: the second one finds
-- the key taken. Keys are kept 30 days (gateway.forms.idempotency-days).
CREATE TABLE idempotency_key (
    council        VARCHAR(100)             NOT NULL,
    idempotency    VARCHAR(255)             NOT NULL,
    request_sha256 CHAR(64)                 NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    status         INTEGER,
    reference      VARCHAR(32),
    body           VARCHAR(2000),
    PRIMARY KEY (council, idempotency)
);
CREATE INDEX idempotency_key_created_at ON idempotency_key (created_at);
