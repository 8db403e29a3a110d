package scot.sirgateway.quarantine;

/**
 * Published once a stored message is in quarantine (its entry written, the message marked
 * {@code QUARANTINED}). {@code acknowledge} decides whether the sender gets a reply and records on the
 * entry whether one went and, if not, why.
 */
public record MessageQuarantined(long quarantineId, long storedMessageId, String stage, ReasonCode reasonCode) {
}
