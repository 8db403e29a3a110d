package scot.sirgateway.signin;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person's recovery codes: ten codes of ten characters (about 49 bits each), made with the account and
 * shown once, for the day the mailbox cannot be reached. Each stands in for the mailed code once. Only their
 * SHA-256 is kept; their entropy makes a salt unnecessary.
 */
@Component
public class RecoveryCodes {

    static final int COUNT = 10;

    private final JdbcClient jdbc;
    private final Clock clock;

    public RecoveryCodes(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** New codes for the account, replacing any it had; answered once, in the form {@code abcde-fghjk}. */
    @Transactional
    public List<String> issue(String username) {
        jdbc.sql("DELETE FROM recovery_code WHERE username = ?").param(username).update();
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            String code = Secrets.readable(5) + "-" + Secrets.readable(5);
            jdbc.sql("INSERT INTO recovery_code (username, code_hash) VALUES (?, ?)")
                    .params(username, Secrets.sha256(normal(code))).update();
            codes.add(code);
        }
        return codes;
    }

    /** Uses one of the account's unused codes; answers whether the code entered was one. */
    @Transactional
    public boolean use(String username, String entered) {
        String hash = Secrets.sha256(normal(entered == null ? "" : entered));
        List<Object[]> unused = jdbc.sql("SELECT id, code_hash FROM recovery_code WHERE username = ? AND used_at IS NULL")
                .param(username).query((rs, n) -> new Object[] {rs.getLong("id"), rs.getString("code_hash")}).list();
        for (Object[] code : unused) {
            if (Secrets.same(hash, (String) code[1])) {
                return jdbc.sql("UPDATE recovery_code SET used_at = ? WHERE id = ? AND used_at IS NULL")
                        .params(OffsetDateTime.now(clock), code[0]).update() == 1;
            }
        }
        return false;
    }

    public long unused(String username) {
        return jdbc.sql("SELECT COUNT(*) FROM recovery_code WHERE username = ? AND used_at IS NULL")
                .param(username).query(Long.class).single();
    }

    /** Spaces, dashes and case do not matter when typing a code. */
    private static String normal(String code) {
        return code.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT);
    }
}
