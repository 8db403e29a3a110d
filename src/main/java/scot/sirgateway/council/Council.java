package scot.sirgateway.council;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A council as the registry knows it. {@code name} is always written exactly as in the national list.
 * {@code certificates}, when not empty, are the only ones that may sign for the council;
 * {@code senderPolicy}, when set, overrides {@code gateway.sender-policy.unsigned}.
 */
public record Council(
        String name,
        List<String> aliases,
        List<String> domains,
        boolean domainsConfirmed,
        Contact cswo,
        List<Contact> contacts,
        boolean demo,
        List<X509Certificate> certificates,
        List<String> pdfPasswords,
        SenderPolicy senderPolicy) {

    public record Contact(String name, String email) {
    }

    /** True when the address's domain is one of this council's domains or a subdomain of one. */
    public boolean ownsDomain(String domain) {
        return domainCovering(domain).isPresent();
    }

    /** Which of this council's domains (kept lower-case) is the given domain, or has it as a subdomain. */
    public java.util.Optional<String> domainCovering(String domain) {
        String d = domain.toLowerCase(java.util.Locale.ROOT);
        return domains.stream().filter(own -> d.equals(own) || d.endsWith("." + own)).findFirst();
    }
}
