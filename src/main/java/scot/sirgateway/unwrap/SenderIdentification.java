package scot.sirgateway.unwrap;

import org.springframework.stereotype.Component;

import scot.sirgateway.council.Council;
import scot.sirgateway.council.CouncilRegistry;
import scot.sirgateway.council.SenderPolicy;
import scot.sirgateway.intake.Submission;
import scot.sirgateway.quarantine.QuarantineException;
import scot.sirgateway.quarantine.ReasonCode;

/**
 * The {@code unwrap-sender} step: who sent a submission. A verified signer has already been checked
 * against its council; otherwise the council is the one owning the From address's domain
 * ({@code UNKNOWN_SENDER} when none does) and the sender policy decides whether unsigned mail is
 * accepted unverified or quarantined as {@code UNSIGNED_NOT_ALLOWED}.
 */
@Component("senderIdentification")
public class SenderIdentification {

    private final CouncilRegistry councils;
    private final SenderPolicyProperties policy;

    public SenderIdentification(CouncilRegistry councils, SenderPolicyProperties policy) {
        this.councils = councils;
        this.policy = policy;
    }

    public Submission identify(Submission submission) {
        if (submission.formPost()) {
            return identifyAccount(submission);
        }
        String from = submission.headers().fromAddress();
        if (from == null) {
            throw new QuarantineException(ReasonCode.UNKNOWN_SENDER, "The message has no readable From address.");
        }
        Council council = councils.byAddress(from).orElseThrow(() -> new QuarantineException(ReasonCode.UNKNOWN_SENDER,
                "The sender's domain " + from.substring(from.indexOf('@') + 1)
                        + " belongs to no council in the registry (gateway.councils-file). If it is a council's"
                        + " new domain, add it to the registry and reprocess."));
        if (!submission.signatureVerified() && policyFor(council) == SenderPolicy.QUARANTINE) {
            throw new QuarantineException(ReasonCode.UNSIGNED_NOT_ALLOWED, "The message from " + council.name()
                    + " is not signed, and the sender policy requires a signature (gateway.sender-policy.unsigned"
                    + (council.senderPolicy() != null ? ", overridden for this council in gateway.councils-file" : "")
                    + ").");
        }
        submission.identifySender(from, council);
        return submission;
    }

    /**
     * A form post's sender is the council account (or token) that posted it, as the gateway wrote it into the
     * message it built; the acknowledgement goes to its From address (none when the post named no address).
     */
    private Submission identifyAccount(Submission submission) {
        String account = decoded(submission.headers().header(Submission.FORM_ACCOUNT_HEADER));
        String councilName = decoded(submission.headers().header(Submission.FORM_COUNCIL_HEADER));
        Council council = councilName == null ? null : councils.byName(councilName).orElse(null);
        if (account == null || council == null) {
            throw new QuarantineException(ReasonCode.UNKNOWN_SENDER, "The form post names no account or no council the"
                    + " registry knows (gateway.councils-file): was the council renamed since it was posted?");
        }
        submission.verifyAccount(account, council, submission.headers().fromAddress());
        return submission;
    }

    private static String decoded(String header) {
        if (header == null) {
            return null;
        }
        try {
            return jakarta.mail.internet.MimeUtility.decodeText(jakarta.mail.internet.MimeUtility.unfold(header)).trim();
        } catch (java.io.UnsupportedEncodingException e) {
            return header.trim();
        }
    }

    SenderPolicy policyFor(Council council) {
        return council.senderPolicy() != null ? council.senderPolicy() : policy.unsigned();
    }
}
