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
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import scot.sirgateway.council.Council;
import scot.sirgateway.deadline.OperatorAlerts;
import scot.sirgateway.signin.AuditTrail;
import scot.sirgateway.signin.RecoveryCodes;
import scot.sirgateway.council.CouncilRegistry;
import scot.sirgateway.storage.MessageHeaders;
import scot.sirgateway.storage.StorageCipher;

/**
 * Accounts of the {@code operator_account} table, passwords hashed, e-mail addresses sealed (bound to the
 * username). At start, when no account exists, the first admin is created from {@code gateway.security.admin.*};
 * without those settings start-up stops. A person's account has the address its sign-in codes go to (and
 * recovery codes, shown once when it is made); a service account (inspectorate roles only) is a program's:
 * HTTP Basic only, no console. An inspector has the address its reminders go to; a council account belongs to
 * one council of the registry and has an address at its domains. After {@code gateway.security.max-failed-sign-ins}
 * failed passwords or codes in a row an account is locked for {@code gateway.security.lock-duration} (or until
 * an admin unlocks it), the admins alerted once per lock. Passwords, codes and addresses are never logged.
 */
@Component
public class OperatorAccounts implements UserDetailsService {

    private static final Logger log = LoggerFactory.getLogger(OperatorAccounts.class);

    static final Pattern USERNAME = Pattern.compile("[a-z0-9._-]{3,100}");
    private static final Pattern PLAIN_ADDRESS = Pattern.compile("[!-~&&[^@]]{1,64}@[a-z0-9-]+(\\.[a-z0-9-]+)+");
    static final int MIN_PASSWORD = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** An account as admins see it: never its password hash. */
    public record Account(String username, Role role, String email, String council, boolean enabled, boolean locked,
            boolean serviceAccount) {
    }

    /** What an admin asks for: role by name, council and password optional, a service account when asked. */
    public record NewAccount(String username, String role, String email, String council, String password,
            boolean serviceAccount) {
        public NewAccount(String username, String role, String email, String council, String password) {
            this(username, role, email, council, password, false);
        }
    }

    /**
     * The account made, the password generated for it when none was given and a person's recovery codes
     * (each shown once; empty for a service account).
     */
    public record Created(Account account, String initialPassword, List<String> recoveryCodes) {
    }

    /** The authority every council caller has besides ROLE_COUNCIL, followed by its council's name (shared12.md). */
    public static final String COUNCIL_OF = "COUNCIL_OF:";

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final AdminProperties admin;
    private final SignInProperties signIn;
    private final StorageCipher cipher;
    private final CouncilRegistry councils;
    private final Clock clock;
    private final RecoveryCodes recoveryCodes;
    private final AuditTrail audit;
    private final OperatorAlerts alerts;

