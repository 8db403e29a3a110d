-- the audit trail also covers every view of a notification's details and every change to it or to a
-- quarantine entry (who, when, what): linked to the notification's reference or the quarantine entry
ALTER TABLE audit_event ADD COLUMN reference VARCHAR(40);
ALTER TABLE audit_event ADD COLUMN quarantine_id BIGINT;
CREATE INDEX audit_event_reference ON audit_event (reference);
