package scot.sirgateway.unwrap;

import static org.assertj.core.api.Assertions.assertThat;
import static scot.sirgateway.support.TestSmime.BC;
import static scot.sirgateway.support.TestSmime.FORM_LINE;
import static scot.sirgateway.support.TestSmime.certificate;
import static scot.sirgateway.support.TestSmime.form;
import static scot.sirgateway.support.TestSmime.issue;
import static scot.sirgateway.support.TestSmime.mail;
import static scot.sirgateway.support.TestSmime.serial;
import static scot.sirgateway.support.TestSmime.signDetached;
import static scot.sirgateway.support.TestSmime.signOpaque;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;

import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

import jakarta.mail.Part;
import jakarta.mail.internet.MimeBodyPart;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.cms.AuthEnvelopedData;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.RecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.mail.smime.SMIMEAuthEnvelopedGenerator;
import org.bouncycastle.mail.smime.SMIMEEnvelopedGenerator;
import org.bouncycastle.operator.jcajce.JcaAlgorithmParametersConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.mock.env.MockEnvironment;

import scot.sirgateway.council.CouncilRegistry;
import scot.sirgateway.council.CouncilRegistryProperties;
import scot.sirgateway.intake.IntakeProperties;
import scot.sirgateway.intake.MessageLimits;
import scot.sirgateway.intake.Submission;
import scot.sirgateway.quarantine.QuarantineException;
import scot.sirgateway.quarantine.ReasonCode;
import scot.sirgateway.model.Layer;
import scot.sirgateway.smime.CryptoProperties;
import scot.sirgateway.smime.GatewayKeys;
import scot.sirgateway.support.TestSmime;
import scot.sirgateway.support.TestSmime.Signer;

/**
 * S/MIME made here with Bouncy Castle, in every algorithm, key type and layering councils' clients use,
 * opened by a real SmimeUnwrapper over the example keys, trust anchor and council registry (no Spring).
 */
class BouncyCastleMessagesTest {

    private static final String FROM = "cjsw@demo-council.test";
    private static final Duration DAY = Duration.ofDays(1);

    private static SmimeUnwrapper unwrapper;
    private static Signer demoCouncil;

    @BeforeAll
    static void gateway() throws Exception {
        DefaultResourceLoader loader = new DefaultResourceLoader();
        GatewayKeys keys = new GatewayKeys(new CryptoProperties(List.of(
                new CryptoProperties.Keystore("file:certs-example/gateway/gateway-rsa.p12", "changeit"),
                new CryptoProperties.Keystore("file:certs-example/gateway/gateway-ec.p12", "changeit"),
                new CryptoProperties.Keystore("file:certs-example/gateway/gateway-rsa-old.p12", "changeit"),
                new CryptoProperties.Keystore("classpath:smime/gateway-ec384.p12", "changeit"))), loader);
        TrustAnchors anchors = new TrustAnchors(new TrustProperties(List.of("file:certs-example/ca/ca.cert.pem")), loader);
        CouncilRegistry councils = new CouncilRegistry(new CouncilRegistryProperties("classpath:councils.yaml",
                new CouncilRegistryProperties.Demo("classpath:demo/demo-councils.yaml")), loader, new MockEnvironment());
        unwrapper = new SmimeUnwrapper(keys, new SignerValidation(anchors, councils), new MessageLimits(
                new IntakeProperties("imap", "127.0.0.1", 143, "intake@sir-gateway.test", "x", "INBOX", "Processed",
                        "Quarantine", 26214400, java.time.Duration.ofSeconds(1), 50, 20, 262144, 3, true, true)));
        demoCouncil = TestSmime.demoCouncil();
    }

    // a) every algorithm and key type, encrypted only

