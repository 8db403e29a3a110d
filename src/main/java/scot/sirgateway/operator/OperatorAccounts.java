package scot.sirgateway.operator;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import scot.sirgateway.council.Council;
import scot.sirgateway.council.CouncilRegistry;
import scot.sirgateway.storage.MessageHeaders;
import scot.sirgateway.storage.StorageCipher;

/**
 * Accounts of the {@code operator_account} table, passwords hashed, e-mail addresses sealed (bound to the
 * username). At start, when no account exists, the first admin is created from {@code gateway.security.admin.*};
 * without those settings start-up stops. An inspector has the address its reminders go to; a council
 * account belongs to one council of the registry and has an address at its domains. After
 * {@code gateway.security.max-failed-sign-ins} failed sign-ins in a row an account is locked until an admin
 * unlocks it. Passwords and addresses are never logged.
 */
@Component
public class OperatorAccounts implements UserDetailsService {

    private static final Logger log = LoggerFactory.getLogger(OperatorAccounts.class);

    static final Pattern USERNAME = Pattern.compile("[a-z0-9._-]{3,100}");
    private static final Pattern PLAIN_ADDRESS = Pattern.compile("[!-~&&[^@]]{1,64}@[a-z0-9-]+(\\.[a-z0-9-]+)+");
    static final int MIN_PASSWORD = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** An account as admins see it: never its password hash. */
    public record Account(String username, Role role, String email, String council, boolean enabled, boolean locked) {
    }

    /** What an admin asks for: role by name, council and password optional. */
    public record NewAccount(String username, String role, String email, String council, String password) {
    }

    /** The account made, and the password generated for it when none was given (shown once). */
    public record Created(Account account, String initialPassword) {
    }

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final AdminProperties admin;
    private final SignInProperties signIn;
    private final StorageCipher cipher;
    private final CouncilRegistry councils;
    private final Clock clock;

    public OperatorAccounts(JdbcClient jdbc, PasswordEncoder encoder, AdminProperties admin, SignInProperties signIn,
            StorageCipher cipher, CouncilRegistry councils, Clock clock) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.admin = admin;
        this.signIn = signIn;
        this.cipher = cipher;
        this.councils = councils;
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

    /**
     * Creates an account an admin asked for, after checking every value (IllegalArgumentException with the
     * reason otherwise). Throws DuplicateKeyException when the username is taken.
     */
    @Transactional
    public Created create(NewAccount request) {
        String username = request.username() == null ? "" : request.username().trim();
        if (!USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("username must be 3 to 100 characters of a-z, 0-9, '.', '_' or '-'");
        }
        Role role = role(request.role());
        String email = blank(request.email()) ? null : plainAddress(request.email());
        String council = null;
        if (role == Role.COUNCIL) {
            Council c = councilOf(request.council());
            if (email == null) {
                throw new IllegalArgumentException("a COUNCIL account needs an email at one of " + c.name() + "'s domains");
            }
            if (!c.ownsDomain(email.substring(email.indexOf('@') + 1))) {
                throw new IllegalArgumentException("email must be at one of " + c.name() + "'s registered domains ("
                        + String.join(", ", c.domains()) + ")");
            }
            council = c.name();
        } else if (!blank(request.council())) {
            throw new IllegalArgumentException("council is only for COUNCIL accounts");
        }
        if (role == Role.INSPECTOR && email == null) {
            throw new IllegalArgumentException("an INSPECTOR account needs an email: its reminders go there");
        }
        String password = request.password();
        String generated = null;
        if (password == null || password.isEmpty()) {
            generated = generatedPassword();
            password = generated;
        } else if (password.length() < MIN_PASSWORD) {
            throw new IllegalArgumentException("password must be at least " + MIN_PASSWORD
                    + " characters (or leave it out and one is generated)");
        }
        if (find(username).isPresent()) {
            throw new DuplicateKeyException("an account named " + username + " exists already");
        }
        jdbc.sql("INSERT INTO operator_account (username, password_hash, role, enabled, created_at, email, council) "
                        + "VALUES (?, ?, ?, TRUE, ?, ?, ?)")
                .params(username, encoder.encode(password), role.name(), OffsetDateTime.now(clock),
                        email == null ? null : cipher.encryptValue(email, emailAad(username)), council)
                .update();
        log.info("account '{}' created with role {}", username, role);
        return new Created(find(username).orElseThrow(), generated);
    }

    /** Every account, by username. */
    public List<Account> list() {
        return jdbc.sql("SELECT username, role, email, council, enabled, locked_at FROM operator_account ORDER BY username")
                .query((rs, n) -> account(rs)).list();
    }

    public Optional<Account> find(String username) {
        return jdbc.sql("SELECT username, role, email, council, enabled, locked_at FROM operator_account WHERE username = ?")
                .param(username).query((rs, n) -> account(rs)).optional();
    }

