-- Secure intake: the security layers found on each notification (kind, algorithm, key or signer,
-- verified), and a PDF password an operator supplied for a quarantined message (AES-GCM ciphertext).
ALTER TABLE notification ADD COLUMN layers VARCHAR(4000);
ALTER TABLE stored_message ADD COLUMN pdf_password BYTEA;
