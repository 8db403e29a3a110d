package scot.sirgateway.fault;

import java.util.HashMap;
import java.util.Map;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import scot.sirgateway.support.TestMailServer;
import scot.sirgateway.support.TestMessages;
import scot.sirgateway.support.TestSmime;

/** The notifications the fault tests send, and the mails the shared mail server took, counted by Message-ID. */
final class FaultMails {

    /** The demo council's address, as its certificate names it: a signed notification is forwarded. */
    static final String COUNCIL = "cjsw@demo-council.test";

    private FaultMails() {
    }

    /** A complete notification form signed by the demo council, with this Message-ID. */
    static byte[] signed(String messageId, String marker) {
        StringBuilder form = new StringBuilder();
        TestMessages.completeForm(marker).forEach((k, v) -> form.append(k).append(": ").append(v).append("\r\n"));
        try {
            return TestSmime.signedMail(COUNCIL, TestSmime.demoCouncil(), form.toString(),
                    Map.of("Message-ID", messageId));
        } catch (Exception e) {
            throw new IllegalStateException("the test notification cannot be signed", e);
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
