package scot.sirgateway.operator;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code gateway.security.admin.*}: the first admin account, created at start when there is no account yet.
 * A person (the default) signs in to the console with a code mailed to {@code email}; with
 * {@code service-account: true} it is a program's account, HTTP Basic only (the test gateway's and the
 * embedded demo's admin, so the README's curl commands work).
 */
@ConfigurationProperties("gateway.security.admin")
public record AdminProperties(String username, String password, String email, boolean serviceAccount) {
}
