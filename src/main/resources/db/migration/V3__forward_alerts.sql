-- When the alert went that a forward to Scottish Government is due within four working hours.
ALTER TABLE notification ADD COLUMN forward_alerted_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE quarantine ADD COLUMN forward_alerted_at TIMESTAMP WITH TIME ZONE;
