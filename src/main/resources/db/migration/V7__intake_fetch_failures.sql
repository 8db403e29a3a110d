-- Messages in the intake mailbox that the server could not hand over (their size, envelope or bytes
-- could not be read), by folder, UIDVALIDITY and UID: after gateway.mail.intake.max-fetch-attempts
-- failures the message is quarantined once, with what could be read, and moved to the quarantine folder.
CREATE TABLE intake_fetch_failure (
    folder           VARCHAR(200)             NOT NULL,
    uid_validity     BIGINT                   NOT NULL,
    uid              BIGINT                   NOT NULL,
    attempts         INTEGER                  NOT NULL,
    last_failure     VARCHAR(200)             NOT NULL,
    first_failed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    last_failed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    quarantine_id    BIGINT                   REFERENCES quarantine (id),
    PRIMARY KEY (folder, uid_validity, uid)
);
