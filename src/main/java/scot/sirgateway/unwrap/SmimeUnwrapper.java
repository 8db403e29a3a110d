package scot.sirgateway.unwrap;

import java.io.IOException;
import java.io.InputStream;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.SharedByteArrayInputStream;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSVerifierCertificateNotValidException;
import org.bouncycastle.cms.KeyAgreeRecipientInformation;
import org.bouncycastle.cms.Recipient;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.RecipientInformationStore;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.mail.smime.SMIMESigned;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.util.Store;
import org.springframework.stereotype.Component;

import scot.sirgateway.council.Council;
import scot.sirgateway.intake.MessageLimits;
import scot.sirgateway.intake.Submission;
import scot.sirgateway.quarantine.QuarantineException;
import scot.sirgateway.quarantine.ReasonCode;
import scot.sirgateway.model.Layer;
import scot.sirgateway.smime.BouncyCastle;
import scot.sirgateway.smime.GatewayKeys;

/**
 * The {@code unwrap-smime} step: takes S/MIME layers off, outermost first, as councils' clients make
 * them: encrypted (EnvelopedData with AES-CBC, RSA or ECDH; AuthEnvelopedData with AES-GCM), signed
 * opaque or detached, in any of the layerings signed, signed-then-encrypted and triple-wrapped. Each
 * layer is recorded; the innermost content and the verified signer go on to the next stages.
 * Throws {@code UNDECRYPTABLE}, {@code MALFORMED_SMIME}, {@code BAD_SIGNATURE} and the signer checks'
 * reasons, and {@code MESSAGE_LIMIT_EXCEEDED} when a layer's content is over a limit on its shape.
 */
@Component("smimeUnwrapper")
public class SmimeUnwrapper {

    static final int MAX_LAYERS = 3;

    private static final DefaultAlgorithmNameFinder NAMES = new DefaultAlgorithmNameFinder();

    private final GatewayKeys keys;
    private final SignerValidation signers;
    private final MessageLimits limits;

    public SmimeUnwrapper(GatewayKeys keys, SignerValidation signers, MessageLimits limits) {
        this.keys = keys;
        this.signers = signers;
        this.limits = limits;
    }

    public Submission unwrap(Submission submission) {
        if (submission.formPost()) {
            // the gateway built it from a form post: no S/MIME layer, whatever a document in it holds
            submission.unwrapped(submission.mime());
            return submission;
        }
        Part part = submission.mime();
        String from = submission.headers().fromAddress();
        Instant receivedAt = submission.receivedAt().toInstant();
        X509Certificate innermostSigner = null;
        String innermostFingerprint = null;
        try {
            while (isSmimeLayer(part)) {
                // refuse a fourth layer before opening it, whatever it holds
                if (submission.layers().size() == MAX_LAYERS) {
                    throw new QuarantineException(ReasonCode.MALFORMED_SMIME, "The message has more than " + MAX_LAYERS
                            + " S/MIME layers; councils' clients make at most three (signed, encrypted, signed).");
                }
                Unwrapped next = unwrapOne(part, from, receivedAt);
                submission.layers().add(next.layer());
                if (next.layer().kind() == Layer.Kind.ENCRYPTED || next.layer().kind() == Layer.Kind.AUTH_ENCRYPTED) {
                    submission.markDecrypted();
                }
                if (next.signer() != null) {
                    innermostSigner = next.signer();
                    innermostFingerprint = next.fingerprint();
                }
                part = next.content();
                // the limits hold inside every layer, before anything walks its content
                limits.check(part);
            }
        } catch (MessagingException | IOException e) {
            throw new QuarantineException(ReasonCode.MALFORMED_SMIME, "An S/MIME layer cannot be read ("
                    + e.getClass().getSimpleName() + ").", e);
        }
        if (innermostSigner != null) {
            submission.recordSignature(from, innermostSigner);
            submission.recordSignatureFingerprint(innermostFingerprint);
        }
        submission.unwrapped(part);
        return submission;
    }

    private record Unwrapped(Layer layer, Part content, X509Certificate signer, String fingerprint) {
    }

    private static boolean isSmimeLayer(Part part) throws MessagingException {
        String base = new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
        return base.equals("multipart/signed") || base.equals("application/pkcs7-mime")
                || base.equals("application/x-pkcs7-mime");
    }

