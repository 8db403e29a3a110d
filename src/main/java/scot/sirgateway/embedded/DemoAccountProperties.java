package scot.sirgateway.embedded;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code gateway.demo.accounts}: people's accounts the embedded demo makes at start when they do not exist
 * yet, so the console and the council's web form can be tried at once; their sign-in codes land in the
 * embedded mail server's mailboxes. Embedded mode only (application-embedded.yml).
 */
@ConfigurationProperties("gateway.demo")
public record DemoAccountProperties(@DefaultValue List<Account> accounts) {

    /** A demo person: role OPERATOR, INSPECTOR, ADMIN or COUNCIL (with its council), and the address its codes go to. */
    public record Account(String username, String role, String council, String email, String password,
            String description) {
    }
}
