package scot.sirgateway.fault;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import scot.sirgateway.storage.BlobStore;
import scot.sirgateway.storage.StorageCipher;

/**
 * The gateway's blob store with one injected fault: writing the bytes of a blob that contain a refused marker fails
 * with an {@link IOException}, as a full or failing disk would fail a write, until the marker is allowed again.
 * Put in place of the {@code blobStore} bean by {@link #installer()} (no annotation: the application's component
 * scan would put it into every test's gateway).
 */
public class FaultyBlobStore extends BlobStore {

    private static final Set<String> refused = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger failures = new AtomicInteger();

    public FaultyBlobStore(JdbcClient jdbc, StorageCipher cipher, Clock clock) {
        super(jdbc, cipher, clock);
    }

    static void refuse(String marker) {
        refused.add(marker);
    }

    static void allow(String marker) {
        refused.remove(marker);
    }

    /** How many writes failed so far. */
    static int failures() {
        return failures.get();
    }

    @Override
    public String put(Content content) {
        return super.put(out -> content.writeTo(new FilterOutputStream(out) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                String written = new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
                for (String marker : refused) {
                    if (written.contains(marker)) {
                        failures.incrementAndGet();
                        throw new IOException("injected: the blob's bytes could not be written");
                    }
                }
                out.write(bytes, offset, length);
            }
        }));
    }

    /** Replaces the context's blob store with this one. */
    static ApplicationContextInitializer<ConfigurableApplicationContext> installer() {
        return context -> {
            ConfigurableListableBeanFactory beans = context.getBeanFactory();
            beans.addBeanPostProcessor(new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if ("blobStore".equals(name) && !(bean instanceof FaultyBlobStore)) {
                        return new FaultyBlobStore(beans.getBean(JdbcClient.class), beans.getBean(StorageCipher.class),
                                beans.getBean(Clock.class));
                    }
                    return bean;
                }
            });
        };
    }
}
