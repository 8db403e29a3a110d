package scot.sirgateway.smime;

import java.security.Provider;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The one Bouncy Castle provider every signer, encryptor and reader of S/MIME uses. Making one registers
 * every algorithm Bouncy Castle has (some 700 classes): the gateway makes it once, not at start-up but on
 * first use, and warms it on a background thread as soon as the gateway is ready, so that start-up does
 * not wait for it and the first message seldom does.
 */
@Component
public class BouncyCastle {

    private static final Logger log = LoggerFactory.getLogger(BouncyCastle.class);

    private static final class Holder {
        static final Provider PROVIDER = new BouncyCastleProvider();
    }

    /** The shared provider, made on the first call (the JVM's class initialisation makes it once). */
    public static Provider provider() {
        return Holder.PROVIDER;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warmUp() {
        Thread warm = new Thread(() -> {
            try {
                provider();
            } catch (RuntimeException | LinkageError e) {
                // the first message makes it again and fails there, with its own handling
                log.warn("Bouncy Castle could not be loaded in advance ({})", e.getClass().getName());
            }
        }, "crypto-warm-up");
        warm.setDaemon(true);
        warm.setPriority(Thread.MIN_PRIORITY);
        warm.start();
    }
}
