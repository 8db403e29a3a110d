package scot.sirgateway.smime;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;

import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.mail.smime.SMIMEEnvelopedGenerator;
import org.bouncycastle.mail.smime.SMIMEException;
import org.springframework.stereotype.Component;

/**
 * Encrypts a MIME part to recipients' certificates as S/MIME EnvelopedData with AES-256-CBC (RSA key
 * transport, or ECDH for EC certificates), the form OpenSSL and ordinary mail clients open.
 */
@Component
public class SmimeEncryptor {

    public MimeBodyPart encrypt(MimeBodyPart content, X509Certificate... recipients) {
        Provider bc = BouncyCastle.provider();
        try {
            SMIMEEnvelopedGenerator generator = new SMIMEEnvelopedGenerator();
            for (X509Certificate recipient : recipients) {
                if (recipient.getPublicKey() instanceof ECPublicKey ec) {
                    KeyPairGenerator ephemeral = KeyPairGenerator.getInstance("EC", bc);
                    ephemeral.initialize(ec.getParams());
                    KeyPair pair = ephemeral.generateKeyPair();
                    generator.addRecipientInfoGenerator(new JceKeyAgreeRecipientInfoGenerator(CMSAlgorithm.ECDH_SHA256KDF,
                            pair.getPrivate(), pair.getPublic(), CMSAlgorithm.AES256_WRAP)
                            .addRecipient(recipient).setProvider(bc));
                } else {
                    generator.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(recipient).setProvider(bc));
                }
            }
            return generator.generate(content, new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_CBC)
                    .setProvider(bc).build());
        } catch (GeneralSecurityException | CMSException | SMIMEException e) {
            throw new IllegalStateException("S/MIME encryption failed", e);
        }
    }

    /** A text/plain part, the usual content to encrypt. */
    public static MimeBodyPart textPart(String text) {
        try {
            MimeBodyPart part = new MimeBodyPart();
            part.setText(text, "UTF-8");
            return part;
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
