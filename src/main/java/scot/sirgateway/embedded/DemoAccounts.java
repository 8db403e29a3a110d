package scot.sirgateway.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import scot.sirgateway.operator.OperatorAccounts;

/**
 * Makes the demo's people (a console user, a council user) once the first admin exists, so the sign-in with
 * a mailed code can be tried in embedded mode at once; an account that exists already is left alone.
 */
@Component
@ConditionalOnBooleanProperty("gateway.embedded-mail.enabled")
class DemoAccounts {

    private static final Logger log = LoggerFactory.getLogger(DemoAccounts.class);

    private final DemoAccountProperties demo;
    private final OperatorAccounts accounts;

    DemoAccounts(DemoAccountProperties demo, OperatorAccounts accounts) {
        this.demo = demo;
        this.accounts = accounts;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(0)
    void make() {
        for (DemoAccountProperties.Account account : demo.accounts()) {
            if (accounts.find(account.username()).isPresent()) {
                continue;
            }
            accounts.create(new OperatorAccounts.NewAccount(account.username(), account.role(), account.email(),
                    account.council(), account.password(), false));
            log.info("demo account '{}' created", account.username());
        }
    }
}
