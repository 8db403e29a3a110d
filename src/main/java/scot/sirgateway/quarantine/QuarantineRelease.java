package scot.sirgateway.quarantine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import scot.sirgateway.ReleaseRefusedException;
import scot.sirgateway.intake.StoredMessages;

/**
 * What an operator does with a quarantined message: run it again through the stages (after fixing
 * the cause: a registry entry, a key, a certificate), or supply the password of its PDF first. The
 * stored bytes and the original {@code received_at} are kept, so no clock restarts.
 */
@Component
public class QuarantineRelease {

    private static final Logger log = LoggerFactory.getLogger(QuarantineRelease.class);

    private final QuarantineEntries entries;
    private final StoredMessages storedMessages;

    public QuarantineRelease(QuarantineEntries entries, StoredMessages storedMessages) {
        this.entries = entries;
        this.storedMessages = storedMessages;
    }

    @Transactional
    public void reprocess(long quarantineId, String operator) {
        QuarantineEntries.Entry entry = openEntry(quarantineId);
        release(entry, operator);
    }

    @Transactional
    public void supplyPdfPassword(long quarantineId, String password, String operator) {
        QuarantineEntries.Entry entry = openEntry(quarantineId);
        if (entry.reasonCode() != ReasonCode.PDF_PASSWORD_REQUIRED) {
            throw new ReleaseRefusedException("quarantine entry " + quarantineId + " is " + entry.reasonCode()
                    + ", not PDF_PASSWORD_REQUIRED: use reprocess instead");
        }
        if (password == null || password.isEmpty()) {
            throw new ReleaseRefusedException("the password is empty");
        }
        storedMessages.setPdfPassword(entry.storedMessageId(), password);
        release(entry, operator);
    }

    private QuarantineEntries.Entry openEntry(long quarantineId) {
        QuarantineEntries.Entry entry = entries.find(quarantineId).orElseThrow(
                () -> new java.util.NoSuchElementException("no quarantine entry " + quarantineId));
        if (entry.state() != QuarantineEntries.State.OPEN) {
            throw new ReleaseRefusedException("quarantine entry " + quarantineId + " is already " + entry.state());
        }
        StoredMessages.StoredMessage message = storedMessages.find(entry.storedMessageId()).orElseThrow();
        if (message.rawBlobId() == null) {
            throw new ReleaseRefusedException("quarantine entry " + quarantineId + " has only the message's headers "
                    + "(it was " + entry.reasonCode() + "): ask the sender to send it again");
        }
        return entry;
    }

    private void release(QuarantineEntries.Entry entry, String operator) {
        if (!entries.resolve(entry.id(), QuarantineEntries.State.RELEASED, operator)) {
            throw new ReleaseRefusedException("quarantine entry " + entry.id() + " was released by someone else just now");
        }
        storedMessages.markState(entry.storedMessageId(), StoredMessages.State.RECEIVED);
        log.info("quarantine {} released by {}: stored message {} goes through the stages again", entry.id(), operator,
                entry.storedMessageId());
    }
}
