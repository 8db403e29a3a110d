package scot.sirgateway.review;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import jakarta.mail.MessagingException;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import scot.sirgateway.extract.ContentTexts;
import scot.sirgateway.intake.Submission;
import scot.sirgateway.thread.ThreadMatcher;
import scot.sirgateway.thread.ThreadedMailReceived;
import scot.sirgateway.thread.ThreadedMessages;

/**
 * The steps of {@code review-mail}, for a mail threaded to a notification and not auto-submitted:
 * {@link #read} collects its texts under the extract stage's limits (PDF forms flattened) and reads the
 * review keys ({@link ReviewReader}); {@link #isReview} decides; {@link #receive} takes a review in
 * through the {@link ReviewIntake}, records the threaded mail, queues the acknowledgement and publishes
 * {@link ThreadedMailReceived}, all in one transaction; {@link #keepAsCorrespondence} keeps anything else.
 * Mail about a withdrawn notification is not read: it is correspondence.
 */
@Component("reviewMail")
public class ReviewMail {

    /** A threaded mail with the review keys read from it. */
    public record Read(Submission submission, ReviewReader.Reading reading) {
    }

    private final ContentTexts contents;
    private final ReviewReader reader;
    private final ReviewIntake intake;
    private final ReviewAcknowledgements acknowledgements;
    private final ThreadedMessages threadedMessages;
    private final TransactionTemplate transactions;

    public ReviewMail(ContentTexts contents, ReviewReader reader, ReviewIntake intake,
            ReviewAcknowledgements acknowledgements, ThreadedMessages threadedMessages, TransactionTemplate transactions) {
        this.contents = contents;
        this.reader = reader;
        this.intake = intake;
        this.acknowledgements = acknowledgements;
        this.threadedMessages = threadedMessages;
        this.transactions = transactions;
    }

    public Read read(Submission submission) {
        if (submission.threading().withdrawn()) {
            return new Read(submission, ReviewReader.Reading.none());
        }
        return new Read(submission, reader.read(contents.flattened(submission), ThreadMatcher.subjectOf(submission)));
    }

    public boolean isReview(Read read) {
        return read.reading().review();
    }

    public Review receive(Read read) {
        Submission submission = read.submission();
        Submission.Threading thread = submission.threading();
        return transactions.execute(tx -> {
            Review review = intake.receive(new ReviewIntake.Submitted(thread.notificationId(), thread.reference(), "MAIL",
                    submission.receivedAt(), submission.storedMessageId(), submission.messageId(),
                    submission.senderAddress(), read.reading().values(), read.reading().unreadable(), contentOf(submission),
                    null, scot.sirgateway.register.Timeline.SYSTEM, !submission.signatureVerified()));
            threadedMessages.record(submission, ThreadedMailReceived.Kind.REVIEW);
            acknowledgements.queue(review, submission);
            return review;
        });
    }

    public void keepAsCorrespondence(Read read) {
        threadedMessages.correspondence(read.submission());
    }

    /** The innermost content, documents included, as a MIME entity: the review document kept with the review. */
    private static byte[] contentOf(Submission submission) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            submission.content().writeTo(out);
            return out.toByteArray();
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException("the content of stored message " + submission.storedMessageId()
                    + " cannot be written out", e);
        }
    }
}
