package scot.sirgateway.smime;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * Every private key of {@code gateway.crypto.keystores}, in the order listed: several keys let a key
 * be rotated while mail to the old one still opens. A keystore that cannot be read stops start-up.
 */
@Component
public class GatewayKeys {

    /** A private key with its certificate, named by keystore file and alias. */
    public record GatewayKey(String name, PrivateKey privateKey, X509Certificate certificate) {
    }

    private final List<GatewayKey> keys;

    public GatewayKeys(CryptoProperties properties, ResourceLoader resources) {
        List<GatewayKey> loaded = new ArrayList<>();
        for (int i = 0; i < properties.keystores().size(); i++) {
            CryptoProperties.Keystore keystore = properties.keystores().get(i);
            loaded.addAll(load("gateway.crypto.keystores[" + i + "]", resources.getResource(keystore.path()),
                    keystore.password().toCharArray()));
        }
        this.keys = List.copyOf(loaded);
    }

    public List<GatewayKey> all() {
        return keys;
    }

    /** The key that signs the gateway's mail: the first of the first keystore. */
    public GatewayKey signing() {
        return keys.get(0);
    }

    private static List<GatewayKey> load(String setting, Resource resource, char[] password) {
        if (!resource.exists()) {
            throw new IllegalStateException(setting + ".path: no keystore at " + resource.getDescription());
        }
        try (InputStream in = resource.getInputStream()) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            List<GatewayKey> keys = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias) && store.getCertificate(alias) instanceof X509Certificate certificate) {
                    keys.add(new GatewayKey(resource.getFilename() + "#" + alias,
                            (PrivateKey) store.getKey(alias, password), certificate));
                }
            }
            if (keys.isEmpty()) {
                throw new IllegalStateException(setting + ".path: " + resource.getDescription() + " holds no private key");
            }
            return keys;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(setting + ": " + resource.getDescription()
                    + " cannot be opened (wrong password or not PKCS#12)", e);
        }
    }
}
