package scot.sirgateway.fault;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.bouncycastle.asn1.x509.KeyPurposeId;

import scot.sirgateway.support.TestMailServer;
import scot.sirgateway.support.TestMessages;
import scot.sirgateway.support.TestSmime;

/** The notifications the fault tests send, and the mails the shared mail server took, counted by Message-ID. */
final class FaultMails {

    /**
     * An address of the demo council's of these tests' own, with a certificate of its own from the example CA (a
     * signed notification is forwarded): the acknowledgements to it are theirs alone. Other gateways in the same
     * JVM number their references from 1 too, and tests that find an acknowledgement to the council's usual
     * address by its reference would otherwise find these.
     */
    static final String COUNCIL = "faults-" + UUID.randomUUID().toString().substring(0, 8) + "@demo-council.test";

    private static final TestSmime.Signer SIGNER = issue();

    private FaultMails() {
    }

    /** A complete notification form signed by the demo council, with this Message-ID. */
    static byte[] signed(String messageId, String marker) {
        String form = TestMessages.formLines(TestMessages.completeForm(marker));
        try {
            return TestSmime.signedMail(COUNCIL, SIGNER, form,
                    Map.of("Message-ID", messageId));
        } catch (Exception e) {
            throw new IllegalStateException("the test notification cannot be signed", e);
        }
    }

    private static TestSmime.Signer issue() {
        Instant now = Instant.now();
        try {
            return TestSmime.issue(COUNCIL, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)),
                    KeyPurposeId.id_kp_emailProtection);
        } catch (Exception e) {
            throw new IllegalStateException("the test signer cannot be issued", e);
        }
    }

    /** How many mails with each Message-ID the mail server took, to any mailbox. */
    static Map<String, Integer> copiesAtServer(TestMailServer mail) {
        Map<String, Integer> copies = new HashMap<>();
        for (MimeMessage message : mail.greenMail().getReceivedMessages()) {
            try {
                String id = message.getMessageID();
                if (id != null) {
                    copies.merge(id, 1, Integer::sum);
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return copies;
    }
}
