package scot.sirgateway;

import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class SirGatewayApplication {

    public static void main(String[] args) {
        Thread.setDefaultUncaughtExceptionHandler(SirGatewayApplication::uncaught);
        nameMailStreamProvider();
        SpringApplication.run(SirGatewayApplication.class, args);
    }

    /** The system property Jakarta Mail reads first to find its stream provider. */
    static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

    /**
     * Names Angus Mail's stream provider for Jakarta Mail, unless it is named already. Without the name Jakarta
     * Mail looks the provider up with a {@code ServiceLoader} at every header block and body part it reads or
     * writes, which in the packaged jar searches its 237 nested jars each time: some 9% of the stages' CPU on a
     * signed and encrypted notification. Left unnamed when the class is not there (another mail implementation).
     */
    static void nameMailStreamProvider() {
        String angus = "org.eclipse.angus.mail.util.MailStreamProvider";
        if (System.getProperty(STREAM_PROVIDER) != null) {
            return;
        }
        try {
            Class.forName(angus, false, SirGatewayApplication.class.getClassLoader())
                    .asSubclass(jakarta.mail.util.StreamProvider.class);
            System.setProperty(STREAM_PROVIDER, angus);
        } catch (ClassNotFoundException | ClassCastException absent) {
            // the ServiceLoader finds whichever provider there is, as before
        }
    }

    /**
     * Out of memory, no thread of the gateway can be trusted to carry on: it halts, so that its supervisor
     * starts it again, rather than holding its ports doing nothing (production also runs it with
     * {@code -XX:+ExitOnOutOfMemoryError}, which acts where no thread lets the error through). Other
     * failures are logged by their class only: a message may quote a document.
     */
    static void uncaught(Thread thread, Throwable failure) {
        try {
            LoggerFactory.getLogger(SirGatewayApplication.class).error("{} in thread {}{}", failure.getClass().getName(),
                    thread.getName(), failure instanceof OutOfMemoryError ? ": the gateway stops" : "");
        } finally {
            if (failure instanceof OutOfMemoryError) {
                Runtime.getRuntime().halt(3);
            }
        }
    }
}
