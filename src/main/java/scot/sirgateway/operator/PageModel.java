package scot.sirgateway.operator;

import java.security.Principal;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import scot.sirgateway.acknowledge.ContactProperties;

/**
 * What every page's layout shows: who is signed in (for the sign-out button), the console's navigation for
 * the inspectorate's people (its items by role, the current one marked) and how to reach the inspectorate's
 * team ({@code gateway.contact.*}).
 */
@ControllerAdvice
class PageModel {

    private final ContactProperties contact;

    PageModel(ContactProperties contact) {
        this.contact = contact;
    }

    @ModelAttribute("signedInAs")
    String signedInAs(Principal principal) {
        if (principal instanceof AnonymousAuthenticationToken
                || principal instanceof Authentication authentication && !authentication.isAuthenticated()) {
            return null;
        }
        return principal == null ? null : principal.getName();
    }

    /** One item of the console's navigation. */
    record NavigationItem(String label, String href, boolean current) {
    }

    /**
     * The console's sections for an operator, inspector or admin signed in with both factors (roles come only with
     * the second factor): none for anyone else. Admin is for admins only.
     */
    @ModelAttribute("navigation")
    java.util.List<NavigationItem> navigation(Principal principal, jakarta.servlet.http.HttpServletRequest request) {
        if (!(principal instanceof Authentication authentication) || !authentication.isAuthenticated()
                || request.getSession(false) == null) {
            return java.util.List.of();
        }
        java.util.Set<String> roles = new java.util.HashSet<>();
        authentication.getAuthorities().forEach(authority -> roles.add(authority.getAuthority()));
        if (!roles.contains("ROLE_" + Role.OPERATOR) && !roles.contains("ROLE_" + Role.INSPECTOR)
                && !roles.contains("ROLE_" + Role.ADMIN)) {
            return java.util.List.of();
        }
        String address = request.getRequestURI().substring(request.getContextPath().length());
        // a review's page sits under its notification and belongs to the inspectors' reviews
        String path = address.matches("/notifications/[^/]+/reviews(/.*)?") ? "/reviews" : address;
        java.util.List<String[]> sections = new java.util.ArrayList<>(java.util.List.of(
                new String[] {"Dashboard", "/"}, new String[] {"Notifications", "/notifications"},
                new String[] {"Quarantine", "/quarantine"}, new String[] {"Reviews", "/reviews"},
                new String[] {"National report", "/reports/national"}));
        if (roles.contains("ROLE_" + Role.ADMIN)) {
            sections.add(new String[] {"Admin", "/admin"});
        }
        return sections.stream().map(section -> new NavigationItem(section[0], request.getContextPath() + section[1],
                section[1].equals("/") ? path.equals("/") : path.equals(section[1]) || path.startsWith(section[1] + "/")))
                .toList();
    }

    @ModelAttribute("contact")
    String contact() {
        String email = contact.email() == null || contact.email().isBlank() ? null : contact.email().trim();
        String phone = contact.phone() == null || contact.phone().isBlank() ? null : contact.phone().trim();
        if (email == null && phone == null) {
            return null;
        }
        return (phone == null ? "" : phone + (email == null ? "" : ", ")) + (email == null ? "" : email);
    }
}
