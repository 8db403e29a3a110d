package scot.sirgateway;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.util.Collections;
import java.util.Properties;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

import jakarta.mail.AuthenticationFailedException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * The TLS of every mail connection (intake, IDLE, health checks, the relay): verified against the trust store of
 * {@link MailTrustStoreProperties} (or the JVM's default one), the server's name checked against its certificate,
 * never trust-all. The trust store is read at start: a missing one, or one that cannot be opened, stops start-up
 * naming the property.
 */
@Component
public class MailTls {

    private static final Logger log = LoggerFactory.getLogger(MailTls.class);

    /** The configured trust store's sockets; null for the JVM's default trust store. */
    private final SSLSocketFactory sockets;

    public MailTls(MailTrustStoreProperties properties) {
        this.sockets = properties.trustStore() == null || properties.trustStore().isBlank() ? null : sockets(properties);
    }

    /** The JVM's default trust store (for a relay or mailbox made outside the application context). */
    public static MailTls jvmDefault() {
        return new MailTls(new MailTrustStoreProperties(null, null, "PKCS12"));
    }

    /**
     * Puts this TLS into a Jakarta Mail session's properties for a protocol ({@code imap}, {@code imaps},
     * {@code smtp}, {@code smtps}): where the connection is TLS (implicit, or after STARTTLS), the certificate is
     * verified and must name the host.
     */
    public void apply(Properties session, String protocol) {
        String prefix = "mail." + protocol + ".ssl.";
        session.put(prefix + "checkserveridentity", "true");
        session.remove(prefix + "trust");
        if (sockets != null) {
            session.put(prefix + "socketFactory", sockets);
        }
    }

    /**
     * Says at start when a mailbox or relay is reached without TLS anywhere but on this machine: its password
     * would cross the network in clear.
     */
    public static void warnIfInClear(String what, String host, boolean tls) {
        if (!tls && !loopback(host)) {
            log.warn("{} at {} is reached without TLS: its password and the mail cross the network in clear", what, host);
        }
    }

    /**
     * Why a connection to a mail server failed, for the health page: a fixed phrase by the kind of failure (a
     * server's message may quote anything).
     */
    public static String reason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CertificateException || t instanceof SSLException) {
                return "TLS refused: the server's certificate is not trusted (gateway.mail.trust-store) or does not name "
                        + "the host, or the handshake failed (" + t.getClass().getSimpleName() + ")";
            }
            if (t.getMessage() != null && t.getMessage().contains("STARTTLS")) {
                return "the server does not offer STARTTLS, which is required: nothing was sent";
            }
            if (t instanceof AuthenticationFailedException) {
                return "sign-in refused";
            }
            if (t instanceof ConnectException) {
                return "connection refused";
            }
            if (t instanceof SocketTimeoutException) {
                return "timed out";
            }
            if (t instanceof UnknownHostException) {
                return "unknown host";
            }
        }
        return failure.getClass().getSimpleName();
    }

    private static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static SSLSocketFactory sockets(MailTrustStoreProperties properties) {
        Resource resource = new DefaultResourceLoader().getResource(properties.trustStore());
        if (!resource.exists()) {
            throw new IllegalStateException("gateway.mail.trust-store: no trust store at " + resource.getDescription());
        }
        KeyStore store;
        try (InputStream in = resource.getInputStream()) {
            store = KeyStore.getInstance(properties.trustStoreType());
            char[] password = properties.trustStorePassword() == null ? null : properties.trustStorePassword().toCharArray();
            store.load(in, password);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("gateway.mail.trust-store: " + resource.getDescription() + " cannot be opened"
                    + " (wrong gateway.mail.trust-store-password, or not of gateway.mail.trust-store-type "
                    + properties.trustStoreType() + ")", e);
        }
        try {
            if (Collections.list(store.aliases()).stream().noneMatch(alias -> certificateEntry(store, alias))) {
                throw new IllegalStateException("gateway.mail.trust-store: " + resource.getDescription()
                        + " holds no trusted certificate");
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("gateway.mail.trust-store: " + resource.getDescription() + " cannot be used", e);
        }
    }

    private static boolean certificateEntry(KeyStore store, String alias) {
        try {
            return store.isCertificateEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
