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

    SenderPolicy policyFor(Council council) {
        return council.senderPolicy() != null ? council.senderPolicy() : policy.unsigned();
    }
}