    /** One S/MIME layer off. */
    private Unwrapped unwrapOne(Part part, String from, Instant receivedAt) throws MessagingException, IOException {
        ContentType type = new ContentType(part.getContentType());
        String base = type.getBaseType().toLowerCase(Locale.ROOT);
        if (base.equals("multipart/signed")) {
            if (!(part.getContent() instanceof MimeMultipart multipart)) {
                throw new QuarantineException(ReasonCode.MALFORMED_SMIME, "A multipart/signed part has no parts.");
            }
            return verify(signed(() -> new SMIMESigned(multipart)), Layer.Kind.SIGNED_DETACHED, from, receivedAt);
        }
        byte[] der;
        try (InputStream in = part.getInputStream()) {
            der = in.readAllBytes();
        }
        ContentInfo info;
        try {
            info = ContentInfo.getInstance(der);
        } catch (RuntimeException e) {
            throw new QuarantineException(ReasonCode.MALFORMED_SMIME, "An application/pkcs7-mime part is not CMS.");
        }
        ASN1ObjectIdentifier contentType = info.getContentType();
        if (CMSObjectIdentifiers.envelopedData.equals(contentType)) {
            return decrypt(info, false);
        }
        if (CMSObjectIdentifiers.authEnvelopedData.equals(contentType)) {
            return decrypt(info, true);
        }
        if (CMSObjectIdentifiers.signedData.equals(contentType)) {
            return verify(signed(() -> new SMIMESigned(part)), Layer.Kind.SIGNED_OPAQUE, from, receivedAt);
        }
        throw new QuarantineException(ReasonCode.MALFORMED_SMIME, "An application/pkcs7-mime part holds CMS content "
                + "of type " + contentType.getId() + ", which is neither encrypted nor signed data.");
    }

    private Unwrapped decrypt(ContentInfo info, boolean authenticated) throws MessagingException {
        RecipientInformationStore recipients;
        String algorithm;
        try {
            if (authenticated) {
                CMSAuthEnvelopedData data = new CMSAuthEnvelopedData(info);
                recipients = data.getRecipientInfos();
                algorithm = name(data.getEncryptionAlgOID());
            } else {
                CMSEnvelopedData data = new CMSEnvelopedData(info);
                recipients = data.getRecipientInfos();
                algorithm = name(data.getEncryptionAlgOID());
            }
        } catch (CMSException | RuntimeException e) {
            throw new QuarantineException(ReasonCode.MALFORMED_SMIME, "The encrypted layer cannot be parsed.");
        }
        for (GatewayKeys.GatewayKey key : keys.all()) {
            X509CertificateHolder holder;
            try {
                holder = new JcaX509CertificateHolder(key.certificate());
            } catch (CertificateException e) {
                throw new IllegalStateException("gateway certificate " + key.name() + " cannot be read", e);
            }
            for (RecipientInformation recipient : recipients.getRecipients()) {
                if (!recipient.getRID().match(holder)) {
                    continue;
                }
                Recipient opener = recipient instanceof KeyAgreeRecipientInformation
                        ? new JceKeyAgreeEnvelopedRecipient(key.privateKey()).setProvider(BouncyCastle.provider())
                        : new JceKeyTransEnvelopedRecipient(key.privateKey()).setProvider(BouncyCastle.provider());
                byte[] content;
                try {
                    content = recipient.getContent(opener);
                } catch (CMSException | RuntimeException e) {
                    throw new QuarantineException(ReasonCode.UNDECRYPTABLE, "The message is encrypted to the gateway key "
                            + key.name() + " but does not open with it: it is damaged or was altered.");
                }
                Layer layer = new Layer(authenticated ? Layer.Kind.AUTH_ENCRYPTED : Layer.Kind.ENCRYPTED,
                        algorithm + " with " + name(recipient.getKeyEncryptionAlgOID()), key.name(), null, true, null);
                return new Unwrapped(layer, new MimeBodyPart(new SharedByteArrayInputStream(content)), null, null);
            }
        }
        List<String> named = new ArrayList<>();
        for (RecipientInformation recipient : recipients.getRecipients()) {
            named.add(describe(recipient));
        }
        throw new QuarantineException(ReasonCode.UNDECRYPTABLE, "The message is encrypted to " + named
                + ", none of which is a key the gateway holds (gateway.crypto.keystores).");
    }

    private interface SignedSource {
        SMIMESigned open() throws Exception;
    }

    private static SMIMESigned signed(SignedSource source) {
        try {
            return source.open();
        } catch (Exception e) {
            throw new QuarantineException(ReasonCode.MALFORMED_SMIME, "The signature layer cannot be parsed ("
                    + e.getClass().getSimpleName() + ").");
        }
    }

