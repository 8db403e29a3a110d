-- Personal data at rest: every column that names or describes a person gets an AES-GCM twin (the
-- storage cipher's packed form, bound to its row and column). V5_1 seals the values already stored
-- into the twins; V5_2 drops the clear columns and gives the twins their names.
ALTER TABLE stored_message ADD COLUMN sender_sealed BYTEA;
ALTER TABLE quarantine ADD COLUMN sender_sealed BYTEA;
ALTER TABLE quarantine ADD COLUMN reason_sealed BYTEA;
ALTER TABLE notification ADD COLUMN sender_sealed BYTEA;
ALTER TABLE notification ADD COLUMN signer_sealed BYTEA;
ALTER TABLE notification ADD COLUMN layers_sealed BYTEA;
ALTER TABLE notification ADD COLUMN signoff_role_sealed BYTEA;
ALTER TABLE notification_event ADD COLUMN detail_sealed BYTEA;
ALTER TABLE outbox_mail ADD COLUMN recipient_sealed BYTEA;
ALTER TABLE outbox_mail ADD COLUMN last_error_sealed BYTEA;
-- the outbox counts mails per recipient: a keyed hash (HMAC-SHA256, hex) stands in for the address
ALTER TABLE outbox_mail ADD COLUMN recipient_hash VARCHAR(64);
