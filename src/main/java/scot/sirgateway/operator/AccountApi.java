package scot.sirgateway.operator;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /api/admin/accounts} (admins only): the accounts and their roles, addresses and locks; a new
 * account (its generated password and a person's recovery codes answered once); the unlock of an account locked after failed sign-ins.
 * A password hash is never answered.
 */
@RestController
@RequestMapping("/api/admin/accounts")
class AccountApi {

    /**
     * The body of the create call; {@code council} only for COUNCIL accounts, {@code password} optional,
     * {@code service_account} for a program of the inspectorate (HTTP Basic, no console).
     */
    record NewAccountRequest(String username, String role, String email, String council, String password,
            @com.fasterxml.jackson.annotation.JsonProperty("service_account") Boolean serviceAccount) {
    }

    private final OperatorAccounts accounts;

    AccountApi(OperatorAccounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping
    List<Map<String, Object>> list() {
        return accounts.list().stream().map(AccountApi::json).toList();
    }

    /**
     * 201 with the account (and {@code initial_password} when one was generated); 409 when the username is taken.
     * The account made is in the audit trail ({@code ACCOUNT_CREATED}, by the admin), as one made on the admin page.
     */
    @PostMapping
    ResponseEntity<Map<String, Object>> create(@RequestBody(required = false) NewAccountRequest request,
            java.security.Principal admin) {
        if (request == null) {
            throw new IllegalArgumentException("send the account as JSON: username, role, email, council (COUNCIL "
                    + "accounts), password (optional)");
        }
        OperatorAccounts.Created created;
        try {
            created = accounts.create(new OperatorAccounts.NewAccount(request.username(), request.role(),
                    request.email(), request.council(), request.password(),
                    Boolean.TRUE.equals(request.serviceAccount())), admin.getName());
        } catch (DuplicateKeyException e) {
            throw new ResponseStatusException(HttpStatus.CONFLICT,
                    "an account named " + request.username().trim() + " exists already");
        }
        Map<String, Object> json = json(created.account());
        if (created.initialPassword() != null) {
            json.put("initial_password", created.initialPassword());
        }
        if (!created.recoveryCodes().isEmpty()) {
            json.put("recovery_codes", created.recoveryCodes());
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(json);
    }

    /** Unlocks the account and resets its count of failed sign-ins; 404 when there is no such account. */
    @PostMapping("/{username}/unlock")
    Map<String, Object> unlock(@PathVariable String username, Principal admin) {
        accounts.unlock(username, admin.getName());
        return json(accounts.find(username).orElseThrow());
    }

    /** New recovery codes for a person (the old ones void), answered once; 404 no such account, 400 a service account. */
    @PostMapping("/{username}/recovery-codes")
    Map<String, Object> recoveryCodes(@PathVariable String username, Principal admin) {
        List<String> codes = accounts.newRecoveryCodes(username, admin.getName());
        Map<String, Object> json = json(accounts.find(username).orElseThrow());
        json.put("recovery_codes", codes);
        return json;
    }

    private static Map<String, Object> json(OperatorAccounts.Account account) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("username", account.username());
        json.put("role", account.role().name());
        json.put("email", account.email());
        json.put("council", account.council());
        json.put("enabled", account.enabled());
        json.put("locked", account.locked());
        json.put("service_account", account.serviceAccount());
        return json;
    }
}
