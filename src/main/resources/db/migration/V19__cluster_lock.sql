-- The lock that makes one gateway node the leader (Spring Integration's JdbcLockRegistry, as in its
-- schema-postgresql.sql): a row per lock, its holder's node id and when its lease runs out. The holder's
-- id is VARCHAR where the library's script has CHAR(36): a node id shorter than 36 characters is then kept and
-- compared as it is, not padded with spaces (H2 and PostgreSQL pad and compare CHAR differently).
CREATE TABLE int_lock (
    lock_key CHAR(36) NOT NULL,
    region VARCHAR(100) NOT NULL,
    client_id VARCHAR(36),
    created_date TIMESTAMP NOT NULL,
    expired_after TIMESTAMP NOT NULL,
    CONSTRAINT int_lock_pk PRIMARY KEY (lock_key, region)
);

-- Leadership can lapse briefly (a leader that stalls past its lease, or one shutting down while the next
-- takes over): two nodes may then take the same mail from the mailbox at once. A mail is stored once: the
-- second insert of the same Message-ID and content fails, its transaction rolls back, and the next poll
-- finds the mail stored and only counts the delivery (StoredMessages.store).
CREATE UNIQUE INDEX stored_message_once ON stored_message (message_id, content_sha256);