    /** Name, layer kind, content encryption, recipient, how the layer's algorithm starts, the gateway key. */
    static Stream<Arguments> encryptions() {
        return Stream.of(
                Arguments.of("AES-128-CBC, RSA PKCS#1 v1.5", Layer.Kind.ENCRYPTED, CMSAlgorithm.AES128_CBC,
                        rsa("gateway/gateway-rsa"), "AES-128/CBC with RSA", "gateway-rsa.p12#gateway-rsa"),
                Arguments.of("AES-192-CBC, RSA PKCS#1 v1.5", Layer.Kind.ENCRYPTED, CMSAlgorithm.AES192_CBC,
                        rsa("gateway/gateway-rsa"), "AES-192/CBC with RSA", "gateway-rsa.p12#gateway-rsa"),
                Arguments.of("AES-256-CBC, RSA PKCS#1 v1.5", Layer.Kind.ENCRYPTED, CMSAlgorithm.AES256_CBC,
                        rsa("gateway/gateway-rsa"), "AES-256/CBC with RSA", "gateway-rsa.p12#gateway-rsa"),
                Arguments.of("AES-256-CBC, RSA-OAEP SHA-256", Layer.Kind.ENCRYPTED, CMSAlgorithm.AES256_CBC,
                        oaep("gateway/gateway-rsa", new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256,
                                PSource.PSpecified.DEFAULT)), "AES-256/CBC with RSAOAEP", "gateway-rsa.p12#gateway-rsa"),
                Arguments.of("AES-256-CBC, RSA-OAEP SHA-1", Layer.Kind.ENCRYPTED, CMSAlgorithm.AES256_CBC,
                        oaep("gateway/gateway-rsa", OAEPParameterSpec.DEFAULT), "AES-256/CBC with RSAOAEP",
                        "gateway-rsa.p12#gateway-rsa"),
                Arguments.of("AES-256-CBC, ECDH P-256", Layer.Kind.ENCRYPTED, CMSAlgorithm.AES256_CBC,
                        ecdh("certs-example/gateway/gateway-ec.cert.pem"), "AES-256/CBC with ECDH (SHA-256 KDF)",
                        "gateway-ec.p12#gateway-ec"),
                Arguments.of("AES-256-CBC, ECDH P-384", Layer.Kind.ENCRYPTED, CMSAlgorithm.AES256_CBC,
                        ecdh("src/test/resources/smime/gateway-ec384.cert.pem"),
                        "AES-256/CBC with ECDH (SHA-256 KDF)", "gateway-ec384.p12#gateway-ec384"),
                Arguments.of("AES-128-GCM, RSA PKCS#1 v1.5", Layer.Kind.AUTH_ENCRYPTED, CMSAlgorithm.AES128_GCM,
                        rsa("gateway/gateway-rsa"), "AES-128/GCM with RSA", "gateway-rsa.p12#gateway-rsa"),
                Arguments.of("AES-256-GCM, RSA PKCS#1 v1.5", Layer.Kind.AUTH_ENCRYPTED, CMSAlgorithm.AES256_GCM,
                        rsa("gateway/gateway-rsa"), "AES-256/GCM with RSA", "gateway-rsa.p12#gateway-rsa"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encryptions")
    void decryptShouldOpenEveryAlgorithmAndKeyType(String name, Layer.Kind kind, ASN1ObjectIdentifier algorithm,
            RecipientInfoGenerator recipient, String layerAlgorithm, String key) throws Exception {
        MimeBodyPart encrypted = kind == Layer.Kind.AUTH_ENCRYPTED
                ? authEncrypt(form(), algorithm, recipient) : encrypt(form(), algorithm, recipient);

        Submission submission = unwrapper.unwrap(submission(mail(FROM, encrypted)));

        assertThat(text(submission.content())).contains(FORM_LINE);
        assertThat(submission.decrypted()).isTrue();
        assertThat(submission.signatureVerified()).isFalse();
        assertThat(submission.layers()).singleElement().satisfies(layer -> {
            assertThat(layer.kind()).isEqualTo(kind);
            assertThat(layer.algorithm()).startsWith(layerAlgorithm);
            assertThat(layer.key()).isEqualTo(key);
            assertThat(layer.verified()).isTrue();
        });
    }

    private static MimeBodyPart encrypt(MimeBodyPart content, ASN1ObjectIdentifier algorithm,
            RecipientInfoGenerator recipient) throws Exception {
        SMIMEEnvelopedGenerator generator = new SMIMEEnvelopedGenerator();
        generator.addRecipientInfoGenerator(recipient);
        return generator.generate(content, new JceCMSContentEncryptorBuilder(algorithm).setProvider(BC).build());
    }

    private static MimeBodyPart authEncrypt(MimeBodyPart content, ASN1ObjectIdentifier algorithm,
            RecipientInfoGenerator recipient) throws Exception {
        SMIMEAuthEnvelopedGenerator generator = new SMIMEAuthEnvelopedGenerator();
        generator.addRecipientInfoGenerator(recipient);
        return generator.generate(content, new JceCMSContentEncryptorBuilder(algorithm).setProvider(BC).build());
    }

    private static MimeBodyPart encrypt(MimeBodyPart content) throws Exception {
        return encrypt(content, CMSAlgorithm.AES256_CBC, rsa("gateway/gateway-rsa"));
    }

    private static RecipientInfoGenerator rsa(String certificate) {
        try {
            return new JceKeyTransRecipientInfoGenerator(certificate("certs-example/" + certificate + ".cert.pem"))
                    .setProvider(BC);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static RecipientInfoGenerator oaep(String certificate, OAEPParameterSpec parameters) {
        try {
            return new JceKeyTransRecipientInfoGenerator(certificate("certs-example/" + certificate + ".cert.pem"),
                    new JcaAlgorithmParametersConverter().getAlgorithmIdentifier(PKCSObjectIdentifiers.id_RSAES_OAEP,
                            parameters)).setProvider(BC);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Ephemeral-static ECDH on the recipient's curve, ANSI X9.63 KDF with SHA-256, AES-256 key wrap. */
    private static RecipientInfoGenerator ecdh(String certificateFile) {
        try {
            X509Certificate recipient = certificate(certificateFile);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
            generator.initialize(((ECPublicKey) recipient.getPublicKey()).getParams());
            KeyPair ephemeral = generator.generateKeyPair();
            return new JceKeyAgreeRecipientInfoGenerator(CMSAlgorithm.ECDH_SHA256KDF, ephemeral.getPrivate(),
                    ephemeral.getPublic(), CMSAlgorithm.AES256_WRAP).addRecipient(recipient).setProvider(BC);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // b) every layering, one algorithm, signed by the demo council

    @Test
    void signedDetachedShouldVerifyAsTheCouncil() throws Exception {
        assertVerifiedLayers(signDetached(form(), demoCouncil), false, Layer.Kind.SIGNED_DETACHED);
    }

    @Test
    void signedOpaqueShouldVerifyAsTheCouncil() throws Exception {
        assertVerifiedLayers(signOpaque(form(), demoCouncil), false, Layer.Kind.SIGNED_OPAQUE);
    }

    @Test
    void signedThenEncryptedShouldDecryptAndVerify() throws Exception {
        assertVerifiedLayers(encrypt(signDetached(form(), demoCouncil)), true,
                Layer.Kind.ENCRYPTED, Layer.Kind.SIGNED_DETACHED);
    }

    @Test
    void tripleWrappedShouldVerifyDecryptAndVerifyAgain() throws Exception {
        assertVerifiedLayers(signDetached(encrypt(signDetached(form(), demoCouncil)), demoCouncil), true,
                Layer.Kind.SIGNED_DETACHED, Layer.Kind.ENCRYPTED, Layer.Kind.SIGNED_DETACHED);
    }

    @Test
    void tripleWrappedWithOpaqueSignaturesShouldVerifyDecryptAndVerifyAgain() throws Exception {
        assertVerifiedLayers(signOpaque(encrypt(signOpaque(form(), demoCouncil)), demoCouncil), true,
                Layer.Kind.SIGNED_OPAQUE, Layer.Kind.ENCRYPTED, Layer.Kind.SIGNED_OPAQUE);
    }

    private static void assertVerifiedLayers(MimeBodyPart outermost, boolean decrypted, Layer.Kind... kinds)
            throws Exception {
        Submission submission = unwrapper.unwrap(submission(mail(FROM, outermost)));

        assertThat(text(submission.content())).contains(FORM_LINE);
        assertThat(submission.signatureVerified()).isTrue();
        assertThat(submission.signer()).isEqualTo(FROM);
        assertThat(submission.signerCertificate()).isEqualTo(demoCouncil.certificate());
        assertThat(submission.decrypted()).isEqualTo(decrypted);
        assertThat(submission.layers()).extracting(Layer::kind).containsExactly(kinds);
        assertThat(submission.layers()).allSatisfy(layer -> assertThat(layer.verified()).isTrue());
        assertThat(submission.layers()).filteredOn(layer -> layer.kind() != Layer.Kind.ENCRYPTED)
                .allSatisfy(layer -> {
                    assertThat(layer.algorithm()).isEqualTo("SHA256WITHRSA");
                    assertThat(layer.signer()).isEqualTo(FROM);
                });
    }

    // c) what cannot be opened or trusted

    @Test
    void decryptShouldQuarantineWhenEncryptedOnlyToSomeoneElse() throws Exception {
        MimeBodyPart encrypted = encrypt(form(), CMSAlgorithm.AES256_CBC, rsa("councils/second-council"));
        assertQuarantined(mail(FROM, encrypted), ReasonCode.UNDECRYPTABLE);
    }

    @Test
    void decryptShouldQuarantineWhenTheGcmTagDoesNotMatch() throws Exception {
        MimeBodyPart encrypted = authEncrypt(form(), CMSAlgorithm.AES256_GCM, rsa("gateway/gateway-rsa"));
        byte[] der;
        try (InputStream in = encrypted.getInputStream()) {
            der = in.readAllBytes();
        }
        AuthEnvelopedData data = AuthEnvelopedData.getInstance(ContentInfo.getInstance(der).getContent());
        byte[] mac = data.getMac().getOctets();
        mac[mac.length - 1] ^= 1;
        AuthEnvelopedData altered = new AuthEnvelopedData(data.getOriginatorInfo(), data.getRecipientInfos(),
                data.getAuthEncryptedContentInfo(), data.getAuthAttrs(), new DEROctetString(mac), data.getUnauthAttrs());
        byte[] alteredDer = new ContentInfo(CMSObjectIdentifiers.authEnvelopedData, altered).getEncoded("DER");

        assertQuarantined(pkcs7Mail(FROM, "authEnveloped-data", alteredDer), ReasonCode.UNDECRYPTABLE);
    }

    @Test
    void unwrapShouldQuarantineMoreThanThreeLayers() throws Exception {
        MimeBodyPart fourLayers = encrypt(signOpaque(encrypt(signOpaque(form(), demoCouncil)), demoCouncil));
        assertQuarantined(mail(FROM, fourLayers), ReasonCode.MALFORMED_SMIME);
        // the fourth layer is refused before it is opened: one the gateway could not open changes nothing
        MimeBodyPart fourthForSomeoneElse = signOpaque(encrypt(signOpaque(encrypt(form(), CMSAlgorithm.AES256_CBC,
                rsa("councils/second-council")),
                demoCouncil)), demoCouncil);
        assertQuarantined(mail(FROM, fourthForSomeoneElse), ReasonCode.MALFORMED_SMIME);
    }

    @Test
    void verifyShouldQuarantineContentAlteredAfterSigning() throws Exception {
        String signed = new String(mail(FROM, signDetached(form(), demoCouncil)), StandardCharsets.ISO_8859_1);
        assertThat(signed).contains(FORM_LINE);
        byte[] altered = signed.replace(FORM_LINE, "offender_ref: X2").getBytes(StandardCharsets.ISO_8859_1);
        assertQuarantined(altered, ReasonCode.BAD_SIGNATURE);
    }

    @Test
    void verifyShouldQuarantineASignerCertificateThatExpiredBeforeReceipt() throws Exception {
        Instant now = Instant.now();
        Signer lapsed = issue(FROM, now.minus(DAY.multipliedBy(400)), now.minus(DAY), KeyPurposeId.id_kp_emailProtection);
        MimeBodyPart signed = signDetached(form(), lapsed, Date.from(now.minus(DAY.multipliedBy(3))));
        assertThatThrownBy(() -> unwrapper.unwrap(submission(mail(FROM, signed))))
                .isInstanceOfSatisfying(QuarantineException.class, e -> {
                    assertThat(e.reasonCode()).isEqualTo(ReasonCode.EXPIRED_CERTIFICATE);
                    assertThat(e.reason()).contains("receipt");
                });
    }

    @Test
    void verifyShouldQuarantineASignatureMadeWithAnExpiredCertificate() throws Exception {
        Instant now = Instant.now();
        Signer expired = issue(FROM, now.minus(DAY.multipliedBy(400)), now.minus(DAY), KeyPurposeId.id_kp_emailProtection);
        assertThatThrownBy(() -> unwrapper.unwrap(submission(mail(FROM, signDetached(form(), expired)))))
                .isInstanceOfSatisfying(QuarantineException.class, e -> {
                    assertThat(e.reasonCode()).isEqualTo(ReasonCode.EXPIRED_CERTIFICATE);
                    assertThat(e.reason()).contains("signing time");
                });
    }

    @Test
    void verifyShouldQuarantineASignerCertificateNotYetValidAtReceipt() throws Exception {
        // the sender's clock runs two days ahead: valid at the signing time it claims, not when the mail arrives
        Instant now = Instant.now();
        Signer early = issue(FROM, now.plus(DAY), now.plus(DAY.multipliedBy(365)), KeyPurposeId.id_kp_emailProtection);
        MimeBodyPart signed = signDetached(form(), early, Date.from(now.plus(DAY.multipliedBy(2))));
        assertThatThrownBy(() -> unwrapper.unwrap(submission(mail(FROM, signed))))
                .isInstanceOfSatisfying(QuarantineException.class, e -> {
                    assertThat(e.reasonCode()).isEqualTo(ReasonCode.EXPIRED_CERTIFICATE);
                    assertThat(e.reason()).contains("receipt");
                });
    }

    @Test
    void verifyShouldQuarantineASignerIssuedByAnUntrustedAuthority() throws Exception {
        Instant now = Instant.now();
        KeyPair caKeys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        X500Name caName = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Not The Example CA (TEST ONLY)")
                .addRDN(BCStyle.CN, "Throwaway CA (TEST ONLY)").build();
        X509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(caName, serial(), Date.from(now.minus(DAY)),
                Date.from(now.plus(DAY.multipliedBy(365))), caName, caKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                .addExtension(Extension.subjectKeyIdentifier, false,
                        new JcaX509ExtensionUtils().createSubjectKeyIdentifier(caKeys.getPublic()));
        X509Certificate throwawayCa = new JcaX509CertificateConverter().getCertificate(
                ca.build(new JcaContentSignerBuilder("SHA256withRSA").setProvider(BC).build(caKeys.getPrivate())));
        Signer untrusted = issue(FROM, now.minus(DAY), now.plus(DAY.multipliedBy(365)),
                KeyPurposeId.id_kp_emailProtection, throwawayCa, caKeys.getPrivate());

        assertQuarantined(mail(FROM, signDetached(form(), untrusted)), ReasonCode.UNTRUSTED_SIGNER);
    }

    @Test
    void verifyShouldQuarantineASignerCertificateWithoutEmailProtection() throws Exception {
        Instant now = Instant.now();
        Signer serverOnly = issue(FROM, now.minus(DAY), now.plus(DAY.multipliedBy(365)), KeyPurposeId.id_kp_serverAuth);
        assertQuarantined(mail(FROM, signDetached(form(), serverOnly)), ReasonCode.UNTRUSTED_SIGNER);
    }

    @Test
    void verifyShouldQuarantineASignatureForAnotherAddressThanFrom() throws Exception {
        assertQuarantined(mail("someone-else@demo-council.test", signDetached(form(), demoCouncil)),
                ReasonCode.SENDER_MISMATCH);
    }

    @Test
    void verifyShouldQuarantineATrustedSignerOutsideEveryCouncilDomain() throws Exception {
        Instant now = Instant.now();
        Signer stranger = issue("cjsw@unknown.example", now.minus(DAY), now.plus(DAY.multipliedBy(365)),
                KeyPurposeId.id_kp_emailProtection);
        assertQuarantined(mail("cjsw@unknown.example", signDetached(form(), stranger)), ReasonCode.SENDER_MISMATCH);
    }

    private static void assertQuarantined(byte[] mail, ReasonCode reason) {
        assertThatThrownBy(() -> unwrapper.unwrap(submission(mail)))
                .isInstanceOfSatisfying(QuarantineException.class, e -> assertThat(e.reasonCode()).isEqualTo(reason));
    }

    // making messages

    /** A message whose body is the given CMS, as an application/pkcs7-mime entity. */
    private static byte[] pkcs7Mail(String from, String smimeType, byte[] der) {
        return ("From: Demo Council CJSW <" + from + ">\r\nTo: notifications@sir-gateway.test\r\n"
                + "Subject: Serious incident notification\r\nMessage-ID: <" + serial() + "@demo-council.test>\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: application/pkcs7-mime; smime-type=" + smimeType
                + "; name=\"smime.p7m\"\r\nContent-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=\"smime.p7m\"\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(der) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static Submission submission(byte[] raw) throws Exception {
        return scot.sirgateway.support.TestSubmissions.submission(raw);
    }

    private static String text(Part part) throws Exception {
        try (InputStream in = part.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    // certificates

}