    private Unwrapped verify(SMIMESigned signed, Layer.Kind kind, String from, Instant receivedAt)
            throws MessagingException {
        Collection<SignerInformation> signerInfos = signed.getSignerInfos().getSigners();
        if (signerInfos.isEmpty()) {
            throw new QuarantineException(ReasonCode.MALFORMED_SMIME, "A signature layer has no signer.");
        }
        @SuppressWarnings("unchecked")
        Store<X509CertificateHolder> certificates = signed.getCertificates();
        List<X509Certificate> included = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        for (X509CertificateHolder holder : certificates.getMatches(null)) {
            try {
                included.add(converter.getCertificate(holder));
            } catch (CertificateException e) {
                throw new QuarantineException(ReasonCode.MALFORMED_SMIME, "A certificate in the signature cannot be read.");
            }
        }
        X509Certificate signerCertificate = null;
        String algorithm = null;
        java.security.MessageDigest fingerprint = sha256();
        for (SignerInformation signer : signerInfos) {
            @SuppressWarnings("unchecked")
            Collection<X509CertificateHolder> matches = certificates.getMatches(signer.getSID());
            if (matches.isEmpty()) {
                throw new QuarantineException(ReasonCode.UNTRUSTED_SIGNER,
                        "The signature does not include the signer's certificate.");
            }
            X509CertificateHolder holder = matches.iterator().next();
            boolean valid;
            try {
                valid = signer.verify(new JcaSimpleSignerInfoVerifierBuilder()
                        .setProvider(BouncyCastle.provider()).build(holder));
            } catch (CMSVerifierCertificateNotValidException e) {
                // Bouncy Castle checks the certificate against the signing-time attribute itself
                throw new QuarantineException(ReasonCode.EXPIRED_CERTIFICATE, "The signer's certificate "
                        + holder.getSubject() + " was not valid at signing time (" + signingTime(signer) + "; valid "
                        + holder.getNotBefore().toInstant() + " to " + holder.getNotAfter().toInstant() + ").");
            } catch (CMSException | OperatorCreationException | CertificateException | RuntimeException e) {
                valid = false;
            }
            if (!valid) {
                throw new QuarantineException(ReasonCode.BAD_SIGNATURE, "The signature of "
                        + holder.getSubject() + " does not match the content: the message was altered after signing.");
            }
            try {
                signerCertificate = converter.getCertificate(holder);
            } catch (CertificateException e) {
                throw new QuarantineException(ReasonCode.MALFORMED_SMIME, "The signer's certificate cannot be read.");
            }
            signers.validate(signerCertificate, included, signingTime(signer), receivedAt, from);
            // what was verified: this signer and the digest of the content it signed (a replay has the same)
            try {
                fingerprint.update(holder.getEncoded());
            } catch (IOException e) {
                throw new QuarantineException(ReasonCode.MALFORMED_SMIME, "The signer's certificate cannot be read.");
            }
            fingerprint.update(signer.getContentDigest());
            String signature = name(signer.getEncryptionAlgOID());
            algorithm = signature.contains("WITH") ? signature : name(signer.getDigestAlgOID()) + " with " + signature;
        }
        Layer layer = new Layer(kind, algorithm, null, from, true, null);
        return new Unwrapped(layer, signed.getContent(), signerCertificate,
                java.util.HexFormat.of().formatHex(fingerprint.digest()));
    }

    private static java.security.MessageDigest sha256() {
        try {
            return java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant signingTime(SignerInformation signer) {
        if (signer.getSignedAttributes() == null) {
            return null;
        }
        Attribute attribute = signer.getSignedAttributes().get(CMSAttributes.signingTime);
        if (attribute == null || attribute.getAttrValues().size() == 0) {
            return null;
        }
        return Time.getInstance(attribute.getAttrValues().getObjectAt(0)).getDate().toInstant();
    }

    private static String describe(RecipientInformation recipient) {
        return recipient.getRID().getType() == org.bouncycastle.cms.RecipientId.keyTrans
                || recipient.getRID().getType() == org.bouncycastle.cms.RecipientId.keyAgree
                ? describeSelector(recipient.getRID()) : "a recipient of type " + recipient.getRID().getType();
    }

    private static String describeSelector(org.bouncycastle.cms.RecipientId rid) {
        if (rid instanceof org.bouncycastle.cms.KeyTransRecipientId keyTrans && keyTrans.getIssuer() != null) {
            return keyTrans.getIssuer() + " serial " + keyTrans.getSerialNumber().toString(16);
        }
        if (rid instanceof org.bouncycastle.cms.KeyAgreeRecipientId keyAgree && keyAgree.getIssuer() != null) {
            return keyAgree.getIssuer() + " serial " + keyAgree.getSerialNumber().toString(16);
        }
        return "a key identified by its subject key identifier";
    }

    /** ECDH schemes Bouncy Castle's name finder does not know. */
    private static final java.util.Map<String, String> KEY_AGREEMENT = java.util.Map.of(
            "1.3.133.16.840.63.0.2", "ECDH (SHA-1 KDF)",
            "1.3.132.1.11.0", "ECDH (SHA-224 KDF)",
            "1.3.132.1.11.1", "ECDH (SHA-256 KDF)",
            "1.3.132.1.11.2", "ECDH (SHA-384 KDF)",
            "1.3.132.1.11.3", "ECDH (SHA-512 KDF)");

    private static String name(String oid) {
        if (KEY_AGREEMENT.containsKey(oid)) {
            return KEY_AGREEMENT.get(oid);
        }
        String name = NAMES.getAlgorithmName(new ASN1ObjectIdentifier(oid));
        return name == null ? oid : name;
    }
}
