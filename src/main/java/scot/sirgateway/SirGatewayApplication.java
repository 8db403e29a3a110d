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
        SpringApplication.run(SirGatewayApplication.class, args);
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
