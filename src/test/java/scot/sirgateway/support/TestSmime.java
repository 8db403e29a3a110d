package scot.sirgateway.support;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Header;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.mail.smime.SMIMESignedGenerator;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * S/MIME and certificates made in the tests with Bouncy Castle: signers issued by the example CA with
 * any dates and usage, signed and encrypted entities, whole messages.
 */
public final class TestSmime {

    public static final Provider BC = new BouncyCastleProvider();
    public static final String FORM_LINE = "offender_ref: X1";

    /** A private key with its certificate chain, end entity first. */
    public record Signer(PrivateKey key, List<X509Certificate> chain) {
        public X509Certificate certificate() {
            return chain.get(0);
        }
    }

    private static final X509Certificate exampleCa;
    private static final PrivateKey exampleCaKey;
    private static final KeyPair signerKeys;

    static {
        try {
            exampleCa = certificate("certs-example/ca/ca.cert.pem");
            try (Reader in = Files.newBufferedReader(Path.of("certs-example/ca/ca.key.pem"));
                    PEMParser pem = new PEMParser(in)) {
                exampleCaKey = new JcaPEMKeyConverter().setProvider(BC).getPrivateKey((PrivateKeyInfo) pem.readObject());
            }
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(2048);
            signerKeys = rsa.generateKeyPair();
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private TestSmime() {
    }

    /** The demo council's own signing key and certificate from certs-example. */
    public static Signer demoCouncil() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of("certs-example/councils/demo-council.p12"))) {
            store.load(in, "changeit".toCharArray());
        }
        return new Signer((PrivateKey) store.getKey("demo-council", "changeit".toCharArray()),
                List.of((X509Certificate) store.getCertificate("demo-council")));
    }

    public static MimeBodyPart form() throws Exception {
        MimeBodyPart part = new MimeBodyPart();
        part.setText("local_authority: Demo Council\r\nincident_date: 20/11/2026\r\nincident_type: SERIOUS_ASSAULT\r\n"
                + FORM_LINE + "\r\norder_type: CPO\r\ndescription: An invented incident.\r\n", "UTF-8");
        return part;
    }

    public static MimeBodyPart signDetached(MimeBodyPart content, Signer signer) throws Exception {
        return signDetached(content, signer, null);
    }

    public static MimeBodyPart signDetached(MimeBodyPart content, Signer signer, Date signingTime) throws Exception {
        MimeMultipart signed = signing(signer, signingTime).generate(content);
        MimeBodyPart part = new MimeBodyPart();
        part.setContent(signed, signed.getContentType());
        return part;
    }

    public static MimeBodyPart signOpaque(MimeBodyPart content, Signer signer) throws Exception {
        return signing(signer, null).generateEncapsulated(content);
    }

    /** SHA-256 with RSA, the signer's chain included; the signing time is now unless given. */
    public static SMIMESignedGenerator signing(Signer signer, Date signingTime) throws Exception {
        JcaSimpleSignerInfoGeneratorBuilder builder = new JcaSimpleSignerInfoGeneratorBuilder().setProvider(BC);
        if (signingTime != null) {
            builder.setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(new AttributeTable(
                    new Attribute(CMSAttributes.signingTime, new DERSet(new Time(signingTime))))));
        }
        SMIMESignedGenerator generator = new SMIMESignedGenerator();
        generator.addSignerInfoGenerator(builder.build("SHA256withRSA", signer.key(), signer.certificate()));
        generator.addCertificates(new JcaCertStore(signer.chain()));
        return generator;
    }

    /** A complete RFC 5322 message with the entity as its body. */
    public static byte[] mail(String from, MimeBodyPart entity) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(new InternetAddress(from, "Demo Council CJSW"));
        message.setRecipients(Message.RecipientType.TO, "notifications@sir-gateway.test");
        message.setSubject("Serious incident notification");
        message.setSentDate(new Date());
        message.setContent(entity.getContent(), entity.getContentType());
        for (Enumeration<Header> headers = entity.getAllHeaders(); headers.hasMoreElements(); ) {
            Header header = headers.nextElement();
            if (header.getName().regionMatches(true, 0, "Content-", 0, 8)
                    && !header.getName().equalsIgnoreCase("Content-Type")) {
                message.setHeader(header.getName(), header.getValue());
            }
        }
        message.saveChanges();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    /**
     * A mail from {@code from} whose text body is signed (detached) by {@code signer}, with these headers
     * set on the outer message (Message-ID, Subject, In-Reply-To, ...): the bytes to send.
     */
    public static byte[] signedMail(String from, Signer signer, String text, java.util.Map<String, String> headers)
            throws Exception {
        MimeBodyPart content = new MimeBodyPart();
        content.setText(text, "UTF-8");
        MimeMessage message = new MimeMessage(null, new java.io.ByteArrayInputStream(mail(from, signDetached(content, signer))));
        for (java.util.Map.Entry<String, String> header : headers.entrySet()) {
            message.setHeader(header.getKey(), header.getValue());
        }
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        message.writeTo(raw);
        return raw.toByteArray();
    }

    public static X509Certificate certificate(String file) throws Exception {
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    public static Signer issue(String email, Instant notBefore, Instant notAfter, KeyPurposeId purpose)
            throws Exception {
        return issue(email, notBefore, notAfter, purpose, exampleCa, exampleCaKey);
    }

    /** An RSA signing certificate for the address, as make-certs.sh makes them, but with the given dates and usage. */
    public static Signer issue(String email, Instant notBefore, Instant notAfter, KeyPurposeId purpose,
            X509Certificate issuer, PrivateKey issuerKey) throws Exception {
        return issue(email, "Made In Test (TEST ONLY)", notBefore, notAfter, purpose, issuer, issuerKey);
    }

    /** As {@link #issue(String, Instant, Instant, KeyPurposeId)}, with the subject's common name given. */
    public static Signer issue(String email, String commonName, Instant notBefore, Instant notAfter, KeyPurposeId purpose)
            throws Exception {
        return issue(email, commonName, notBefore, notAfter, purpose, exampleCa, exampleCaKey);
    }

    private static Signer issue(String email, String commonName, Instant notBefore, Instant notAfter, KeyPurposeId purpose,
            X509Certificate issuer, PrivateKey issuerKey) throws Exception {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "GB")
                .addRDN(BCStyle.O, "SIR Gateway Example (TEST ONLY)").addRDN(BCStyle.CN, commonName)
                .addRDN(BCStyle.EmailAddress, email).build();
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial(), Date.from(notBefore),
                Date.from(notAfter), subject, signerKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose))
                .addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.rfc822Name, email)))
                .addExtension(Extension.subjectKeyIdentifier, false,
                        extensions.createSubjectKeyIdentifier(signerKeys.getPublic()))
                .addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(issuer));
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").setProvider(BC).build(issuerKey)));
        List<X509Certificate> chain = new ArrayList<>(List.of(certificate));
        if (!issuer.equals(exampleCa)) {
            chain.add(issuer);
        }
        return new Signer(signerKeys.getPrivate(), chain);
    }

    public static BigInteger serial() {
        return new BigInteger(128, new SecureRandom());
    }
}
