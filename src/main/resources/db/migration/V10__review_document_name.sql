-- The name of a document entered with a review through the API (a mail's documents keep theirs inside the
-- kept content). Sealed like the review's names: a file name may name a person.
ALTER TABLE review ADD COLUMN document_name BYTEA;
