package scot.sirgateway.intake;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import scot.sirgateway.council.Council;
import scot.sirgateway.model.FieldSource;
import scot.sirgateway.model.FieldValue;
import scot.sirgateway.model.FormField;
import scot.sirgateway.model.Layer;
import scot.sirgateway.storage.StoredMessages;
import scot.sirgateway.storage.MessageHeaders;

/**
 * One stored message on its way through the stages: the exchange body from {@code intake-parse} to
 * {@code register-notification}. Each stage adds what it found, so no stage works anything out again.
 */
public class Submission {

    /** Exchange property holding the stored message id, set before any stage runs. */
    public static final String STORED_MESSAGE_ID = StoredMessages.EXCHANGE_PROPERTY;

    /**
     * The stored message's {@code source} of a form post (the council API or the web form). Only the
     * gateway's own code stores a message with it; nothing a mail carries can make a mail a form post.
     */
    public static final String FORM = "FORM";

    /**
     * Headers of the message the gateway builds from a form post: the account (username, or
     * {@code token:<id>}) and its council. Read only on a stored message whose source is {@link #FORM}; on a
     * mail they mean nothing.
     */
    public static final String FORM_ACCOUNT_HEADER = "X-SIR-Form-Account";
    public static final String FORM_COUNCIL_HEADER = "X-SIR-Form-Council";
    /** How the form post came: "the web form" or "the API" (the timeline's words). */
    public static final String FORM_CHANNEL_HEADER = "X-SIR-Form-Channel";

    /** The content type of a form post's values part: a JSON object of form keys and their texts. */
    public static final String FORM_VALUES_TYPE = "application/json";

    /**
     * What the thread stage found for a mail about an existing notification: the notification (its id,
     * reference and whether it was withdrawn), whether the mail was auto-submitted (an out-of-office reply),
     * and the Message-IDs its In-Reply-To and References name.
     */
    public record Threading(long notificationId, String reference, boolean withdrawn, boolean autoSubmitted,
            List<String> repliesTo) {
    }

    /** A value as a stage found it, before classification. */
    public record RawValue(String text, FieldSource source) {
    }

    private final StoredMessages.StoredMessage stored;
    private final MimeMessage mime;
    private final MessageHeaders headers;

    // unwrap
    private String senderAddress;
    private Council senderCouncil;
    private String signer;
    private boolean signatureVerified;
    private boolean decrypted;
    private java.security.cert.X509Certificate signerCertificate;
    private String signatureFingerprint;
    private jakarta.mail.Part content;
    private final List<Layer> layers = new ArrayList<>();
    private boolean accountVerified;
    private String formAccount;

    // thread
    private Threading threading;

    // extract
    private final Map<FormField, RawValue> rawValues = new EnumMap<>(FormField.class);

    // classify
    private final Map<FormField, FieldValue> fields = new EnumMap<>(FormField.class);
    private final List<TriageReason> triageReasons = new ArrayList<>();
    private Boolean domesticAbuse;
    private Boolean historical;

    public Submission(StoredMessages.StoredMessage stored, MimeMessage mime, MessageHeaders headers) {
        this.stored = stored;
        this.mime = mime;
        this.headers = headers;
    }

    public long storedMessageId() { return stored.id(); }
    public String source() { return stored.source(); }
    public OffsetDateTime receivedAt() { return stored.receivedAt(); }
    public String messageId() { return stored.messageId(); }
    public MimeMessage mime() { return mime; }
    public MessageHeaders headers() { return headers; }

    public String senderAddress() { return senderAddress; }
    public Council senderCouncil() { return senderCouncil; }
    public String signer() { return signer; }
    public boolean signatureVerified() { return signatureVerified; }
    public boolean decrypted() { return decrypted; }
    public List<Layer> layers() { return layers; }

    /** The certificate of the verified signer, when there is one (acknowledgements are encrypted to it). */
    public java.security.cert.X509Certificate signerCertificate() { return signerCertificate; }

    /** The innermost content, once the security layers are off (the whole message when there are none). */
    public jakarta.mail.Part content() { return content == null ? mime : content; }

    public void unwrapped(jakarta.mail.Part content) {
        this.content = content;
    }

    public void identifySender(String address, Council council) {
        this.senderAddress = address;
        this.senderCouncil = council;
    }

    public void recordSignature(String signer, java.security.cert.X509Certificate certificate) {
        this.signer = signer;
        this.signerCertificate = certificate;
        this.signatureVerified = certificate != null;
    }

    /**
     * SHA-256 (hex) over the verified signer's certificate and the digest of the content it signed: the
     * same signed notification sent again has the same fingerprint (a replay). Null when unsigned.
     */
    public String signatureFingerprint() { return signatureFingerprint; }

    public void recordSignatureFingerprint(String fingerprint) {
        this.signatureFingerprint = fingerprint;
    }

    /** Whether the stored message is a form post ({@link #FORM}), as the gateway's own code stored it. */
    public boolean formPost() {
        return FORM.equals(stored.source());
    }

    /**
     * A form post's sender: the signed-in account (or token) of a council, verified by the sign-in and
     * recorded as an {@link Layer.Kind#ACCOUNT} layer. No signature was checked, so {@link #signatureVerified()}
     * stays false, but the sender counts as verified ({@link #senderVerified()}).
     */
    public void verifyAccount(String account, Council council, String acknowledgeTo) {
        if (!formPost()) {
            throw new IllegalStateException("only a form post is verified by its account");
        }
        this.accountVerified = true;
        this.formAccount = account;
        this.senderAddress = acknowledgeTo;
        this.senderCouncil = council;
        layers.add(new Layer(Layer.Kind.ACCOUNT, null, council.name(), account, true, null));
    }

    /** The account (username, or {@code token:<id>}) that posted the form; null for mail. */
    public String formAccount() {
        return formAccount;
    }

    /**
     * Whether the sender is verified: by its S/MIME signature, or (a form post) by the council account that
     * posted it. The triage rules treat both alike.
     */
    public boolean senderVerified() {
        return signatureVerified || accountVerified;
    }

    public void markDecrypted() {
        this.decrypted = true;
    }

    /** The notification this mail is about; null when it is not threaded (a new notification). */
    public Threading threading() { return threading; }

    public void threadTo(Threading threading) {
        this.threading = threading;
    }

    public Map<FormField, RawValue> rawValues() { return rawValues; }

    public Map<FormField, FieldValue> fields() { return fields; }

    public Boolean domesticAbuse() { return domesticAbuse; }
    public Boolean historical() { return historical; }

    /** The flags the description raises. */
    public void flag(boolean domesticAbuse, boolean historical) {
        this.domesticAbuse = domesticAbuse;
        this.historical = historical;
    }

    /** Why an operator must confirm this notification; empty when nothing needs confirming. */
    public List<TriageReason> triageReasons() { return triageReasons; }

    /** The triage reasons as the timeline writes them: their words, separated by semicolons. */
    public String triageSummary() {
        return String.join("; ", triageReasons.stream().map(TriageReason::text).toList());
    }

    /** Required fields with no usable value. */
    public List<FormField> missingRequired() {
        return java.util.Arrays.stream(FormField.values())
                .filter(FormField::required)
                .filter(f -> fields.get(f) == null || fields.get(f).value() == null)
                .toList();
    }
}
