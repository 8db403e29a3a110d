package scot.sirgateway.submit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;

import org.springframework.stereotype.Component;

import scot.sirgateway.extract.DocumentTypes;
import scot.sirgateway.intake.Submission;
import scot.sirgateway.outbox.MailComposer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The message the gateway makes of a form post, stored like a mail: {@code multipart/mixed} with the form's
 * values as a JSON part ({@link Submission#FORM_VALUES_TYPE}) and each document attached with the type its
 * content was detected as; headers naming the account, its council and the channel
 * ({@link Submission#FORM_ACCOUNT_HEADER}, ...), a Message-ID of the gateway's own and, as From, the address
 * the acknowledgement goes to (none when there is none). These headers only count on a stored message of
 * source {@code FORM}, which only the gateway's code stores.
 */
@Component
class FormMessages {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Session session = Session.getInstance(new Properties());
    private final MailComposer composer;

    FormMessages(MailComposer composer) {
        this.composer = composer;
    }

    /** The bytes to store; {@code values} as checked (codes, ISO dates), {@code acknowledgeTo} may be null. */
    byte[] build(Submitter who, String channel, String subject, Map<String, String> values, List<FormDocument> documents,
            String acknowledgeTo) {
        try {
            MimeMessage message = new MimeMessage(session);
            if (acknowledgeTo != null) {
                message.setFrom(new InternetAddress(acknowledgeTo, true));
            }
            message.setSubject(subject, "UTF-8");
            message.setSentDate(new Date());
            message.setHeader(Submission.FORM_ACCOUNT_HEADER, header(who.username()));
            message.setHeader(Submission.FORM_COUNCIL_HEADER, header(who.council()));
            message.setHeader(Submission.FORM_CHANNEL_HEADER, channel);
            MimeMultipart mixed = new MimeMultipart("mixed");
            MimeBodyPart json = new MimeBodyPart();
            json.setDataHandler(new jakarta.activation.DataHandler(new ByteArrayDataSource(
                    JSON.writeValueAsString(values).getBytes(StandardCharsets.UTF_8), Submission.FORM_VALUES_TYPE
                            + "; charset=utf-8")));
            json.setHeader("Content-Transfer-Encoding", "base64");
            json.setDescription("form values");
            mixed.addBodyPart(json);
            for (FormDocument document : documents) {
                MimeBodyPart attached = new MimeBodyPart();
                attached.setDataHandler(new jakarta.activation.DataHandler(new ByteArrayDataSource(document.bytes(),
                        DocumentTypes.contentType(FormDocuments.kind(document), document.bytes()))));
                attached.setHeader("Content-Transfer-Encoding", "base64");
                attached.setDisposition(MimeBodyPart.ATTACHMENT);
                String name = FormDocuments.safeName(document.filename());
                attached.setFileName(MimeUtility.encodeText(name == null ? "document" : name, "UTF-8", null));
                mixed.addBodyPart(attached);
            }
            message.setContent(mixed);
            message.saveChanges();
            // set after saveChanges, which would put one of its own
            message.setHeader("Message-ID", composer.messageId("form." + UUID.randomUUID()));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("the form post cannot be written as a message", e);
        }
    }

    /** A header's value: one line, encoded when it is not plain ASCII. */
    private static String header(String value) throws IOException {
        String line = value.replaceAll("[\\r\\n\\t]+", " ");
        return MimeUtility.fold(0, MimeUtility.encodeText(line, "UTF-8", null));
    }
}
