package scot.sirgateway.console;

import java.security.Principal;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
import scot.sirgateway.signin.CouncilTokens;
import scot.sirgateway.storage.MessageHeaders;

/**
 * The council registry for admins: {@code GET /admin/councils} lists the councils of {@code gateway.councils-file}
 * (the file stays the source; the page shows what is missing: unconfirmed domains, placeholder or missing CSWO and
 * contact addresses, certificates expiring within 30 days); {@code GET /admin/councils/{council}} shows one with its
 * people's accounts and API tokens. A token is made ({@code POST .../tokens}, shown once on the next page) and
 * revoked ({@code GET .../tokens/{id}/revoke} asks, {@code POST} revokes) through {@link CouncilTokens}, as the
 * API's {@code /api/admin/councils/{council}/tokens}; it audits both.
 */
@Controller
class AdminCouncilPages {

    static final Duration EXPIRY_WARNING = Duration.ofDays(30);

    /** A council in the registry's table. */
    record CouncilRow(String name, String href, String domains, boolean domainsConfirmed, String cswoState,
            int certificates, boolean certificateAttention, long liveTokens) {
    }

    /** A contact of a council; {@code state} is null for a usable address, else what is wrong. */
    record ContactRow(String role, String name, String email, String state) {
    }

    /** A signing certificate of a council. */
    record CertificateRow(String subject, String issuer, String expires, String state) {
    }

    /** One API token, never the token itself. */
    record TokenRow(long id, String name, String created, String createdBy, String lastUsed, String revoked) {
    }

    /** A person's or program's account of the council. */
    record AccountRow(String username, String email, boolean locked) {
    }

    private final CouncilRegistry councils;
    private final CouncilTokens tokens;
    private final OperatorAccounts accounts;
    private final Clock clock;

    AdminCouncilPages(CouncilRegistry councils, CouncilTokens tokens, OperatorAccounts accounts, Clock clock) {
        this.councils = councils;
        this.tokens = tokens;
        this.accounts = accounts;
        this.clock = clock;
    }

    @GetMapping("/admin/councils")
    String list(Model model) {
        model.addAttribute("councils", councils.all().stream().map(c -> new CouncilRow(c.name(),
                "/admin/councils/" + AdminWords.slug(c.name()), String.join(", ", c.domains()), c.domainsConfirmed(),
                cswoState(c), c.certificates().size(),
                c.certificates().stream().anyMatch(cert -> expiryState(cert, clock) != null),
                tokens.of(c.name()).stream().filter(t -> t.revokedAt() == null).count())).toList());
        return "console/admin/councils";
    }

    @GetMapping("/admin/councils/{council}")
    String council(@PathVariable String council, Model model) {
        Council found = council(council);
        show(found, model, Map.of(), "");
        return "console/admin/council";
    }

    /** Makes a token; the page again with the error when its name is not right (nothing made). */
    @PostMapping("/admin/councils/{council}/tokens")
    String makeToken(@PathVariable String council, @RequestParam(name = "name", required = false) String name,
            Principal admin, Model model, RedirectAttributes redirect) {
        Council found = council(council);
        String label = name == null ? "" : name.trim();
        String error = null;
        if (label.isEmpty()) {
            error = "Enter a name for the token";
        } else if (label.length() > 100 || !label.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            error = "The name must be 100 characters or fewer, of letters, digits, spaces and plain punctuation";
        }
        if (error == null) {
            try {
                CouncilTokens.Made made = tokens.make(found.name(), label, admin.getName());
                redirect.addFlashAttribute("madeToken", made.secret());
                redirect.addFlashAttribute("madeTokenName", made.token().name());
                return "redirect:/admin/councils/" + AdminWords.slug(found.name()) + "#tokens";
            } catch (IllegalArgumentException e) {
                error = "The name must be 100 characters or fewer, of letters, digits, spaces and plain punctuation";
            }
        }
        show(found, model, Map.of("token-name", error), name == null ? "" : name);
        return "console/admin/council";
    }