    /** Unlocks an account and starts its count of failed sign-ins again; NoSuchElementException when there is none. */
    public void unlock(String username, String admin) {
        if (jdbc.sql("UPDATE operator_account SET locked_at = NULL, failed_sign_ins = 0 WHERE username = ?")
                .param(username).update() == 0) {
            throw new NoSuchElementException("there is no account named " + username);
        }
        log.info("account '{}' unlocked by {}", username, admin);
    }

    /** A wrong password for an existing account counts; the one that reaches the limit locks it. */
    @EventListener
    void onFailedSignIn(AuthenticationFailureBadCredentialsEvent event) {
        String username = event.getAuthentication().getName();
        if (username != null) {
            // a lock that has run its time is over: the count starts again
            jdbc.sql("UPDATE operator_account SET locked_at = NULL, failed_sign_ins = 0 WHERE username = ? AND locked_at <= ?")
                    .params(username, lockedSince()).update();
        }
        if (username == null || jdbc.sql("UPDATE operator_account SET failed_sign_ins = failed_sign_ins + 1 "
                + "WHERE username = ? AND locked_at IS NULL").param(username).update() == 0) {
            return;
        }
        if (jdbc.sql("UPDATE operator_account SET locked_at = ? WHERE username = ? AND locked_at IS NULL "
                        + "AND failed_sign_ins >= ?")
                .params(OffsetDateTime.now(clock), username, signIn.maxFailedSignIns()).update() > 0) {
            log.warn("account '{}' locked after {} failed sign-ins in a row", username, signIn.maxFailedSignIns());
        }
    }

    /** A successful sign-in starts the count again and ends a lock that ran its time (written only when needed). */
    @EventListener
    void onSignIn(AuthenticationSuccessEvent event) {
        jdbc.sql("UPDATE operator_account SET failed_sign_ins = 0, locked_at = NULL WHERE username = ? "
                        + "AND (failed_sign_ins > 0 OR locked_at IS NOT NULL)")
                .param(event.getAuthentication().getName()).update();
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return jdbc.sql("SELECT username, password_hash, role, enabled, locked_at FROM operator_account WHERE username = ?")
                .param(username)
                .query((rs, n) -> User.withUsername(rs.getString("username"))
                        .password(rs.getString("password_hash"))
                        .roles(rs.getString("role"))
                        .disabled(!rs.getBoolean("enabled"))
                        .accountLocked(locked(rs))
                        .build())
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("no such account"));
    }

    private Account account(java.sql.ResultSet rs) throws java.sql.SQLException {
        String username = rs.getString("username");
        return new Account(username, Role.valueOf(rs.getString("role")),
                cipher.decryptValue(rs.getBytes("email"), emailAad(username)), rs.getString("council"),
                rs.getBoolean("enabled"), locked(rs));
    }

    /** Whether the row's account is locked now: its lock began within {@code gateway.security.lock-duration}. */
    private boolean locked(java.sql.ResultSet rs) throws java.sql.SQLException {
        OffsetDateTime lockedAt = rs.getObject("locked_at", OffsetDateTime.class);
        return lockedAt != null && lockedAt.isAfter(lockedSince());
    }

    /** Locks that began at or before this have run their time. */
    private OffsetDateTime lockedSince() {
        return OffsetDateTime.now(clock).minus(signIn.lockDuration());
    }

    /** The associated data an account's address is sealed with (shared11.md): bound to the username. */
    static String emailAad(String username) {
        return StorageCipher.associatedData("operator_account", username, "email");
    }

    private static Role role(String text) {
        try {
            Role role = Role.valueOf(text == null ? "" : text.trim().toUpperCase(Locale.ROOT));
            return role;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("role must be OPERATOR, INSPECTOR, ADMIN or COUNCIL");
        }
    }

    private Council councilOf(String text) {
        if (blank(text)) {
            throw new IllegalArgumentException("a COUNCIL account needs a council (its name as in the council list)");
        }
        return councils.byName(text).orElseThrow(() -> new IllegalArgumentException(
                "council '" + text + "' is not a council the gateway knows"));
    }

    /**
     * The address, lower-cased, when the text is one plain address (no name, no list) and no placeholder. Only
     * printable ASCII and a host name: a right-to-left override or other invisible character would make the
     * address read as another in the console, and mail relays refuse non-ASCII addresses and address literals.
     */
    static String plainAddress(String text) {
        String trimmed = text.trim();
        String address = MessageHeaders.fromAddressOf(trimmed);
        if (address == null || !address.equalsIgnoreCase(trimmed) || trimmed.contains(",")
                || !PLAIN_ADDRESS.matcher(address).matches()) {
            throw new IllegalArgumentException("email must be one plain address, like name@council.gov.uk");
        }
        String domain = address.substring(address.indexOf('@') + 1);
        if (MessageHeaders.placeholder(address) || !domain.contains(".")) {
            throw new IllegalArgumentException("email must be an address that can receive mail, not a placeholder");
        }
        return address;
    }

    private static String generatedPassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
