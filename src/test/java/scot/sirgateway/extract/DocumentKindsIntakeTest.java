package scot.sirgateway.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import scot.sirgateway.corpus.CorpusSources;
import scot.sirgateway.support.GatewayTest;
import scot.sirgateway.support.TestMessages;
import scot.sirgateway.support.TestPdfs;

import tools.jackson.databind.JsonNode;

/**
 * One notification of each kind councils send, through the real IMAP route: PDF forms (text fields,
 * a radio group, a choice list and a check box; XFA-only; flattened), Word (DOCX and DOC), ODT, RTF,
 * an HTML body and a plain-text body. Each is registered with the same incident read out of it.
 */
class DocumentKindsIntakeTest extends GatewayTest {

    /** The notification every document carries, as a two-column table (also the source of notification.doc). */
    private static String table(String marker) {
        return String.join("\n",
                "# Serious incident notification",
                "",
                "| Local authority | Demo Council |",
                "| Notifier | Notifier " + marker + " |",
                "| Email | notifier@demo-council.test |",
                "| Signed off by | Signoff " + marker + " |",
                "| Role of manager | Service Manager |",
                "| Date of incident | 20/11/2026 |",
                "| Category | 1 |",
                "| Type of incident | Wilful fire-raising |",
                "| Case reference | REF-" + marker + " |",
                "| Order or licence | Drug Treatment and Testing Order |",
                "| Subject to MAPPA | No |",
                "| Description | An invented incident: a fire was set at a neighbour's door. |");
    }

    private JsonNode registered(String kind, String fileName, String contentType, byte[] document) {
        String sender = kind + "@demo-council.test";
        String messageId = TestMessages.newMessageId("demo-council.test");
        mail.send(sender, INTAKE, TestPdfs.mailWithAttachment(sender, messageId, fileName, contentType, document));
        return api("/api/notifications/" + awaitReference(messageId));
    }

    private static void assertTheIncident(JsonNode notification, String marker, String source) {
        assertThat(notification.get("offender_ref").asString()).isEqualTo("REF-" + marker);
        assertThat(notification.get("incident_type").asString()).isEqualTo("FIRE_RAISING");
        assertThat(notification.get("order_type").asString()).isEqualTo("DTTO");
        assertThat(notification.get("mappa").asBoolean()).isFalse();
        assertThat(notification.get("incident_date").asString()).isEqualTo("2026-11-20");
        assertThat(notification.get("fields").get("offender_ref").get("source").asString()).isEqualTo(source);
        assertThat(notification.get("fields").get("incident_type").get("confidence").asDouble()).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void wordOpenDocumentAndRtfAttachmentsShouldBeRead() {
        for (String format : List.of("docx", "odt", "rtf")) {
            String marker = "kind-" + format;
            byte[] document = CorpusSources.render(format, table(marker), marker);
            String type = switch (format) {
                case "docx" -> "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
                case "odt" -> "application/vnd.oasis.opendocument.text";
                default -> "application/rtf";
            };
            assertTheIncident(registered(marker, "notification." + format, type, document), marker, "DOCUMENT_LABEL");
        }
    }

    @Test
    void legacyWordDocumentShouldBeRead() throws IOException {
        byte[] doc = Files.readAllBytes(Path.of("src/test/resources/documents/notification.doc"));
        assertTheIncident(registered("kind-doc", "notification.doc", "application/msword", doc), "doc", "DOCUMENT_LABEL");
    }

    @Test
    void htmlAndPlainTextBodiesShouldBeRead() {
        String htmlSender = "kind-html@demo-council.test";
        String htmlId = TestMessages.newMessageId("demo-council.test");
        String html = new String(CorpusSources.render("html", table("kind-html"), "kind-html"), StandardCharsets.UTF_8);
        mail.send(htmlSender, INTAKE, ("From: " + htmlSender + "\r\nTo: notifications@sir-gateway.test\r\nSubject: SIR\r\n"
                + "Message-ID: " + htmlId + "\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n" + html)
                .getBytes(StandardCharsets.UTF_8));
        assertTheIncident(api("/api/notifications/" + awaitReference(htmlId)), "kind-html", "DOCUMENT_LABEL");

        String textSender = "kind-text@demo-council.test";
        String textId = TestMessages.newMessageId("demo-council.test");
        String body = table("kind-text").replace("# ", "").replaceAll("(?m)^\\| (.+?) \\| (.+) \\|$", "$1: $2") + "\n";
        mail.send(textSender, INTAKE, TestMessages.plain(textSender, textId, "SIR", body.replace("\n", "\r\n"), Map.of()));
        assertTheIncident(api("/api/notifications/" + awaitReference(textId)), "kind-text", "DOCUMENT_LABEL");
    }

    @Test
    void pdfFormFieldsOfEveryKindShouldBeRead() {
        Map<String, String> text = formValues("kind-acroform");
        text.remove("incident_type");
        text.remove("order_type");
        text.remove("mappa");
        byte[] pdf = TestPdfs.formWithChoices(text, "DTTO", "FIRE_RAISING", false);
        JsonNode notification = registered("kind-acroform", "notification.pdf", "application/pdf", pdf);
        assertTheIncident(notification, "kind-acroform", "FORM_FIELD");
        assertThat(notification.get("fields").get("order_type").get("source").asString()).isEqualTo("FORM_FIELD");
        assertThat(notification.get("fields").get("mappa").get("source").asString()).isEqualTo("FORM_FIELD");
        // the list's chosen entry is the code itself, not "[FIRE_RAISING]": certain
        assertThat(notification.get("fields").get("incident_type").get("confidence").asDouble()).isEqualTo(1.0);

        byte[] checked = TestPdfs.formWithChoices(text, "OTHER", "SUICIDE", true);
        JsonNode other = registered("kind-acroform-2", "notification.pdf", "application/pdf", checked);
        assertThat(other.get("order_type").asString()).isEqualTo("OTHER");
        assertThat(other.get("incident_type").asString()).isEqualTo("SUICIDE");
        assertThat(other.get("mappa").asBoolean()).isTrue();
    }

    @Test
    void xfaOnlyAndFlattenedPdfFormsShouldBeRead() {
        JsonNode xfa = registered("kind-xfa", "notification.pdf", "application/pdf", TestPdfs.xfaOnly(formValues("kind-xfa")));
        assertTheIncident(xfa, "kind-xfa", "FORM_FIELD");

        List<String> printed = table("kind-flat").lines().filter(line -> line.startsWith("|"))
                .map(line -> line.replaceAll("^\\| (.+?) \\| (.+) \\|$", "$1: $2")).toList();
        JsonNode flat = registered("kind-flat", "notification.pdf", "application/pdf", TestPdfs.flattened(printed));
        assertTheIncident(flat, "kind-flat", "DOCUMENT_LABEL");
    }

    private static Map<String, String> formValues(String marker) {
        Map<String, String> form = new LinkedHashMap<>(TestMessages.completeForm(marker));
        form.put("offender_ref", "REF-" + marker);
        form.put("incident_type", "Wilful fire-raising");
        form.put("order_type", "Drug Treatment and Testing Order");
        form.put("mappa", "No");
        return form;
    }
}