    @GetMapping("/admin/councils/{council}/tokens/{id}/revoke")
    String confirmRevoke(@PathVariable String council, @PathVariable long id, Model model) {
        Council found = council(council);
        CouncilTokens.Token token = token(found, id);
        model.addAttribute("council", found.name());
        model.addAttribute("councilHref", "/admin/councils/" + AdminWords.slug(found.name()));
        model.addAttribute("token", row(token));
        return "console/admin/revoke-token";
    }

    @PostMapping("/admin/councils/{council}/tokens/{id}/revoke")
    String revoke(@PathVariable String council, @PathVariable long id, Principal admin, RedirectAttributes redirect) {
        Council found = council(council);
        CouncilTokens.Token token = token(found, id);
        tokens.revoke(token.id(), admin.getName());
        redirect.addFlashAttribute("revoked", token.name());
        return "redirect:/admin/councils/" + AdminWords.slug(found.name()) + "#tokens";
    }

    private void show(Council council, Model model, Map<String, String> errors, String tokenName) {
        model.addAttribute("errors", errors);
        model.addAttribute("tokenName", tokenName);
        model.addAttribute("council", council);
        model.addAttribute("href", "/admin/councils/" + AdminWords.slug(council.name()));
        model.addAttribute("aliases", String.join(", ", council.aliases()));
        List<ContactRow> contacts = new java.util.ArrayList<>();
        contacts.add(council.cswo() == null ? new ContactRow("CSWO", null, null, "Missing")
                : new ContactRow("CSWO", council.cswo().name(), council.cswo().email(), cswoState(council)));
        council.contacts().forEach(c -> contacts.add(new ContactRow("Contact", c.name(), c.email(), addressState(c.email()))));
        model.addAttribute("contacts", contacts);
        model.addAttribute("certificates", council.certificates().stream().map(c -> new CertificateRow(
                c.getSubjectX500Principal().getName(), c.getIssuerX500Principal().getName(),
                AdminWords.when(c.getNotAfter().toInstant().atOffset(java.time.ZoneOffset.UTC)), expiryState(c, clock)))
                .toList());
        model.addAttribute("tokens", tokens.of(council.name()).stream().map(AdminCouncilPages::row).toList());
        model.addAttribute("accounts", accounts.list().stream().filter(a -> council.name().equals(a.council()))
                .map(a -> new AccountRow(a.username(), a.email(), a.locked())).toList());
    }

    private static TokenRow row(CouncilTokens.Token token) {
        return new TokenRow(token.id(), token.name(), AdminWords.when(token.createdAt()), token.createdBy(),
                AdminWords.when(token.lastUsedAt()), AdminWords.when(token.revokedAt()));
    }

    private Council council(String slug) {
        return councils.byName(slug.replace('-', ' ')).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private CouncilTokens.Token token(Council council, long id) {
        Optional<CouncilTokens.Token> token = tokens.of(council.name()).stream().filter(t -> t.id() == id).findFirst();
        return token.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    /** Null when the council's CSWO has a usable address; else "Missing" or "Placeholder address". */
    static String cswoState(Council council) {
        return council.cswo() == null ? "Missing" : addressState(council.cswo().email());
    }

    static String addressState(String email) {
        if (email == null || email.isBlank() || !email.contains("@")) {
            return "Missing";
        }
        return MessageHeaders.placeholder(email.trim()) ? "Placeholder address" : null;
    }

    /** Null when the certificate is valid for more than 30 days; else "Expired" or "Expires within 30 days". */
    static String expiryState(X509Certificate certificate, Clock clock) {
        Instant notAfter = certificate.getNotAfter().toInstant();
        Instant now = clock.instant();
        if (!notAfter.isAfter(now)) {
            return "Expired";
        }
        return notAfter.isBefore(now.plus(EXPIRY_WARNING)) ? "Expires within 30 days" : null;
    }
}
