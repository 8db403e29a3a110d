package scot.sirgateway.acknowledge;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code gateway.contact.*}: how councils reach the inspectorate's notifications team ({@code email},
 * {@code phone}, {@code hours}), shown in every reply the gateway sends. Each is optional; with none
 * set, replies say to answer through the usual notifications mailbox.
 */
@ConfigurationProperties("gateway.contact")
public record ContactProperties(String email, String phone, String hours) {

    static final String FALLBACK = "Contact the Care Inspectorate's serious incident notifications team through "
            + "your usual contact at the Care Inspectorate.";

    /** The lines a reply ends with: how to reach the team. */
    public String lines() {
        List<String> lines = new ArrayList<>();
        if (present(phone)) {
            lines.add("Telephone: " + phone.trim() + (present(hours) ? " (" + hours.trim() + ")" : ""));
        }
        if (present(email)) {
            lines.add("Email:     " + email.trim());
        }
        if (lines.isEmpty()) {
            return FALLBACK;
        }
        lines.add(0, "To reach the Care Inspectorate's serious incident notifications team:");
        return String.join("\n", lines);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
