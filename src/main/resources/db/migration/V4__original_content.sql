-- The notification's original content as the council sent it, once the security layers are off
-- (the MIME entity, documents included; AES-GCM in blob), forwarded to Scottish Government with it.
ALTER TABLE notification ADD COLUMN content_blob_id VARCHAR(36) REFERENCES blob (id);
