package scot.sirgateway.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * An account's e-mail as a careless or hostile admin may type it: one plain address of printable ASCII at a
 * host name, or refused; nothing that could break a header, add a recipient or read as another address.
 */
class PlainAddressTest {

    @Test
    void plainAddressesShouldBeTakenLowerCased() {
        assertThat(OperatorAccounts.plainAddress(" Inspector.One@CareInspectorate.test ")).isEqualTo("inspector.one@careinspectorate.test");
        assertThat(OperatorAccounts.plainAddress("o'neil+sir@demo-council.test")).isEqualTo("o'neil+sir@demo-council.test");
    }

    @Test
    void anythingElseShouldBeRefused() {
        for (String hostile : new String[] {"a@b.test\r\nBcc: x@y.test", "a@b.test\nBcc: x@y.test", "\"a\r\nBcc: x\"@b.test",
                "lisa\u202egro.test@demo-council.test", "a\u200b@b.test", "\u00e9l\u00e9@b.test", "a@[127.0.0.1]",
                "<a@b.test>", "A <a@b.test>", "a@b.test, c@d.test", "a@b.test;c@d.test", "\"a b\"@b.test",
                "x".repeat(65) + "@b.test", "a@localhost", "a@b.invalid"}) {
            assertThatThrownBy(() -> OperatorAccounts.plainAddress(hostile)).as(hostile)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
