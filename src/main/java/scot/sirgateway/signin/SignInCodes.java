package scot.sirgateway.signin;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HexFormat;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The 6-digit codes of the second factor, one live code per account: a newer code replaces the older, a
 * code is good for {@link #VALID_FOR} on the gateway's clock and once only, and after {@link #MAX_TRIES}
 * wrong tries it is void. Only a salted SHA-256 of the code is kept: a leaked table does not sign anyone in
 * within the code's ten minutes without also guessing against the live gateway.
 */
@Component
public class SignInCodes {

    static final Duration VALID_FOR = Duration.ofMinutes(10);
    static final int MAX_TRIES = 5;

    /** What a code entered turned out to be. */
    public enum Check { ACCEPTED, WRONG, EXPIRED, NONE }

    /** A code made for an account, and when it stops being good. */
    public record Issued(String code, OffsetDateTime expiresAt) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    public SignInCodes(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional
    public Issued issue(String username) {
        String code = Secrets.digits(6);
        String salt = HexFormat.of().formatHex(Secrets.bytes(16));
        OffsetDateTime expires = OffsetDateTime.now(clock).plus(VALID_FOR);
        jdbc.sql("DELETE FROM sign_in_code WHERE username = ?").param(username).update();
        jdbc.sql("INSERT INTO sign_in_code (username, code_hash, salt, expires_at, wrong_tries) VALUES (?, ?, ?, ?, 0)")
                .params(username, Secrets.sha256(salt + code), salt, expires).update();
        return new Issued(code, expires);
    }

    /** Checks a code entered; an accepted code is used up, a wrong one counts against it. */
    @Transactional
    public Check check(String username, String entered) {
        var row = jdbc.sql("SELECT code_hash, salt, expires_at, wrong_tries FROM sign_in_code WHERE username = ? FOR UPDATE")
                .param(username)
                .query((rs, n) -> new Object[] {rs.getString("code_hash"), rs.getString("salt"),
                        rs.getObject("expires_at", OffsetDateTime.class), rs.getInt("wrong_tries")})
                .optional();
        if (row.isEmpty()) {
            return Check.NONE;
        }
        Object[] code = row.get();
        if (!((OffsetDateTime) code[2]).isAfter(OffsetDateTime.now(clock)) || (int) code[3] >= MAX_TRIES) {
            jdbc.sql("DELETE FROM sign_in_code WHERE username = ?").param(username).update();
            return Check.EXPIRED;
        }
        String typed = entered == null ? "" : entered.replaceAll("\\s", "");
        if (Secrets.same(Secrets.sha256(code[1] + typed), (String) code[0])) {
            jdbc.sql("DELETE FROM sign_in_code WHERE username = ?").param(username).update();
            return Check.ACCEPTED;
        }
        jdbc.sql("UPDATE sign_in_code SET wrong_tries = wrong_tries + 1 WHERE username = ?").param(username).update();
        return Check.WRONG;
    }
}
