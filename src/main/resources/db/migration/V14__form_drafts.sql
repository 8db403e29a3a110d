-- The council web form's drafts: a notification or a review being written, saved page by page and
-- continued later by any user of the council. The id is random (not guessable); the answers are sealed
-- (AES-GCM, bound to the draft's id and column); a draft untouched for 30 days is deleted, its people
-- warned a week before (warned_at). Documents uploaded to a draft are sealed too and go with it.
CREATE TABLE form_draft (
    id            VARCHAR(36)              PRIMARY KEY,
    council       VARCHAR(100)             NOT NULL,
    created_by    VARCHAR(100)             NOT NULL,
    kind          VARCHAR(16)              NOT NULL,
    reference     VARCHAR(40),
    answers       BYTEA                    NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    warned_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX form_draft_council ON form_draft (council, kind, updated_at);
CREATE INDEX form_draft_updated ON form_draft (updated_at);

-- Who worked on a draft: the people its expiry warning goes to.
CREATE TABLE form_draft_editor (
    draft_id      VARCHAR(36)              NOT NULL REFERENCES form_draft (id) ON DELETE CASCADE,
    username      VARCHAR(100)             NOT NULL,
    PRIMARY KEY (draft_id, username)
);

CREATE TABLE form_draft_document (
    id            VARCHAR(36)              PRIMARY KEY,
    draft_id      VARCHAR(36)              NOT NULL REFERENCES form_draft (id) ON DELETE CASCADE,
    filename      BYTEA                    NOT NULL,
    key_id        VARCHAR(32)              NOT NULL,
    iv            BYTEA                    NOT NULL,
    content       BYTEA                    NOT NULL,
    size_bytes    BIGINT                   NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX form_draft_document_draft ON form_draft_document (draft_id, created_at);
