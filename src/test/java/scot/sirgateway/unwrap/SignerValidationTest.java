package scot.sirgateway.unwrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.mock.env.MockEnvironment;

import scot.sirgateway.council.CouncilRegistry;
import scot.sirgateway.council.CouncilRegistryProperties;
import scot.sirgateway.quarantine.QuarantineException;
import scot.sirgateway.quarantine.ReasonCode;

/** A council that lists its certificates may be signed for by those alone. */
class SignerValidationTest {

    private static X509Certificate certificate(String file) throws Exception {
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static SignerValidation validation(Path councilsFile) {
        DefaultResourceLoader loader = new DefaultResourceLoader();
        CouncilRegistry councils = new CouncilRegistry(new CouncilRegistryProperties("file:" + councilsFile, null),
                loader, new MockEnvironment());
        return new SignerValidation(new TrustAnchors(new TrustProperties(List.of("file:certs-example/ca/ca.cert.pem")),
                loader), councils);
    }

    @Test
    void councilListingCertificatesShouldAcceptOnlyThose(@TempDir Path dir) throws Exception {
        X509Certificate demo = certificate("certs-example/councils/demo-council.cert.pem");
        Path listsOther = dir.resolve("other.yaml");
        Files.writeString(listsOther, "councils:\n  - name: Fife\n    domains: [demo-council.test]\n"
                + "    certificates: [\"file:" + Path.of("certs-example/councils/second-council.cert.pem").toAbsolutePath() + "\"]\n");
        assertThatThrownBy(() -> validation(listsOther).validate(demo, List.of(), Instant.now(), Instant.now(),
                "cjsw@demo-council.test"))
                .isInstanceOfSatisfying(QuarantineException.class,
                        e -> assertThat(e.reasonCode()).isEqualTo(ReasonCode.UNTRUSTED_SIGNER));

        Path listsOwn = dir.resolve("own.yaml");
        Files.writeString(listsOwn, "councils:\n  - name: Fife\n    domains: [demo-council.test]\n"
                + "    certificates: [\"file:" + Path.of("certs-example/councils/demo-council.cert.pem").toAbsolutePath() + "\"]\n");
        assertThat(validation(listsOwn).validate(demo, List.of(), Instant.now(), Instant.now(), "cjsw@demo-council.test")
                .name()).isEqualTo("Fife");
    }
}
