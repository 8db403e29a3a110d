package scot.sirgateway.signin;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import scot.sirgateway.council.Council;
import scot.sirgateway.council.CouncilRegistry;

/**
 * Councils' API tokens ({@code council_api_token}): a council's case-management system submits with
 * {@code Authorization: Bearer sirt_...}. A token is 256 random bits, shown once when made; only its SHA-256
 * is kept, and a presented token is looked up by that hash and compared in constant time. Revoked tokens stay
 * listed (with when) and never authenticate again. Every use records when it was last used.
 */
@Component
public class CouncilTokens {

    static final String PREFIX = "sirt_";

    /** A token as admins see it: never the token itself. */
    public record Token(long id, String name, String council, OffsetDateTime createdAt, String createdBy,
            OffsetDateTime lastUsedAt, OffsetDateTime revokedAt) {
    }

    /** A token just made, and its secret, shown once. */
    public record Made(Token token, String secret) {
    }

    private final JdbcClient jdbc;
    private final CouncilRegistry councils;
    private final AuditTrail audit;
    private final Clock clock;

    public CouncilTokens(JdbcClient jdbc, CouncilRegistry councils, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.councils = councils;
        this.audit = audit;
        this.clock = clock;
    }

    /** Makes a token for a council of the registry; IllegalArgumentException with the reason otherwise. */
    @Transactional
    public Made make(String councilName, String name, String admin) {
        Council council = councils.byName(councilName == null ? "" : councilName).orElseThrow(() ->
                new IllegalArgumentException("'" + councilName + "' is not a council the gateway knows (use its name "
                        + "as in the council list)"));
        String label = name == null ? "" : name.trim();
        if (label.isEmpty() || label.length() > 100 || !label.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("name the token (1 to 100 plain characters), e.g. the system that "
                    + "uses it: {\"name\": \"case management\"}");
        }
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(Secrets.bytes(32));
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.sql("INSERT INTO council_api_token (council, name, token_hash, created_at, created_by) VALUES (?, ?, ?, ?, ?)")
                .params(council.name(), label, Secrets.sha256(secret), now, admin).update();
        Token token = jdbc.sql("SELECT * FROM council_api_token WHERE token_hash = ?").param(Secrets.sha256(secret))
                .query((rs, n) -> token(rs)).single();
        audit.record(admin, "TOKEN_MADE", "token " + token.id() + " for " + council.name());
        return new Made(token, secret);
    }

    /** A council's tokens, oldest first (revoked ones included). */
    public List<Token> of(String councilName) {
        Council council = councils.byName(councilName == null ? "" : councilName).orElseThrow(() ->
                new NoSuchElementException("'" + councilName + "' is not a council the gateway knows"));
        return jdbc.sql("SELECT * FROM council_api_token WHERE council = ? ORDER BY id").param(council.name())
                .query((rs, n) -> token(rs)).list();
    }

    /** Revokes a token; NoSuchElementException when there is none with that id. */
    @Transactional
    public Token revoke(long id, String admin) {
        Token token = jdbc.sql("SELECT * FROM council_api_token WHERE id = ?").param(id).query((rs, n) -> token(rs))
                .optional().orElseThrow(() -> new NoSuchElementException("there is no API token " + id));
        if (token.revokedAt() == null) {
            jdbc.sql("UPDATE council_api_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
                    .params(OffsetDateTime.now(clock), id).update();
            audit.record(admin, "TOKEN_REVOKED", "token " + id + " of " + token.council());
        }
        return jdbc.sql("SELECT * FROM council_api_token WHERE id = ?").param(id).query((rs, n) -> token(rs)).single();
    }

    /** The live token presented, its last use recorded; empty when it is unknown or revoked. */
    @Transactional
    public Optional<Token> authenticate(String presented) {
        if (presented == null || !presented.startsWith(PREFIX) || presented.length() > 100) {
            return Optional.empty();
        }
        String hash = Secrets.sha256(presented);
        Optional<Object[]> row = jdbc.sql("SELECT id, token_hash FROM council_api_token WHERE token_hash = ? "
                        + "AND revoked_at IS NULL")
                .param(hash).query((rs, n) -> new Object[] {rs.getLong("id"), rs.getString("token_hash")}).optional();
        if (row.isEmpty() || !Secrets.same(hash, (String) row.get()[1])) {
            return Optional.empty();
        }
        long id = (Long) row.get()[0];
        jdbc.sql("UPDATE council_api_token SET last_used_at = ? WHERE id = ?").params(OffsetDateTime.now(clock), id).update();
        return jdbc.sql("SELECT * FROM council_api_token WHERE id = ?").param(id).query((rs, n) -> token(rs)).optional();
    }

    private static Token token(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Token(rs.getLong("id"), rs.getString("name"), rs.getString("council"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getString("created_by"),
                rs.getObject("last_used_at", OffsetDateTime.class), rs.getObject("revoked_at", OffsetDateTime.class));
    }
}
