-- a blob larger than one chunk (a message of several megabytes, its documents, a forward) is kept as a row in
-- blob (its key id, how many chunks and how many bytes; iv and ciphertext empty) and its chunks in blob_chunk,
-- each sealed on its own under that key with the blob id, its number and whether it is the last in the
-- associated data: bytes are written and read a chunk at a time, never as a second whole copy. Rows written
-- before (chunks NULL) keep their one ciphertext and read as before.
ALTER TABLE blob ADD COLUMN chunks INTEGER;
ALTER TABLE blob ADD COLUMN size_bytes BIGINT;
CREATE TABLE blob_chunk (
    blob_id     VARCHAR(36) NOT NULL REFERENCES blob (id),
    n           INTEGER     NOT NULL,
    iv          BYTEA       NOT NULL,
    ciphertext  BYTEA       NOT NULL,
    PRIMARY KEY (blob_id, n)
);
