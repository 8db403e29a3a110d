package scot.sirgateway.quarantine;

/**
 * Why a message was quarantined (the codes of CONTRACT.md), with what the sender is told to do when
 * a reply is due ({@code null}: no reply for this reason).
 */
public enum ReasonCode {
    MALFORMED_MESSAGE("Your message could not be read: its MIME structure is damaged. "
            + "Please send the notification again from your usual mail client."),
    MESSAGE_TOO_LARGE("Your message was larger than the gateway accepts. Please send the notification "
            + "again without large attachments (the form itself is enough)."),
    DUPLICATE_MESSAGE_ID(null),
    MESSAGE_LIMIT_EXCEEDED("Your message had more parts, deeper nesting or longer headers than the gateway "
            + "accepts. Please send the notification again as one ordinary mail with the form and its documents "
            + "attached side by side."),
    UNKNOWN_SENDER(null),
    NOT_A_NOTIFICATION("No serious incident notification was found in your message. Please send the "
            + "notification form (as an attachment or as 'field: value' lines), or quote the reference "
            + "SIR-YYYY-NNNN when you reply about an existing notification."),
    UNDECRYPTABLE("Your message was encrypted to a key the gateway does not hold. Please encrypt it to the "
            + "Care Inspectorate's current certificate and send it again."),
    MALFORMED_SMIME("The encryption or signature of your message could not be read. Please send it again."),
    BAD_SIGNATURE("The signature on your message does not match its content. Please send it again."),
    UNTRUSTED_SIGNER("Your message was signed with a certificate the gateway does not trust. Please sign it "
            + "with your council's registered certificate."),
    EXPIRED_CERTIFICATE("Your message was signed with a certificate that has expired. Please renew it and "
            + "send the notification again."),
    SENDER_MISMATCH("Your message was signed for another address than it came from. Please send it from "
            + "the address your certificate names."),
    UNSIGNED_NOT_ALLOWED("Your message was not signed. Please sign it with your council's certificate and "
            + "send it again."),
    PDF_PASSWORD_REQUIRED("An attached PDF is protected by a password the gateway does not know. Please "
            + "tell the Care Inspectorate the password by telephone; do not send it by mail."),
    UNREADABLE_DOCUMENT("An attached document could not be read. Please send it as PDF, Word, ODT, RTF or text."),
    DOCUMENT_LIMIT_EXCEEDED("An attached document was larger or more complex than the gateway accepts. "
            + "Please send the form on its own."),
    UNKNOWN_REFERENCE("Your message quotes a reference (SIR-YYYY-NNNN) that no notification has. Please check "
            + "the reference in the acknowledgement you received and send it again, or send a new notification "
            + "without a reference."),
    REFERENCE_OF_OTHER_COUNCIL("Your message quotes a reference of a notification that your council did not make. "
            + "Please check the reference in the acknowledgement you received and send it again."),
    RETRIES_EXHAUSTED(null);

    private final String senderAdvice;

    ReasonCode(String senderAdvice) {
        this.senderAdvice = senderAdvice;
    }

    /** What the reply to the sender says, or null when this reason gets no reply. */
    public String senderAdvice() {
        return senderAdvice;
    }
}
