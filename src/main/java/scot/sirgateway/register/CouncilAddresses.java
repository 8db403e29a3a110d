package scot.sirgateway.register;

import java.util.Locale;
import java.util.Optional;

import org.springframework.stereotype.Component;

import scot.sirgateway.council.Council;
import scot.sirgateway.council.CouncilRegistry;
import scot.sirgateway.model.FormField;
import scot.sirgateway.storage.MessageHeaders;

/**
 * Who at a notification's council the gateway may write to about it (CONTRACT.md, issue 11): the notifier
 * and the council's chief social work officer, and only at one of the council's registered domains. A
 * notifier address typed into the form is trusted only there; otherwise the address the notification came
 * from is used, when it is there. A placeholder address ({@code .invalid}) is never an address.
 */
@Component
public class CouncilAddresses {

    /**
     * The addresses found, each empty when there is none to use, and, when there is none, why (for an
     * operator's alert: it names the council, never an address).
     */
    public record Addresses(String council, Optional<String> notifier, Optional<String> cswo, String notifierMissing,
            String cswoMissing) {
    }

    private final Notifications notifications;
    private final CouncilRegistry councils;

    public CouncilAddresses(Notifications notifications, CouncilRegistry councils) {
        this.notifications = notifications;
        this.councils = councils;
    }

    public Addresses of(String reference) {
        Notifications.Stored stored = notifications.findByReference(reference)
                .orElseThrow(() -> new java.util.NoSuchElementException("no notification has the reference " + reference));
        Object councilName = stored.values().get(FormField.LOCAL_AUTHORITY);
        Optional<Council> council = councilName == null ? Optional.empty() : councils.byName(councilName.toString());
        if (council.isEmpty()) {
            String why = "the notification has no council the registry knows";
            return new Addresses(null, Optional.empty(), Optional.empty(), why, why);
        }
        Council c = council.get();
        Object typed = stored.values().get(FormField.NOTIFIER_EMAIL);
        Optional<String> notifier = usable(typed == null ? null : typed.toString(), c)
                .or(() -> usable(stored.envelope().sender(), c));
        String cswoAddress = c.cswo() == null ? null : c.cswo().email();
        Optional<String> cswo = usable(cswoAddress, c);
        return new Addresses(c.name(), notifier, cswo,
                notifier.isPresent() ? null : "no notifier address at " + c.name() + "'s registered domains",
                cswo.isPresent() ? null : cswoAddress == null || cswoAddress.isBlank()
                        ? c.name() + " has no CSWO address in the council registry (gateway.councils-file)"
                        : c.name() + "'s CSWO address in the council registry is a placeholder or not at its domains");
    }

    /** The address, lower-cased, when it is a plain address at one of the council's domains and no placeholder. */
    static Optional<String> usable(String text, Council council) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String address = MessageHeaders.fromAddressOf(text.trim());
        if (address == null) {
            return Optional.empty();
        }
        String domain = address.substring(address.indexOf('@') + 1).toLowerCase(Locale.ROOT);
        if (MessageHeaders.placeholder(address) || council.domainCovering(domain).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(address);
    }
}
