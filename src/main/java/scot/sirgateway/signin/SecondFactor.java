package scot.sirgateway.signin;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.stereotype.Component;

import scot.sirgateway.operator.OperatorAccounts;
import scot.sirgateway.operator.Role;

/**
 * The second step of a person's sign-in, after the password: a code mailed to the account's own address (or
 * one of its recovery codes). Wrong codes count towards the account's lock like wrong passwords. Once done,
 * the session's authentication gains the account's role (and a council account its council) and the
 * one-time-token factor next to the password factor: only then does anything but the sign-in pages open.
 */
@Component
public class SecondFactor {

    /** What a code entered did. */
    public enum Outcome { SIGNED_IN, WRONG, EXPIRED, LOCKED }

    private final OperatorAccounts accounts;
    private final SignInCodes codes;
    private final RecoveryCodes recoveryCodes;
    private final CodeMail mail;
    private final AuditTrail audit;
    private final Clock clock;

    /** The most code mails an account is sent in an hour. */
    static final int CODES_PER_HOUR = 10;

    public SecondFactor(OperatorAccounts accounts, SignInCodes codes, RecoveryCodes recoveryCodes, CodeMail mail,
            AuditTrail audit, Clock clock) {
        this.clock = clock;
        this.accounts = accounts;
        this.codes = codes;
        this.recoveryCodes = recoveryCodes;
        this.mail = mail;
        this.audit = audit;
    }

    /** What became of a code asked for. */
    public enum Sent { SENT, NOT_SENT, TOO_MANY }

    /**
     * Makes a new code (the older one void) and mails it. At most {@link #CODES_PER_HOUR} code mails go to an
     * account in an hour: someone who knows only the password cannot fill the person's mailbox with codes.
     */
    public Sent sendCode(String username) {
        Optional<OperatorAccounts.Account> account = accounts.find(username);
        if (account.isEmpty() || account.get().email() == null || account.get().serviceAccount()) {
            return Sent.NOT_SENT;
        }
        if (audit.count(username, "CODE_SENT", OffsetDateTime.now(clock).minusHours(1)) >= CODES_PER_HOUR) {
            audit.record(username, "CODE_REFUSED", "more than " + CODES_PER_HOUR + " codes asked for in an hour");
            return Sent.TOO_MANY;
        }
        boolean sent = mail.send(account.get().email(), codes.issue(username));
        audit.record(username, sent ? "CODE_SENT" : "CODE_NOT_SENT", null);
        return sent ? Sent.SENT : Sent.NOT_SENT;
    }

    public Outcome enterCode(String username, String code) {
        if (accounts.locked(username)) {
            return Outcome.LOCKED;
        }
        return switch (codes.check(username, code)) {
            case ACCEPTED -> Outcome.SIGNED_IN;
            case WRONG -> {
                audit.record(username, "CODE_FAILED", null);
                yield accounts.countFailure(username) ? Outcome.LOCKED : Outcome.WRONG;
            }
            case EXPIRED, NONE -> {
                audit.record(username, "CODE_EXPIRED", "expired, used or voided code");
                yield Outcome.EXPIRED;
            }
        };
    }

    public Outcome enterRecoveryCode(String username, String code) {
        if (accounts.locked(username)) {
            return Outcome.LOCKED;
        }
        if (recoveryCodes.use(username, code)) {
            return Outcome.SIGNED_IN;
        }
        audit.record(username, "RECOVERY_CODE_FAILED", null);
        return accounts.countFailure(username) ? Outcome.LOCKED : Outcome.WRONG;
    }

    /**
     * The authentication of a person who has done both factors: the password factor kept from the first step,
     * the one-time-token factor added, the account's role and council. Records the sign-in.
     */
    public Authentication complete(Authentication passwordOnly, String how) {
        String username = passwordOnly.getName();
        OperatorAccounts.Account account = accounts.find(username).orElseThrow();
        List<GrantedAuthority> authorities = new ArrayList<>(accounts.authoritiesOf(account));
        passwordOnly.getAuthorities().stream()
                .filter(a -> FactorGrantedAuthority.PASSWORD_AUTHORITY.equals(a.getAuthority()))
                .forEach(authorities::add);
        authorities.add(FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.OTT_AUTHORITY));
        accounts.signedIn(username);
        audit.record(username, "SIGN_IN", how);
        return UsernamePasswordAuthenticationToken.authenticated(username, null, authorities);
    }

    /** Where a person lands once signed in: a council's users on the council's pages, the inspectorate on the console. */
    public static String home(Authentication authentication) {
        boolean council = authentication.getAuthorities().stream()
                .anyMatch(a -> ("ROLE_" + Role.COUNCIL.name()).equals(a.getAuthority()));
        return council ? "/council" : "/";
    }

    /** Whether the authentication is a person's password step only, waiting for the code. */
    public static boolean waitingForCode(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()) {
            return false;
        }
        boolean password = false;
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            String name = authority.getAuthority();
            if (FactorGrantedAuthority.PASSWORD_AUTHORITY.equals(name)) {
                password = true;
            } else if (name != null && (name.startsWith("ROLE_") || FactorGrantedAuthority.OTT_AUTHORITY.equals(name))) {
                return false;
            }
        }
        return password;
    }

    public long recoveryCodesLeft(String username) {
        return recoveryCodes.unused(username);
    }
}
