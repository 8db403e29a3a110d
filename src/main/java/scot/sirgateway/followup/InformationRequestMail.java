package scot.sirgateway.followup;

import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.mail.internet.MimeBodyPart;

import org.springframework.stereotype.Component;

import scot.sirgateway.acknowledge.ContactProperties;
import scot.sirgateway.outbox.MailComposer;
import scot.sirgateway.outbox.MailTemplates;
import scot.sirgateway.smime.SmimeEncryptor;
import scot.sirgateway.smime.SmimeSigner;

/**
 * The mail asking a council for additional information ({@code templates/information-request.txt}): to the
 * notifier with the CSWO copied, signed by the gateway, {@code Auto-Submitted: auto-generated}, under the
 * fixed Message-ID {@code <REF.iS.request@...>}. It names only the reference, the due date and how to
 * answer, unless the council has certificates in the registry: then it is encrypted to them and carries the
 * inspector's question too.
 */
@Component
public class InformationRequestMail {

    private static final DateTimeFormatter WRITTEN = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.UK);

    /** A composed mail, its Message-ID and everyone it goes to (To first, then Cc). */
    public record Composed(String messageId, List<String> recipients, byte[] mime, boolean encrypted) {
    }

    private final MailTemplates templates;
    private final MailComposer composer;
    private final SmimeSigner signer;
    private final SmimeEncryptor encryptor;
    private final ContactProperties contact;

    public InformationRequestMail(MailTemplates templates, MailComposer composer, SmimeSigner signer,
            SmimeEncryptor encryptor, ContactProperties contact) {
        this.templates = templates;
        this.composer = composer;
        this.signer = signer;
        this.encryptor = encryptor;
        this.contact = contact;
    }

    /** The request's Message-ID, {@code <SIR-2026-0042.i1.request@...>}: an answer names it in In-Reply-To. */
    public String messageId(String reference, int seq) {
        return composer.messageId(reference + ".i" + seq + ".request");
    }

    /**
     * Composes the mail to {@code to} with {@code cc} copied; encrypted (with the question) when
     * {@code councilCertificates} is not empty.
     */
    public Composed compose(String reference, int seq, LocalDate due, String question, List<String> to, List<String> cc,
            List<X509Certificate> councilCertificates) {
        boolean encrypted = !councilCertificates.isEmpty();
        Map<String, Object> model = new HashMap<>();
        model.put("reference", reference);
        model.put("quoted", "[" + reference + "]");
        model.put("request", "i" + seq);
        model.put("due", due.format(WRITTEN));
        model.put("encrypted", encrypted);
        // the question leaves the gateway only inside encryption to the council's own certificates
        model.put("question", encrypted ? question : "");
        model.put("contact", contact.lines());
        String text = templates.render("information-request", model);
        MimeBodyPart signed = signer.sign(SmimeEncryptor.textPart(text));
        MimeBodyPart body = encrypted
                ? encryptor.encrypt(signed, councilCertificates.toArray(X509Certificate[]::new))
                : signed;
        String messageId = messageId(reference, seq);
        byte[] mime = composer.compose(messageId, to, cc, "[" + reference + "] Request for additional information", body,
                "auto-generated", null);
        List<String> recipients = new ArrayList<>(to);
        recipients.addAll(cc);
        return new Composed(messageId, List.copyOf(recipients), mime, encrypted);
    }
}
