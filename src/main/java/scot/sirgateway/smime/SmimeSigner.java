package scot.sirgateway.smime;

import java.security.Provider;
import java.security.cert.CertificateEncodingException;
import java.util.List;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;

import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.mail.smime.SMIMESignedGenerator;
import org.bouncycastle.operator.OperatorCreationException;
import org.springframework.stereotype.Component;

/**
 * Signs a MIME part with the gateway's signing key (the first of {@code gateway.crypto.keystores}) as
 * a detached {@code multipart/signed} with SHA-256, the gateway's certificate included.
 */
@Component
public class SmimeSigner {

    private final GatewayKeys keys;

    public SmimeSigner(GatewayKeys keys) {
        this.keys = keys;
    }

    public MimeBodyPart sign(MimeBodyPart content) {
        GatewayKeys.GatewayKey key = keys.signing();
        Provider bc = BouncyCastle.provider();
        String algorithm = "EC".equals(key.privateKey().getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
        try {
            SMIMESignedGenerator generator = new SMIMESignedGenerator();
            generator.addSignerInfoGenerator(new JcaSimpleSignerInfoGeneratorBuilder().setProvider(bc)
                    .build(algorithm, key.privateKey(), key.certificate()));
            generator.addCertificates(new JcaCertStore(List.of(key.certificate())));
            MimeMultipart signed = generator.generate(content);
            MimeBodyPart part = new MimeBodyPart();
            part.setContent(signed, signed.getContentType());
            return part;
        } catch (OperatorCreationException | CertificateEncodingException | MessagingException
                | org.bouncycastle.mail.smime.SMIMEException e) {
            throw new IllegalStateException("S/MIME signing failed", e);
        }
    }
}
