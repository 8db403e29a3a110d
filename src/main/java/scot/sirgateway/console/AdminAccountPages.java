package scot.sirgateway.console;

import java.security.Principal;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import scot.sirgateway.council.Council;
import scot.sirgateway.council.CouncilRegistry;
import scot.sirgateway.operator.OperatorAccounts;
import scot.sirgateway.signin.AuditTrail;

/**
 * The accounts for admins: {@code GET /admin/accounts} lists people's and programs' accounts (role, council,
 * address, lock, second factor, last sign-in); {@code GET /admin/accounts/new} and {@code POST /admin/accounts}
 * make a person's account (its generated password and recovery codes shown once on the next page);
 * {@code POST /admin/accounts/{username}/unlock} and {@code .../recovery-codes} unlock one and issue new codes.
 * All through {@link OperatorAccounts}, as {@code /api/admin/accounts}, with the same checks; every change is in
 * the audit trail. Accounts cannot be disabled or removed: {@link OperatorAccounts} has no such change.
 */
@Controller
class AdminAccountPages {

    /** An account in the table. */
    record AccountRow(String username, String role, String council, String email, String lockedUntil,
            String secondFactor, String lastSignIn, boolean serviceAccount) {
    }

    /** A role to choose, the first one's input having the field's id for the error summary's link. */
    record RoleOption(String value, String id, String label, String hint) {
    }

    static final List<RoleOption> ROLES = List.of(
            new RoleOption("OPERATOR", "role", "Operator", "Triages, releases and forwards notifications; fixes quarantine"),
            new RoleOption("INSPECTOR", "role-inspector", "Inspector",
                    "Comments on reviews and asks councils for information; their reminders go to this address"),
            new RoleOption("ADMIN", "role-admin", "Admin", "What an operator does, and the admin pages"),
            new RoleOption("COUNCIL", "role-council", "Council",
                    "A council's person using the web form: choose the council; the address must be at its domains"));

    private final OperatorAccounts accounts;
    private final CouncilRegistry councils;
    private final AuditTrail audit;

    AdminAccountPages(OperatorAccounts accounts, CouncilRegistry councils, AuditTrail audit) {
        this.accounts = accounts;
        this.councils = councils;
        this.audit = audit;
    }

    @GetMapping("/admin/accounts")
    String list(Model model) {
        Map<String, OffsetDateTime> signIns = audit.lastOf("SIGN_IN");
        model.addAttribute("accounts", accounts.overview().stream().map(o -> {
            OperatorAccounts.Account a = o.account();
            return new AccountRow(a.username(), a.role().name(), a.council(), a.email(),
                    AdminWords.when(o.lockedUntil()),
                    a.serviceAccount() ? "None: a program's account (HTTP Basic, no console)"
                            : "Code by email, recovery codes",
                    AdminWords.when(signIns.get(a.username())), a.serviceAccount());
        }).toList());
        return "console/admin/accounts";
    }

    @GetMapping("/admin/accounts/new")
    String form(Model model) {
        return form(model, Map.of(), Map.of());
    }

    @PostMapping("/admin/accounts")
    String create(@RequestParam Map<String, String> form, Principal admin, Model model, RedirectAttributes redirect) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String field : List.of("username", "role", "email", "council")) {
            values.put(field, form.getOrDefault(field, "").trim());
        }
        Map<String, String> errors = new LinkedHashMap<>();
        if (values.get("username").isEmpty()) {
            errors.put("username", "Enter a username");
        }
        if (!List.of("OPERATOR", "INSPECTOR", "ADMIN", "COUNCIL").contains(values.get("role"))) {
            errors.put("role", "Select a role");
        }
        if (values.get("email").isEmpty()) {
            errors.put("email", "Enter an email address: the sign-in codes go there");
        }
        if ("COUNCIL".equals(values.get("role")) && values.get("council").isEmpty()) {
            errors.put("council", "Select the council of a council account");
        } else if (!"COUNCIL".equals(values.get("role")) && !values.get("council").isEmpty()) {
            errors.put("council", "Select a council only for a council account");
        }
        String password = form.getOrDefault("password", "");
        if (errors.isEmpty()) {
            try {
                OperatorAccounts.Created created = accounts.create(new OperatorAccounts.NewAccount(values.get("username"),
                        values.get("role"), values.get("email"), values.get("council"), password, false), admin.getName());
                redirect.addFlashAttribute("created", created.account().username());
                redirect.addFlashAttribute("initialPassword", created.initialPassword());
                redirect.addFlashAttribute("recoveryCodes", created.recoveryCodes());
                return "redirect:/admin/accounts";
            } catch (DuplicateKeyException e) {
                errors.put("username", "An account named " + values.get("username") + " exists already");
            } catch (IllegalArgumentException e) {
                errors.put(fieldOf(e.getMessage()), sentence(e.getMessage()));
            }
        }
        return form(model, values, errors);
    }

    @PostMapping("/admin/accounts/{username}/unlock")
    String unlock(@PathVariable String username, Principal admin, RedirectAttributes redirect) {
        try {
            accounts.unlock(username, admin.getName());
        } catch (NoSuchElementException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        redirect.addFlashAttribute("unlocked", username);
        return "redirect:/admin/accounts";
    }

    /** Asks before a person's recovery codes are replaced (the old ones stop working). */
    @GetMapping("/admin/accounts/{username}/recovery-codes")
    String confirmRecoveryCodes(@PathVariable String username, Model model) {
        OperatorAccounts.Account account = accounts.find(username).filter(a -> !a.serviceAccount())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("username", account.username());
        return "console/admin/recovery-codes";
    }

    @PostMapping("/admin/accounts/{username}/recovery-codes")
    String recoveryCodes(@PathVariable String username, Principal admin, RedirectAttributes redirect) {
        List<String> codes;
        try {
            codes = accounts.newRecoveryCodes(username, admin.getName());
        } catch (NoSuchElementException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        redirect.addFlashAttribute("codesFor", username);
        redirect.addFlashAttribute("recoveryCodes", codes);
        return "redirect:/admin/accounts";
    }

    private String form(Model model, Map<String, String> values, Map<String, String> errors) {
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        model.addAttribute("roles", ROLES);
        model.addAttribute("councils", councils.all().stream().map(Council::name).toList());
        return "console/admin/new-account";
    }

    /** Which field of the form a refusal of {@link OperatorAccounts#create} is about. */
    private static String fieldOf(String message) {
        if (message.startsWith("username")) {
            return "username";
        }
        if (message.startsWith("role")) {
            return "role";
        }
        if (message.startsWith("password")) {
            return "password";
        }
        if (message.startsWith("council") || message.contains("needs a council")) {
            return "council";
        }
        return "email";
    }

    /** The refusal as a sentence of the page: capitalised, without the API's advice on JSON fields. */
    private static String sentence(String message) {
        String text = message.replaceAll(" \\(or set service_account[^)]*\\)", "").replace("service_account", "a service account");
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
