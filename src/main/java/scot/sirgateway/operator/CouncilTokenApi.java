package scot.sirgateway.operator;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import scot.sirgateway.signin.CouncilTokens;

/**
 * Councils' API tokens, for admins: {@code POST /api/admin/councils/{council}/tokens} makes one (the token in
 * the 201 answer only, never again), {@code GET} lists a council's tokens without them, {@code DELETE
 * /api/admin/tokens/{id}} revokes one (its next call is 401).
 */
@RestController
class CouncilTokenApi {

    record NewToken(String name) {
    }

    private final CouncilTokens tokens;

    CouncilTokenApi(CouncilTokens tokens) {
        this.tokens = tokens;
    }

    @PostMapping("/api/admin/councils/{council}/tokens")
    ResponseEntity<Map<String, Object>> make(@PathVariable String council, @RequestBody(required = false) NewToken body,
            Principal admin) {
        CouncilTokens.Made made = tokens.make(council, body == null ? null : body.name(), admin.getName());
        Map<String, Object> json = json(made.token());
        json.put("token", made.secret());
        return ResponseEntity.status(HttpStatus.CREATED).body(json);
    }

    @GetMapping("/api/admin/councils/{council}/tokens")
    List<Map<String, Object>> list(@PathVariable String council) {
        return tokens.of(council).stream().map(CouncilTokenApi::json).toList();
    }

    @DeleteMapping("/api/admin/tokens/{id}")
    Map<String, Object> revoke(@PathVariable long id, Principal admin) {
        return json(tokens.revoke(id, admin.getName()));
    }

    private static Map<String, Object> json(CouncilTokens.Token token) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", token.id());
        json.put("name", token.name());
        json.put("council", token.council());
        json.put("created_at", token.createdAt());
        json.put("created_by", token.createdBy());
        json.put("last_used_at", token.lastUsedAt());
        json.put("revoked_at", token.revokedAt());
        return json;
    }
}
