package scot.sirgateway.acknowledge;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

import scot.sirgateway.intake.IntakeProperties;
import scot.sirgateway.storage.MessageHeaders;
import scot.sirgateway.outbox.OutboundMailProperties;

/**
 * When the gateway must not answer a mail (CONTRACT.md): its own addresses, auto-submitted mail,
 * bulk and list mail, delivery reports, an empty Return-Path, MAILER-DAEMON. Answers the reason not
 * to reply, or empty when a reply may go.
 */
@Component
public class ReplyRules {

    private final Set<String> ownAddresses;

    public ReplyRules(OutboundMailProperties outbound, IntakeProperties intake) {
        this.ownAddresses = new java.util.HashSet<>(java.util.List.of(outbound.from().toLowerCase(Locale.ROOT),
                intake.username().toLowerCase(Locale.ROOT)));
    }

    public Optional<String> reasonNotToReply(MessageHeaders headers, String to) {
        if (to == null) {
            return Optional.of("no readable From address");
        }
        String address = to.toLowerCase(Locale.ROOT);
        if (ownAddresses.contains(address)) {
            return Optional.of("the message came from the gateway itself");
        }
        if (address.startsWith("mailer-daemon@")) {
            return Optional.of("the message came from MAILER-DAEMON");
        }
        String autoSubmitted = headers.header("Auto-Submitted");
        if (autoSubmitted != null && !autoSubmitted.trim().toLowerCase(Locale.ROOT).startsWith("no")) {
            return Optional.of("the message was auto-submitted");
        }
        String precedence = headers.header("Precedence");
        if (precedence != null && Set.of("bulk", "list", "junk").contains(precedence.trim().toLowerCase(Locale.ROOT))) {
            return Optional.of("the message is bulk or list mail");
        }
        if (headers.header("List-Id") != null) {
            return Optional.of("the message came from a mailing list");
        }
        String contentType = headers.header("Content-Type");
        if (contentType != null && contentType.trim().toLowerCase(Locale.ROOT).startsWith("multipart/report")) {
            return Optional.of("the message is a delivery report");
        }
        String returnPath = headers.header("Return-Path");
        if (returnPath != null && returnPath.replaceAll("\\s", "").equals("<>")) {
            return Optional.of("the message has an empty Return-Path");
        }
        return Optional.empty();
    }
}
