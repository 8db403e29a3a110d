package scot.sirgateway.portal;

import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import scot.sirgateway.operator.OperatorAccounts;

/**
 * Who is using the council pages: the account's username and its council, read from the
 * {@code COUNCIL_OF:<council>} authority that sign-in gives every council caller (shared12.md). Nothing a
 * request carries decides the council.
 */
record CouncilCaller(String username, String council) {

    static final String COUNCIL_OF = OperatorAccounts.COUNCIL_OF;

    static Optional<CouncilCaller> of(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()) {
            return Optional.empty();
        }
        return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a != null && a.startsWith(COUNCIL_OF))
                .map(a -> new CouncilCaller(authentication.getName(), a.substring(COUNCIL_OF.length())))
                .findFirst();
    }
}
