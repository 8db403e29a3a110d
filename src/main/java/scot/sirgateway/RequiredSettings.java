package scot.sirgateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Checks, before any bean is made (so before the database is touched), that every setting the gateway
 * cannot start without is there, and reports all the missing ones at once, each with its property and
 * environment variable. Without a database URL Spring Boot would quietly use an in-memory database and
 * every notification would be lost at the next restart, so that one is checked here too. Wrong values
 * (a key of the wrong length, an unreadable keystore) are reported by the settings' own classes.
 */
@Component
class RequiredSettings implements BeanFactoryPostProcessor, EnvironmentAware {

    /** One setting start-up needs, and what to put there. */
    record Setting(String property, String what) {

        /** The environment variable Spring's relaxed binding reads for the property. */
        String environmentVariable() {
            return property.replace("[", "_").replace("]", "").replace('.', '_').replace('-', '_')
                    .toUpperCase(Locale.ROOT);
        }
    }

    /** A keystore as listed under {@code gateway.crypto.keystores}: read here on its own, before the smime package's settings are bound. */
    record Keystore(String path, String password) {
    }

    /** Start-up stops with this when settings are missing; {@link RequiredSettingsFailureAnalyzer} reports it. */
    static class MissingSettingsException extends IllegalStateException {

        private final List<Setting> missing;

        MissingSettingsException(List<Setting> missing) {
            super("missing settings: " + String.join(", ", missing.stream()
                    .map(s -> s.property() + " (" + s.environmentVariable() + ")").toList()));
            this.missing = List.copyOf(missing);
        }

        List<Setting> missing() {
            return missing;
        }
    }

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        List<Setting> missing = missing(environment);
        if (!missing.isEmpty()) {
            throw new MissingSettingsException(missing);
        }
    }

    static List<Setting> missing(Environment environment) {
        Binder binder = Binder.get(environment);
        List<Setting> missing = new ArrayList<>();
        text(environment, missing, "spring.datasource.url",
                "the database, e.g. jdbc:postgresql://db.example:5432/sir (the embedded mode sets an H2 file under ./data)");
        text(environment, missing, "gateway.mail.intake.host", "the inspectorate's IMAP server");
        text(environment, missing, "gateway.mail.intake.port", "its port, e.g. 993");
        text(environment, missing, "gateway.mail.intake.username", "the intake mailbox's user name");
        text(environment, missing, "gateway.mail.intake.password", "the intake mailbox's password");
        text(environment, missing, "gateway.mail.outbound.host", "the SMTP relay");
        text(environment, missing, "gateway.mail.outbound.port", "its port, e.g. 587");
        text(environment, missing, "gateway.mail.outbound.from", "the gateway's own sender address");
        if (blank(environment, "gateway.storage.generated-key-file")) {
            text(environment, missing, "gateway.storage.key",
                    "the AES-256 key that encrypts stored data, base64 (openssl rand -base64 32)");
        }
        List<Keystore> keystores = binder.bind("gateway.crypto.keystores",
                Bindable.listOf(Keystore.class)).orElse(List.of());
        for (int i = 0; i < Math.max(1, keystores.size()); i++) {
            Keystore keystore = i < keystores.size() ? keystores.get(i) : null;
            if (keystore == null || keystore.path() == null || keystore.path().isBlank()) {
                missing.add(new Setting("gateway.crypto.keystores[" + i + "].path", "a PKCS#12 file with the gateway's key"));
            }
            if (keystore == null || keystore.password() == null || keystore.password().isBlank()) {
                missing.add(new Setting("gateway.crypto.keystores[" + i + "].password", "the keystore's password"));
            }
        }
        list(binder, missing, "gateway.trust.anchors", "a CA certificate (PEM file or folder) council signers chain to");
        list(binder, missing, "gateway.government.recipients", "Scottish Government's address");
        list(binder, missing, "gateway.government.certificates", "the certificate forwards are encrypted to");
        return missing;
    }

    private static void text(Environment environment, List<Setting> missing, String property, String what) {
        if (blank(environment, property)) {
            missing.add(new Setting(property, what));
        }
    }

    private static void list(Binder binder, List<Setting> missing, String property, String what) {
        if (binder.bind(property, Bindable.listOf(String.class)).orElse(List.of()).stream().allMatch(String::isBlank)) {
            missing.add(new Setting(property + "[0]", what));
        }
    }

    private static boolean blank(Environment environment, String property) {
        String value = environment.getProperty(property);
        return value == null || value.isBlank();
    }
}
