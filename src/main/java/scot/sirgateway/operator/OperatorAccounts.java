package scot.sirgateway.operator;

import java.time.Clock;
import java.time.OffsetDateTime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Accounts of the {@code operator_account} table, passwords hashed. At start, when no account exists,
 * the first admin is created from {@code gateway.security.admin.*}; without those settings start-up stops.
 */
@Component
public class OperatorAccounts implements UserDetailsService {

    private static final Logger log = LoggerFactory.getLogger(OperatorAccounts.class);

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final AdminProperties admin;
    private final Clock clock;

    public OperatorAccounts(JdbcClient jdbc, PasswordEncoder encoder, AdminProperties admin, Clock clock) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.admin = admin;
        this.clock = clock;
    }

    @EventListener(ApplicationStartedEvent.class)
    public void createFirstAdmin() {
        long accounts = jdbc.sql("SELECT COUNT(*) FROM operator_account").query(Long.class).single();
        if (accounts > 0) {
            return;
        }
        if (admin.username() == null || admin.username().isBlank()) {
            throw new IllegalStateException("gateway.security.admin.username is required: there is no account yet");
        }
        if (admin.password() == null || admin.password().length() < 8) {
            throw new IllegalStateException("gateway.security.admin.password is required (8 characters or more): "
                    + "there is no account yet");
        }
        create(admin.username(), admin.password(), Role.ADMIN);
        log.info("first admin account '{}' created", admin.username());
    }

    public void create(String username, String password, Role role) {
        jdbc.sql("INSERT INTO operator_account (username, password_hash, role, enabled, created_at) VALUES (?, ?, ?, TRUE, ?)")
                .params(username, encoder.encode(password), role.name(), OffsetDateTime.now(clock)).update();
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return jdbc.sql("SELECT username, password_hash, role, enabled FROM operator_account WHERE username = ?")
                .param(username)
                .query((rs, n) -> User.withUsername(rs.getString("username"))
                        .password(rs.getString("password_hash"))
                        .roles(rs.getString("role"))
                        .disabled(!rs.getBoolean("enabled"))
                        .build())
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("no such account"));
    }
}
