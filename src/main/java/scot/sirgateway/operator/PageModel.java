package scot.sirgateway.operator;

import java.security.Principal;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import scot.sirgateway.acknowledge.ContactProperties;

/**
 * What every page's layout shows: who is signed in (for the sign-out button) and how to reach the
 * inspectorate's team ({@code gateway.contact.*}).
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
