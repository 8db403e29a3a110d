package scot.sirgateway.quarantine;

import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import scot.sirgateway.ReleaseRefusedException;
import scot.sirgateway.storage.StoredMessages;

/**
 * What an operator does with a quarantined message: run it again through the stages (after fixing
 * the cause: a registry entry, a key, a certificate), supply the password of its PDF first, or
 * dismiss it with a reason. The stored bytes and the original {@code received_at} are kept, so no
 * clock restarts. A reprocess whose cause is unchanged (the fingerprint of what the stopping stage
 * depended on is the same as when it was quarantined) is refused: it would only be quarantined again.
 * {@code RETRIES_EXHAUSTED}, a transient cause, may always be reprocessed. Every reprocess runs the stored
 * message through every stage again from the start, so a message stopped at the {@code thread} stage (a
 * reference no notification has, or another council's) is threaded again, against the notifications and
 * councils as they are now.
 */
@Component
public class QuarantineRelease {

    private static final Logger log = LoggerFactory.getLogger(QuarantineRelease.class);

    private final QuarantineEntries entries;
    private final StoredMessages storedMessages;
    private final CauseFingerprint causes;

    public QuarantineRelease(QuarantineEntries entries, StoredMessages storedMessages, CauseFingerprint causes) {
        this.entries = entries;
        this.storedMessages = storedMessages;
        this.causes = causes;
    }

    @Transactional
    public void reprocess(long quarantineId, String operator) {
        QuarantineEntries.Entry entry = openEntry(quarantineId);
        refuseWhenCauseUnchanged(entry, switch (entry.reasonCode()) {
            case UNKNOWN_REFERENCE, REFERENCE_OF_OTHER_COUNCIL -> "the notification it is about, and the councils' "
                    + "domains, are as they were: dismiss it and ask the council to send it again quoting its own reference";
            default -> "nothing it depends on has changed since it was quarantined (the gateway's keys, trust anchors, "
                    + "councils and their certificates and PDF passwords, the classification rules): fix the cause and "
                    + "restart the gateway, or supply the PDF password, then reprocess";
        });
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
        // rolled back with the transaction when refused
        refuseWhenCauseUnchanged(entry, "this password was already tried on this message");
        release(entry, operator);
    }

    /** Closes an open entry for good, with the operator's reason; the stored bytes are kept. */
    @Transactional
    public void dismiss(long quarantineId, String reason, String operator) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("give a reason for dismissing the entry (\"reason\")");
        }
        QuarantineEntries.Entry entry = entries.find(quarantineId).orElseThrow(
                () -> new java.util.NoSuchElementException("no quarantine entry " + quarantineId));
        if (entry.state() != QuarantineEntries.State.OPEN || !entries.dismiss(quarantineId, operator, reason.trim())) {
            throw new ReleaseRefusedException("quarantine entry " + quarantineId + " is already "
                    + entries.find(quarantineId).orElseThrow().state());
        }
        log.info("quarantine {} dismissed by {}", quarantineId, operator);
    }

    private void refuseWhenCauseUnchanged(QuarantineEntries.Entry entry, String why) {
        if (entry.reasonCode() == ReasonCode.RETRIES_EXHAUSTED || entry.storedMessageId() == null) {
            return;
        }
        String then = entries.cause(entry.id()).orElse(null);
        String now = causes.of(entry.stage(), entry.storedMessageId());
        if (then != null && Objects.equals(then, now)) {
            throw new ReleaseRefusedException("quarantine entry " + entry.id() + " (" + entry.reasonCode()
                    + ") would be quarantined again: " + why);
        }
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
