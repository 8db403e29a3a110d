package scot.sirgateway.council;

import java.io.IOException;
import java.io.InputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.core.io.Resource;

/** Reads the X.509 certificates of a PEM (or DER) file, naming the setting at fault when it cannot. */
public final class PemCertificates {

    private PemCertificates() {
    }

    public static List<X509Certificate> read(Resource resource, String setting) {
        if (!resource.exists()) {
            throw new IllegalStateException(setting + ": no file at " + resource.getDescription());
        }
        try (InputStream in = resource.getInputStream()) {
            List<X509Certificate> certificates = new ArrayList<>();
            for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certificates.add((X509Certificate) certificate);
            }
            if (certificates.isEmpty()) {
                throw new IllegalStateException(setting + ": " + resource.getDescription() + " holds no certificate");
            }
            return certificates;
        } catch (IOException | CertificateException e) {
            throw new IllegalStateException(setting + ": " + resource.getDescription() + " is not a certificate file", e);
        }
    }
}
