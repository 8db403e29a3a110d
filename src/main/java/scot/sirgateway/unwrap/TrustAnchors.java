package scot.sirgateway.unwrap;

import java.io.IOException;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

import scot.sirgateway.council.PemCertificates;

/** The CA certificates of {@code gateway.trust.anchors}, read once at start. */
@Component
public class TrustAnchors {

    private final Set<TrustAnchor> anchors = new HashSet<>();

    public TrustAnchors(TrustProperties properties, ResourceLoader loader) {
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(loader);
        for (int i = 0; i < properties.anchors().size(); i++) {
            String setting = "gateway.trust.anchors[" + i + "]";
            for (Resource resource : resolve(resolver, properties.anchors().get(i), setting)) {
                for (X509Certificate certificate : PemCertificates.read(resource, setting)) {
                    anchors.add(new TrustAnchor(certificate, null));
                }
            }
        }
    }

    public Set<TrustAnchor> anchors() {
        return anchors;
    }

    /** A file, or every certificate file of a folder. */
    private static List<Resource> resolve(PathMatchingResourcePatternResolver resolver, String location, String setting) {
        try {
            Resource single = resolver.getResource(location);
            if (single.exists() && single.isFile() && single.getFile().isDirectory()) {
                List<Resource> files = new ArrayList<>();
                String folder = location.endsWith("/") ? location : location + "/";
                for (String pattern : List.of("*.pem", "*.crt", "*.cer")) {
                    files.addAll(List.of(resolver.getResources(folder + pattern)));
                }
                if (files.isEmpty()) {
                    throw new IllegalStateException(setting + ": the folder " + location + " holds no .pem, .crt or .cer file");
                }
                return files;
            }
            return List.of(single);
        } catch (IOException e) {
            throw new IllegalStateException(setting + ": " + location + " cannot be read", e);
        }
    }
}
