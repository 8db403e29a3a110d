package scot.sirgateway.intake;

import java.io.IOException;
import java.util.Enumeration;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimePart;

import org.springframework.stereotype.Component;

import scot.sirgateway.quarantine.QuarantineException;
import scot.sirgateway.quarantine.ReasonCode;

/**
 * The limits on a message's shape ({@code gateway.mail.intake.max-mime-parts}, {@code max-mime-depth},
 * {@code max-header-bytes}), checked on every layer before anything walks it: the outer message by
 * {@link MessageParser}, each decrypted or signed content by the unwrap stage. Reads the structure
 * only (headers and boundaries, not the leaves' content), never recurses deeper than the depth limit
 * and stops counting at the parts limit. Throws {@code MESSAGE_LIMIT_EXCEEDED} naming the limit, and
 * {@link MessagingException} when the structure cannot be parsed at all.
 *
 * <p>Parts should be read from a {@link jakarta.mail.internet.SharedInputStream} (a
 * {@code SharedByteArrayInputStream}), so that each nested part is a view on the same bytes, not a copy.
 */
@Component
public class MessageLimits {

    private final IntakeProperties properties;

    public MessageLimits(IntakeProperties properties) {
        this.properties = properties;
    }

    public void check(Part entity) throws MessagingException, IOException {
        check(entity, 0, new int[] {0});
    }

    /** {@code depth}: multiparts and attached messages above this part; {@code parts}: parts counted so far. */
    private void check(Part part, int depth, int[] parts) throws MessagingException, IOException {
        checkHeaders(part);
        boolean multipart = part.isMimeType("multipart/*");
        boolean message = part.isMimeType("message/rfc822");
        if (!multipart && !message) {
            return;
        }
        if (depth + 1 > properties.maxMimeDepth()) {
            throw exceeded("its parts are nested more than " + properties.maxMimeDepth() + " deep",
                    "gateway.mail.intake.max-mime-depth");
        }
        Object content = part.getContent();
        if (message) {
            if (content instanceof Part attached) {
                countPart(parts);
                check(attached, depth + 1, parts);
            }
            return;
        }
        if (!(content instanceof Multipart children)) {
            return; // not parseable as a multipart: the parser that reads it says so
        }
        int count = children.getCount();
        for (int i = 0; i < count; i++) {
            countPart(parts);
            check(children.getBodyPart(i), depth + 1, parts);
        }
    }

    private void countPart(int[] parts) {
        if (++parts[0] > properties.maxMimeParts()) {
            throw exceeded("it has more than " + properties.maxMimeParts() + " MIME parts",
                    "gateway.mail.intake.max-mime-parts");
        }
    }

    private void checkHeaders(Part part) throws MessagingException {
        if (!(part instanceof MimePart mime)) {
            return;
        }
        long bytes = 0;
        for (Enumeration<String> lines = mime.getAllHeaderLines(); lines.hasMoreElements(); ) {
            bytes += lines.nextElement().length() + 2;
            if (bytes > properties.maxHeaderBytes()) {
                throw exceeded("a header block is over " + properties.maxHeaderBytes() + " bytes",
                        "gateway.mail.intake.max-header-bytes");
            }
        }
    }

    private static QuarantineException exceeded(String what, String property) {
        return new QuarantineException(ReasonCode.MESSAGE_LIMIT_EXCEEDED,
                "The message is over a limit on its shape: " + what + " (" + property + ").");
    }
}