    public OperatorAccounts(JdbcClient jdbc, PasswordEncoder encoder, AdminProperties admin, SignInProperties signIn,
            StorageCipher cipher, CouncilRegistry councils, Clock clock, RecoveryCodes recoveryCodes, AuditTrail audit,
            OperatorAlerts alerts) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.admin = admin;
        this.signIn = signIn;
        this.cipher = cipher;
        this.councils = councils;
        this.clock = clock;
        this.recoveryCodes = recoveryCodes;
        this.audit = audit;
        this.alerts = alerts;
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
        if (!admin.serviceAccount() && blank(admin.email())) {
            throw new IllegalStateException("gateway.security.admin.email is required: the first admin signs in to "
                    + "the console with a code mailed there (or set gateway.security.admin.service-account: true "
                    + "for an admin that only calls the API with HTTP Basic)");
        }
        String email = admin.serviceAccount() && blank(admin.email()) ? null : plainAddress(admin.email());
        insert(admin.username(), admin.password(), Role.ADMIN, email, null, admin.serviceAccount());
        log.info("first admin account '{}' created{}", admin.username(), admin.serviceAccount() ? " (service account)" : "");
    }

    /** A service account (HTTP Basic, no console) with this role and no address: a program's account. */
    public void create(String username, String password, Role role) {
        insert(username, password, role, null, null, true);
    }

    private void insert(String username, String password, Role role, String email, String council, boolean service) {
        jdbc.sql("INSERT INTO operator_account (username, password_hash, role, enabled, created_at, email, council, "
                        + "service_account) VALUES (?, ?, ?, TRUE, ?, ?, ?, ?)")
                .params(username, encoder.encode(password), role.name(), OffsetDateTime.now(clock),
                        email == null ? null : cipher.encryptValue(email, emailAad(username)), council, service)
                .update();
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
        if (request.serviceAccount() && role == Role.COUNCIL) {
            throw new IllegalArgumentException("service_account is only for inspectorate accounts (OPERATOR, "
                    + "INSPECTOR, ADMIN); a council's program uses a council API token");
        }
        if (role == Role.INSPECTOR && email == null) {
            throw new IllegalArgumentException("an INSPECTOR account needs an email: its reminders go there");
        }
        if (!request.serviceAccount() && email == null) {
            throw new IllegalArgumentException("a person's account needs an email: its sign-in codes go there "
                    + "(or set service_account: true for a program's account)");
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
        insert(username, password, role, email, council, request.serviceAccount());
        List<String> codes = request.serviceAccount() ? List.of() : recoveryCodes.issue(username);
        log.info("account '{}' created with role {}{}", username, role, request.serviceAccount() ? " (service account)" : "");
        return new Created(find(username).orElseThrow(), generated, codes);
    }

    /**
     * New recovery codes for a person's account, the old ones void: for a person who has used or lost theirs,
     * and for a first admin made from configuration (it had nobody to show them to). Answered once.
     * NoSuchElementException when there is no such account, IllegalArgumentException for a service account.
     */
    @Transactional
    public List<String> newRecoveryCodes(String username, String admin) {
        Account account = find(username).orElseThrow(() -> new NoSuchElementException("there is no account named " + username));
        if (account.serviceAccount()) {
            throw new IllegalArgumentException(username + " is a service account: it signs in with HTTP Basic only "
                    + "and has no recovery codes");
        }
        List<String> codes = recoveryCodes.issue(username);
        audit.record(admin, "RECOVERY_CODES_ISSUED", "new recovery codes for " + username);
        return codes;
    }

    /** Every account, by username. */
    public List<Account> list() {
        return jdbc.sql("SELECT username, role, email, council, enabled, locked_at, service_account FROM operator_account ORDER BY username")
                .query((rs, n) -> account(rs)).list();
    }

    public Optional<Account> find(String username) {
        return jdbc.sql("SELECT username, role, email, council, enabled, locked_at, service_account FROM operator_account WHERE username = ?")
                .param(username).query((rs, n) -> account(rs)).optional();
    }

    /** Unlocks an account and starts its count of failed sign-ins again; NoSuchElementException when there is none. */
    @Transactional
    public void unlock(String username, String admin) {
        if (jdbc.sql("UPDATE operator_account SET locked_at = NULL, failed_sign_ins = 0 WHERE username = ?")
                .param(username).update() == 0) {
            throw new NoSuchElementException("there is no account named " + username);
        }
        audit.record(admin, "UNLOCK", "unlocked account " + username);
        log.info("account '{}' unlocked by {}", username, admin);
    }

    /**
     * A wrong password for an existing account counts, also by HTTP Basic; a caller refused for not being a
     * service account (Basic) or a person (the sign-in page) has not had its password checked and does not count.
     */
    @EventListener
    void onFailedSignIn(AuthenticationFailureBadCredentialsEvent event) {
        if (event.getException() instanceof UsernameNotFoundException) {
            return;
        }
        String username = event.getAuthentication().getName();
        if (username != null && find(username).isPresent()) {
            audit.record(username, "PASSWORD_FAILED", null);
            countFailure(username);
        }
    }

    /**
     * Counts one failed password or code; the one that reaches {@code gateway.security.max-failed-sign-ins}
     * locks the account and alerts the admins (once for this lock). Answers whether the account is locked now.
     */
    @Transactional
    public boolean countFailure(String username) {
        // a lock that has run its time is over: the count starts again
        jdbc.sql("UPDATE operator_account SET locked_at = NULL, failed_sign_ins = 0 WHERE username = ? AND locked_at <= ?")
                .params(username, lockedSince()).update();
        if (jdbc.sql("UPDATE operator_account SET failed_sign_ins = failed_sign_ins + 1 "
                + "WHERE username = ? AND locked_at IS NULL").param(username).update() == 0) {
            return locked(username);
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (jdbc.sql("UPDATE operator_account SET locked_at = ? WHERE username = ? AND locked_at IS NULL "
                        + "AND failed_sign_ins >= ?")
                .params(now, username, signIn.maxFailedSignIns()).update() > 0) {
            log.warn("account '{}' locked after {} failed sign-ins in a row", username, signIn.maxFailedSignIns());
            audit.record(username, "LOCKED", signIn.maxFailedSignIns() + " failed sign-ins in a row; locked for "
                    + signIn.lockDuration().toMinutes() + " minutes");
            alerts.raise("ACCOUNT_LOCKED", "ACCOUNT_LOCKED:" + username + ":" + now.toInstant().toEpochMilli(),
                    signIn.lockDuration(), "Account " + username + " locked after " + signIn.maxFailedSignIns()
                            + " failed sign-ins",
                    "The account " + username + " had " + signIn.maxFailedSignIns() + " wrong passwords or codes "
                            + "in a row and is locked for " + signIn.lockDuration().toMinutes() + " minutes.\n\n"
                            + "If its owner did not make these attempts, someone may be guessing its password. An "
                            + "admin can unlock it early: POST /api/admin/accounts/" + username + "/unlock\n",
                    null);
            return true;
        }
        return false;
    }

    /** Whether the account is locked now (a lock that ran its time is not). */
    public boolean locked(String username) {
        return jdbc.sql("SELECT locked_at FROM operator_account WHERE username = ?").param(username)
                .query((rs, n) -> locked(rs)).optional().orElse(false);
    }

    /**
     * A successful HTTP Basic call (a service account) starts the count again and ends a lock that ran its
     * time. A person's password alone does not: only both factors do ({@link #signedIn}), or a password
     * known to an attacker would reset the count of wrong codes.
     */
    @EventListener
    void onSignIn(AuthenticationSuccessEvent event) {
        boolean role = event.getAuthentication().getAuthorities().stream()
                .anyMatch(a -> a.getAuthority() != null && a.getAuthority().startsWith("ROLE_"));
        if (role) {
            signedIn(event.getAuthentication().getName());
        }
    }

    /** Both factors done (or a service account's password): the count of failures starts again. */
    public void signedIn(String username) {
        jdbc.sql("UPDATE operator_account SET failed_sign_ins = 0, locked_at = NULL WHERE username = ? "
                        + "AND (failed_sign_ins > 0 OR locked_at IS NOT NULL)")
                .param(username).update();
    }

    /**
     * A person's account for the sign-in page: no authorities until the second factor is done (the password
     * alone reaches only the sign-in pages). A service account is not found here: it has no console.
     */
    @Override
    public UserDetails loadUserByUsername(String username) {
        return userDetails(username, false);
    }

    /** A service account for HTTP Basic, with its role; a person's account is not found here. */
    public UserDetails loadServiceAccount(String username) {
        return userDetails(username, true);
    }

    private UserDetails userDetails(String username, boolean service) {
        return jdbc.sql("SELECT username, password_hash, role, enabled, locked_at FROM operator_account "
                        + "WHERE username = ? AND service_account = ?")
                .params(username, service)
                .query((rs, n) -> User.withUsername(rs.getString("username"))
                        .password(rs.getString("password_hash"))
                        .authorities(service ? List.of(new SimpleGrantedAuthority("ROLE_" + rs.getString("role")))
                                : List.of())
                        .disabled(!rs.getBoolean("enabled"))
                        .accountLocked(locked(rs))
                        .build())
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException(service ? "not a service account" : "not a person's account"));
    }

    /**
     * The authorities of a person who has done both factors: the role, and for a council account the
     * {@link #COUNCIL_OF} authority naming its council.
     */
    public List<GrantedAuthority> authoritiesOf(Account account) {
        List<GrantedAuthority> authorities = new java.util.ArrayList<>();
        authorities.add(new SimpleGrantedAuthority("ROLE_" + account.role().name()));
        if (account.role() == Role.COUNCIL && account.council() != null) {
            authorities.add(new SimpleGrantedAuthority(COUNCIL_OF + account.council()));
        }
        return authorities;
    }

    private Account account(java.sql.ResultSet rs) throws java.sql.SQLException {
        String username = rs.getString("username");
        return new Account(username, Role.valueOf(rs.getString("role")),
                cipher.decryptValue(rs.getBytes("email"), emailAad(username)), rs.getString("council"),
                rs.getBoolean("enabled"), locked(rs), rs.getBoolean("service_account"));
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

    /** An account as the admin pages list it: until when a lock holds (null when not locked). */
    public record AccountOverview(Account account, OffsetDateTime lockedUntil) {
    }

    /** Every account, by username, with the end of its lock. */
    public List<AccountOverview> overview() {
        return jdbc.sql("SELECT username, role, email, council, enabled, locked_at, service_account FROM operator_account ORDER BY username")
                .query((rs, n) -> {
                    Account account = account(rs);
                    OffsetDateTime lockedAt = rs.getObject("locked_at", OffsetDateTime.class);
                    return new AccountOverview(account, account.locked() ? lockedAt.plus(signIn.lockDuration()) : null);
                }).list();
    }

    /**
     * {@link #create(NewAccount)} for an admin of the console, the account's creation recorded in the audit trail
     * under the admin's name (username and role; never the address or the password).
     */
    @Transactional
    public Created create(NewAccount request, String admin) {
        Created created = create(request);
        audit.record(admin, "ACCOUNT_CREATED", "account " + created.account().username() + " with role "
                + created.account().role() + (created.account().serviceAccount() ? " (service account)" : ""));
        return created;
    }
}
