package scot.sirgateway.support;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Every test's awaits judge their own condition only: by default Awaitility fails whatever await is running when
 * any other thread dies of an uncaught exception, and GreenMail's IMAP IDLE thread sometimes does (a
 * ConcurrentModificationException inside the mail server, nothing of the gateway's), which failed unrelated tests
 * now and then. Registered for every test class by JUnit's extension auto-detection
 * ({@code junit-platform.properties}).
 */
public class AwaitOwnThreads implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        Awaitility.doNotCatchUncaughtExceptionsByDefault();
    }
}
