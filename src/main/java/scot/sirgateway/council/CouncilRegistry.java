package scot.sirgateway.council;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * The councils, read once at start from {@code gateway.councils-file} (and the demo file in
 * embedded mode). A file naming a council that is not one of the 32, or giving one domain to two
 * councils, stops start-up with the property and the entry at fault.
 */
@Component
public class CouncilRegistry {

    private final List<Council> councils;
    private final Map<String, Council> byNormalisedName = new HashMap<>();

    public CouncilRegistry(CouncilRegistryProperties properties, ResourceLoader resources,
            ConfigurableEnvironment environment) {
        List<Council> all = new ArrayList<>(read("gateway.councils-file", properties.councilsFile(), resources, environment));
        if (properties.demoCouncilsFile() != null && !properties.demoCouncilsFile().isBlank()) {
            all.addAll(read("gateway.demo.councils-file", properties.demoCouncilsFile(), resources, environment));
        }
        Map<String, String> domainOwner = new HashMap<>();
        for (Council council : all) {
            for (String domain : council.domains()) {
                String previous = domainOwner.put(domain, council.name());
                if (previous != null) {
                    throw new IllegalStateException("gateway.councils-file: domain " + domain
                            + " is listed for both " + previous + " and " + council.name());
                }
            }
            byNormalisedName.put(CouncilNames.normalise(council.name()), council);
            council.aliases().forEach(alias -> byNormalisedName.put(CouncilNames.normalise(alias), council));
        }
        this.councils = List.copyOf(all);
    }

    public List<Council> all() {
        return councils;
    }

    /** The council owning the domain of this address (subdomains count), if any. */
    public Optional<Council> byAddress(String address) {
        int at = address.lastIndexOf('@');
        if (at < 0) {
            return Optional.empty();
        }
        String domain = address.substring(at + 1).toLowerCase(Locale.ROOT);
        return councils.stream().filter(c -> c.ownsDomain(domain)).findFirst();
    }

    /** The council a piece of text names, in any of its spellings. */
    public Optional<Council> byName(String text) {
        return Optional.ofNullable(byNormalisedName.get(CouncilNames.normalise(text)));
    }

    private static List<Council> read(String property, String location, ResourceLoader resources,
            ConfigurableEnvironment environment) {
        Resource resource = resources.getResource(location);
        if (!resource.exists()) {
            throw new IllegalStateException(property + ": no file at " + location);
        }
        List<PropertySource<?>> sources;
        try {
            sources = new YamlPropertySourceLoader().load(location, resource);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(property + ": " + location + " is not valid YAML: " + e.getMessage(), e);
        }
        if (sources.isEmpty()) {
            throw new IllegalStateException(property + ": " + location + " is empty");
        }
        Binder binder = new Binder(ConfigurationPropertySources.from(sources.get(0)),
                new PropertySourcesPlaceholdersResolver(environment));
        List<CouncilEntry> entries = binder.bind("councils", Bindable.listOf(CouncilEntry.class))
                .orElseThrow(() -> new IllegalStateException(property + ": " + location + " has no 'councils' list"));
        List<Council> result = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            result.add(entries.get(i).toCouncil(property + " (" + location + ") councils[" + i + "]", resources));
        }
        return result;
    }

    /** One entry of the councils file, as written. */
    public static class CouncilEntry {
        private String name;
        private List<String> aliases = new ArrayList<>();
        private List<String> domains = new ArrayList<>();
        private boolean domainsConfirmed;
        private Council.Contact cswo;
        private List<Council.Contact> contacts = new ArrayList<>();
        private boolean demo;
        private List<String> certificates = new ArrayList<>();
        private List<String> pdfPasswords = new ArrayList<>();
        private SenderPolicy senderPolicy;

        Council toCouncil(String where, ResourceLoader resources) {
            if (name == null || name.isBlank()) {
                throw new IllegalStateException(where + ": name is missing");
            }
            if (!demo && !CouncilNames.OFFICIAL.contains(name)) {
                throw new IllegalStateException(where + ": '" + name
                        + "' is not a council name as written in the national list");
            }
            List<String> lowerDomains = domains.stream().map(d -> d.trim().toLowerCase(Locale.ROOT)).toList();
            List<X509Certificate> certs = new ArrayList<>();
            for (String location : certificates) {
                certs.addAll(PemCertificates.read(resources.getResource(location), where + ".certificates"));
            }
            return new Council(name, List.copyOf(aliases), lowerDomains, domainsConfirmed, cswo,
                    List.copyOf(contacts), demo, List.copyOf(certs), List.copyOf(pdfPasswords), senderPolicy);
        }

        public void setName(String name) { this.name = name; }
        public void setAliases(List<String> aliases) { this.aliases = aliases; }
        public void setDomains(List<String> domains) { this.domains = domains; }
        public void setDomainsConfirmed(boolean domainsConfirmed) { this.domainsConfirmed = domainsConfirmed; }
        public void setCswo(Council.Contact cswo) { this.cswo = cswo; }
        public void setContacts(List<Council.Contact> contacts) { this.contacts = contacts; }
        public void setDemo(boolean demo) { this.demo = demo; }
        public void setCertificates(List<String> certificates) { this.certificates = certificates; }
        public void setPdfPasswords(List<String> pdfPasswords) { this.pdfPasswords = pdfPasswords; }
        public void setSenderPolicy(SenderPolicy senderPolicy) { this.senderPolicy = senderPolicy; }
        public List<String> getCertificates() { return certificates; }
        public List<String> getPdfPasswords() { return pdfPasswords; }
        public SenderPolicy getSenderPolicy() { return senderPolicy; }
        public String getName() { return name; }
        public List<String> getAliases() { return aliases; }
        public List<String> getDomains() { return domains; }
        public boolean isDomainsConfirmed() { return domainsConfirmed; }
        public Council.Contact getCswo() { return cswo; }
        public List<Council.Contact> getContacts() { return contacts; }
        public boolean isDemo() { return demo; }
    }
}
