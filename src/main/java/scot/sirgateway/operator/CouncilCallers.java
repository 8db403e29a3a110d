package scot.sirgateway.operator;

import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;

import scot.sirgateway.submit.Submitter;

/**
 * Who a council caller is, read only from what the sign-in gave it (shared12.md): the authority
 * {@code ROLE_COUNCIL} and one {@code COUNCIL_OF:<council name as in the registry>}; its name is the account's
 * username, or {@code token:<id>} for a council API token. Nothing in the request decides the council.
 */
@Component
class CouncilCallers {

    static final String COUNCIL_ROLE = "ROLE_" + Role.COUNCIL.name();
    static final String COUNCIL_OF = OperatorAccounts.COUNCIL_OF;

    private final OperatorAccounts accounts;

    CouncilCallers(OperatorAccounts accounts) {
        this.accounts = accounts;
    }

    /** The council caller behind this authentication; empty for anyone else (operators, inspectors, admins). */
    Optional<Submitter> of(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()) {
            return Optional.empty();
        }
        boolean council = false;
        String councilName = null;
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            String name = authority.getAuthority();
            if (COUNCIL_ROLE.equals(name)) {
                council = true;
            } else if (name != null && name.startsWith(COUNCIL_OF)) {
                if (councilName != null) {
                    return Optional.empty(); // two councils: no council at all
                }
                councilName = name.substring(COUNCIL_OF.length());
            }
        }
        if (!council || councilName == null || councilName.isBlank()) {
            return Optional.empty();
        }
        String username = authentication.getName();
        // a token has no address of its own; an account's is the one its sign-in codes go to
        String email = username.startsWith("token:") ? null
                : accounts.find(username).map(OperatorAccounts.Account::email).orElse(null);
        return Optional.of(new Submitter(username, councilName, email));
    }

    /** Whether the caller has the council role at all (with or without its council). */
    static boolean isCouncil(Authentication authentication) {
        return authentication != null && authentication.getAuthorities().stream()
                .anyMatch(a -> COUNCIL_ROLE.equals(a.getAuthority()));
    }
}
