package scot.sirgateway.unwrap;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.stereotype.Component;

import scot.sirgateway.council.Council;
import scot.sirgateway.council.CouncilRegistry;
import scot.sirgateway.quarantine.QuarantineException;
import scot.sirgateway.quarantine.ReasonCode;

/**
 * Whether a signer may speak for a council: the certificate chains to a trust anchor (and is one the
 * council lists, when it lists any), was valid at signing time and at receipt, allows e-mail
 * protection, and carries the From address, whose domain is the council's. Answers the council.
 */
@Component
public class SignerValidation {

    private static final String EMAIL_PROTECTION = "1.3.6.1.5.5.7.3.4";
    private static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";

    private final TrustAnchors trust;
    private final CouncilRegistry councils;

    public SignerValidation(TrustAnchors trust, CouncilRegistry councils) {
        this.trust = trust;
        this.councils = councils;
    }

    public Council validate(X509Certificate signer, Collection<X509Certificate> included, Instant signedAt,
            Instant receivedAt, String fromAddress) {
        String subject = signer.getSubjectX500Principal().getName();
        checkValidAt(signer, signedAt == null ? receivedAt : signedAt, "signing time", subject);
        checkValidAt(signer, receivedAt, "receipt", subject);
        checkChain(signer, included, receivedAt, subject);
        checkUsage(signer, subject);
        List<String> addresses = addressesOf(signer);
        if (fromAddress == null || !addresses.contains(fromAddress.toLowerCase(Locale.ROOT))) {
            throw new QuarantineException(ReasonCode.SENDER_MISMATCH, "The signer's certificate is for " + addresses
                    + ", not for the From address " + fromAddress + ".");
        }
        Council council = councils.byAddress(fromAddress).orElseThrow(() -> new QuarantineException(
                ReasonCode.SENDER_MISMATCH, "The signer " + fromAddress + " is not at any registered council's domain."));
        if (!council.certificates().isEmpty() && !council.certificates().contains(signer)) {
            throw new QuarantineException(ReasonCode.UNTRUSTED_SIGNER, "The certificate " + subject + " is not one of the "
                    + "certificates " + council.name() + " has registered (gateway.councils-file, certificates).");
        }
        return council;
    }

    private static void checkValidAt(X509Certificate certificate, Instant at, String moment, String subject) {
        try {
            certificate.checkValidity(Date.from(at));
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            throw new QuarantineException(ReasonCode.EXPIRED_CERTIFICATE, "The signer's certificate " + subject
                    + " was not valid at " + moment + " (" + at + "; valid " + certificate.getNotBefore().toInstant()
                    + " to " + certificate.getNotAfter().toInstant() + ").");
        }
    }

    private void checkChain(X509Certificate signer, Collection<X509Certificate> included, Instant at, String subject) {
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(signer);
            PKIXBuilderParameters parameters = new PKIXBuilderParameters(trust.anchors(), target);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(at));
            List<X509Certificate> pool = new ArrayList<>(included);
            pool.add(signer);
            parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(pool)));
            CertPathBuilder.getInstance("PKIX").build(parameters);
        } catch (CertPathBuilderException e) {
            throw new QuarantineException(ReasonCode.UNTRUSTED_SIGNER, "The signer's certificate " + subject
                    + " does not chain to a trusted certificate authority (gateway.trust.anchors).");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("certificate path checking is unavailable", e);
        }
    }

    private static void checkUsage(X509Certificate signer, String subject) {
        try {
            List<String> extendedUsage = signer.getExtendedKeyUsage();
            if (extendedUsage != null && !extendedUsage.contains(EMAIL_PROTECTION)
                    && !extendedUsage.contains(ANY_EXTENDED_KEY_USAGE)) {
                throw new QuarantineException(ReasonCode.UNTRUSTED_SIGNER,
                        "The signer's certificate " + subject + " does not allow e-mail protection.");
            }
        } catch (java.security.cert.CertificateParsingException e) {
            throw new QuarantineException(ReasonCode.UNTRUSTED_SIGNER,
                    "The signer's certificate " + subject + " has an unreadable extended key usage.");
        }
        boolean[] usage = signer.getKeyUsage();
        if (usage != null && !(usage[0] || usage[1])) {
            throw new QuarantineException(ReasonCode.UNTRUSTED_SIGNER,
                    "The signer's certificate " + subject + " does not allow digital signatures.");
        }
    }

    /** The e-mail addresses a certificate carries: its rfc822Name alternative names and subject emailAddress. */
    static List<String> addressesOf(X509Certificate certificate) {
        List<String> addresses = new ArrayList<>();
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names != null) {
                for (List<?> name : names) {
                    if (Integer.valueOf(1).equals(name.get(0))) {
                        addresses.add(name.get(1).toString().toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (java.security.cert.CertificateParsingException ignored) {
            // fall back to the subject
        }
        Optional.ofNullable(emailOfSubject(certificate)).ifPresent(addresses::add);
        return addresses.stream().distinct().toList();
    }

    private static String emailOfSubject(X509Certificate certificate) {
        org.bouncycastle.asn1.x500.X500Name name = org.bouncycastle.asn1.x500.X500Name.getInstance(
                certificate.getSubjectX500Principal().getEncoded());
        var rdns = name.getRDNs(org.bouncycastle.asn1.x500.style.BCStyle.EmailAddress);
        return rdns.length == 0 ? null
                : org.bouncycastle.asn1.x500.style.IETFUtils.valueToString(rdns[0].getFirst().getValue()).toLowerCase(Locale.ROOT);
    }
}
