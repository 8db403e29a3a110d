package scot.sirgateway;

import java.util.Locale;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.core.Ordered;

/**
 * Start-up's failure summary for a busy port: which port, what it is for, and which property (and
 * environment variable) moves it. Comes before Spring Boot's own analysis of the web server's port.
 */
class PortTakenFailureAnalyzer implements FailureAnalyzer, Ordered {

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PortTakenException taken) {
                return analysis(taken.port(), taken.whose(), taken.property(), t);
            }
            if (t instanceof PortInUseException inUse) {
                return analysis(inUse.getPort(), "the console and API", "server.port", t);
            }
        }
        return null;
    }

    private static FailureAnalysis analysis(int port, String whose, String property, Throwable cause) {
        String variable = property.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
        return new FailureAnalysis("Port " + port + ", for " + whose + ", is already in use by another program.",
                "Stop the program that listens on port " + port + ", or move the gateway to a free port with "
                        + property + " (environment: " + variable + ").", cause);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
