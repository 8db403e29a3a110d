package scot.sirgateway.unwrap;

import org.springframework.stereotype.Component;

import scot.sirgateway.council.Council;
import scot.sirgateway.council.CouncilRegistry;
import scot.sirgateway.intake.Submission;
import scot.sirgateway.quarantine.QuarantineException;
import scot.sirgateway.quarantine.ReasonCode;

/**
 * Reads who sent a submission: its From address and the council owning that address's domain.
 * Without a signature the sender is unverified ({@code signature_verified=false}). A From domain of
 * no registered council is {@code UNKNOWN_SENDER}.
 */
@Component("senderIdentification")
public class SenderIdentification {

    private final CouncilRegistry councils;

    public SenderIdentification(CouncilRegistry councils) {
        this.councils = councils;
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
        submission.identifySender(from, council);
        submission.recordSignature(null, false);
        return submission;
    }
}
