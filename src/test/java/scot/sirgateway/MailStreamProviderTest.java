package scot.sirgateway;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.util.StreamProvider;

import org.junit.jupiter.api.Test;

/**
 * The gateway names Jakarta Mail's stream provider at start, so that mail parsing does not look it up with a
 * ServiceLoader at every part: the name must be a class that is there and is a provider (an upgrade of Angus
 * Mail that renames it fails here, not at the first mail).
 */
class MailStreamProviderTest {

    @Test
    void startShouldNameAngusMailsStreamProviderWhichJakartaMailThenUses() {
        String before = System.clearProperty(SirGatewayApplication.STREAM_PROVIDER);
        try {
            SirGatewayApplication.nameMailStreamProvider();

            assertThat(System.getProperty(SirGatewayApplication.STREAM_PROVIDER))
                    .isEqualTo("org.eclipse.angus.mail.util.MailStreamProvider");
            assertThat(StreamProvider.provider().getClass().getName())
                    .isEqualTo(System.getProperty(SirGatewayApplication.STREAM_PROVIDER));
        } finally {
            if (before != null) {
                System.setProperty(SirGatewayApplication.STREAM_PROVIDER, before);
            }
        }
    }

    @Test
    void aProviderNamedAlreadyShouldBeLeftAsItIs() {
        String before = System.getProperty(SirGatewayApplication.STREAM_PROVIDER);
        System.setProperty(SirGatewayApplication.STREAM_PROVIDER, "example.OtherProvider");
        try {
            SirGatewayApplication.nameMailStreamProvider();

            assertThat(System.getProperty(SirGatewayApplication.STREAM_PROVIDER)).isEqualTo("example.OtherProvider");
        } finally {
            if (before == null) {
                System.clearProperty(SirGatewayApplication.STREAM_PROVIDER);
            } else {
                System.setProperty(SirGatewayApplication.STREAM_PROVIDER, before);
            }
        }
    }
}
