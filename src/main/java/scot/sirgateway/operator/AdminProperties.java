package scot.sirgateway.operator;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code gateway.security.admin.*}: the first admin account, created at start when there is no
 * account yet.
 */
@ConfigurationProperties("gateway.security.admin")
public record AdminProperties(String username, String password) {
}
