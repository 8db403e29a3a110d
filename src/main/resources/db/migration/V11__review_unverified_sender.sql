-- A review mailed without a verified signature (accepted under ACCEPT_UNVERIFIED): anyone can forge a
-- council's From, so such a review waits in TRIAGE and does not stop the council's review clock (nor start
-- the inspector's comment clock) until an operator releases it. The flag stays as a fact once released.
ALTER TABLE review ADD COLUMN unverified_sender BOOLEAN DEFAULT FALSE NOT NULL;
