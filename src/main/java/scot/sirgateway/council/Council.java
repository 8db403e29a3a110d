package scot.sirgateway.council;

import java.util.List;

/**
 * A council as the registry knows it. {@code name} is always written exactly as in the national list.
 */
public record Council(
        String name,
        List<String> aliases,
        List<String> domains,
        boolean domainsConfirmed,
        Contact cswo,
        List<Contact> contacts,
        boolean demo) {

    public record Contact(String name, String email) {
    }

    /** True when the address's domain is one of this council's domains or a subdomain of one. */
    public boolean ownsDomain(String domain) {
        String d = domain.toLowerCase(java.util.Locale.ROOT);
        return domains.stream().anyMatch(own -> d.equals(own) || d.endsWith("." + own));
    }
}
