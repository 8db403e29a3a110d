package scot.sirgateway.pdfform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.web.util.HtmlUtils;

import scot.sirgateway.council.CouncilNames;
import scot.sirgateway.model.FormDefinition;
import scot.sirgateway.model.FormDefinition.Field;
import scot.sirgateway.model.FormDefinition.Option;
import scot.sirgateway.support.GatewayTest;
import scot.sirgateway.support.TestMessages;
import scot.sirgateway.support.TestPdfs;

import tools.jackson.databind.JsonNode;

/**
 * The fillable PDF, round trip: fetched from {@code GET /forms/notification.pdf} without signing in,
 * filled in by an independent tool (Debian's pdftk, {@code fill_form}), mailed to the gateway, and read
 * back field by field: every key with the value filled in (codes for choices, ISO dates, booleans, numbers),
 * each from the form's fields. Mail from {@code pdf-round-trip@demo-council.test} only.
 */
class NotificationFormRoundTripTest extends GatewayTest {

    private static final Path PDFTK = Path.of("/usr/bin/pdftk");
    private static final String SENDER = "pdf-round-trip@demo-council.test";

    /** What is typed into each field, as a council would. */
    private static Map<String, String> filledIn() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("local_authority", "Demo Council");
        values.put("notifier_name", "Notifier pdf-round-trip");
        values.put("notifier_role", "Team Leader, Criminal Justice Social Work");
        values.put("notifier_email", SENDER);
        values.put("notifier_phone", "01632 960 001");
        values.put("signoff_name", "Signoff pdf-round-trip");
        values.put("signoff_role", "Service Manager");
        values.put("incident_date", "20/11/2026");
        values.put("aware_date", "23/11/2026");
        values.put("incident_category", "1");
        values.put("incident_type", "FIRE_RAISING");
        values.put("incident_type_other", "Fire set at a neighbour's door");
        values.put("offender_ref", "REF-pdf-round-trip");
        values.put("offender_initials", "Q Z");
        values.put("offender_dob", "31/03/1980");
        values.put("offender_gender", "Male");
        values.put("order_type", "NON_PAROLE");
        values.put("mappa", "yes");
        values.put("mappa_category", "2");
        values.put("mappa_level", "3");
        values.put("sog_notified", "no");
        values.put("lscmi_completed", "yes");
        values.put("lscmi_date", "01/06/2026");
        values.put("rmp_in_place", "yes");
        values.put("description", "An invented incident: a fire was set at a neighbour's door.\nNobody was hurt.");
        values.put("agencies_involved", "Police Scotland, Scottish Fire and Rescue Service");
        return values;
    }

    @Test
    void aFormFilledInByPdftkShouldComeBackFieldByField(@TempDir Path folder) throws Exception {
        assertThat(filledIn().keySet()).as("the test fills every field of the definition")
                .containsExactlyElementsOf(FormDefinition.notification().fields().stream().map(Field::key).toList());
        byte[] downloaded = download();
        assertThat(download()).as("drawn once, served the same every time").isEqualTo(downloaded);
        try (PDDocument document = Loader.loadPDF(downloaded)) {
            // where to send it, and how to reach the team, from the gateway's own settings
            assertThat(new PDFTextStripper().getText(document).replaceAll("\\s+", " "))
                    .contains("email it as an attachment to " + INTAKE).contains("sir-team@sir-gateway.test");
        }
        Path form = folder.resolve("form.pdf");
        Files.write(form, downloaded);

        Map<String, List<String>> dumped = dumpedFields(form);
        assertThat(dumped.keySet()).containsExactlyElementsOf(filledIn().keySet());
        for (Field field : FormDefinition.notification().fields()) {
            List<String> codes = switch (field.input()) {
                case RADIOS, SELECT -> field.options().stream().map(Option::code).toList();
                case COUNCIL -> CouncilNames.OFFICIAL;
                default -> List.of();
            };
            assertThat(dumped.get(field.key())).as("the options of " + field.key()).containsExactlyInAnyOrderElementsOf(codes);
        }

        Path data = folder.resolve("data.xfdf");
        Files.writeString(data, xfdf(filledIn()), StandardCharsets.UTF_8);
        Path filled = folder.resolve("filled.pdf");
        pdftk(form.toString(), "fill_form", data.toString(), "output", filled.toString());

        String messageId = TestMessages.newMessageId("demo-council.test");
        mail.send(SENDER, INTAKE, TestPdfs.mailWithAttachment(SENDER, messageId, "sir-notification-form.pdf",
                Files.readAllBytes(filled)));
        JsonNode notification = api("/api/notifications/" + awaitReference(messageId));

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("local_authority", "Demo Council");
        expected.put("notifier_name", "Notifier pdf-round-trip");
        expected.put("notifier_role", "Team Leader, Criminal Justice Social Work");
        expected.put("notifier_email", SENDER);
        expected.put("notifier_phone", "01632 960 001");
        expected.put("signoff_name", "Signoff pdf-round-trip");
        expected.put("signoff_role", "Service Manager");
        expected.put("incident_date", "2026-11-20");
        expected.put("aware_date", "2026-11-23");
        expected.put("incident_category", 1);
        expected.put("incident_type", "FIRE_RAISING");
        expected.put("incident_type_other", "Fire set at a neighbour's door");
        expected.put("offender_ref", "REF-pdf-round-trip");
        expected.put("offender_initials", "Q Z");
        expected.put("offender_dob", "1980-03-31");
        expected.put("offender_gender", "Male");
        expected.put("order_type", "NON_PAROLE");
        expected.put("mappa", true);
        expected.put("mappa_category", 2);
        expected.put("mappa_level", 3);
        expected.put("sog_notified", false);
        expected.put("lscmi_completed", true);
        expected.put("lscmi_date", "2026-06-01");
        expected.put("rmp_in_place", true);
        expected.put("description", "An invented incident: a fire was set at a neighbour's door.\nNobody was hurt.");
        expected.put("agencies_involved", "Police Scotland, Scottish Fire and Rescue Service");
        assertThat(expected.keySet()).containsExactlyElementsOf(filledIn().keySet());

        for (Map.Entry<String, Object> entry : expected.entrySet()) {
            String key = entry.getKey();
            JsonNode value = notification.get(key);
            assertThat(value).as(key).isNotNull();
            Object read = value.isBoolean() ? value.asBoolean() : value.isNumber() ? value.asInt() : value.asString();
            assertThat(read).as(key).isEqualTo(entry.getValue());
            JsonNode field = notification.get("fields").get(key);
            assertThat(field).as("fields." + key).isNotNull();
            // the council is the sender's (verified against the one written); every other value is the form's own
            assertThat(field.get("source").asString()).as("source of " + key)
                    .isEqualTo(key.equals("local_authority") ? "SENDER" : "FORM_FIELD");
            assertThat(field.get("confidence").asDouble()).as("confidence of " + key).isEqualTo(1.0);
        }

        // the acknowledgement names every field received as the form labels it, and no value
        String acknowledgement = textOf(awaitReceived(SENDER, 1).get(0));
        for (Field field : FormDefinition.notification().fields()) {
            assertThat(acknowledgement).contains("- " + field.label() + " (" + field.key() + ")");
        }
        assertThat(acknowledgement).contains("All required fields were received")
                .doesNotContain("Notifier pdf-round-trip").doesNotContain("REF-pdf-round-trip");
    }

    private byte[] download() throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/forms/notification.pdf")).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as("the form is public").isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying(disposition -> assertThat(
                disposition).startsWith("attachment").contains("filename=\"sir-notification-form.pdf\""));
        assertThat(new String(response.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        return response.body();
    }

    /** Each field pdftk lists, with the options it offers (export values; a radio group's "Off" left out). */
    private static Map<String, List<String>> dumpedFields(Path form) throws IOException, InterruptedException {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : pdftk(form.toString(), "dump_data_fields_utf8").split("\n")) {
            if (line.startsWith("FieldName: ")) {
                current = new ArrayList<>();
                fields.put(line.substring("FieldName: ".length()), current);
            } else if (line.startsWith("FieldStateOption: ") && current != null) {
                String option = line.substring("FieldStateOption: ".length());
                if (!option.equals("Off")) {
                    current.add(option);
                }
            }
        }
        return fields;
    }

    private static String xfdf(Map<String, String> values) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<xfdf xmlns=\"http://ns.adobe.com/xfdf/\" xml:space=\"preserve\"><fields>\n");
        values.forEach((key, value) -> xml.append("<field name=\"").append(key).append("\"><value>")
                .append(HtmlUtils.htmlEscape(value)).append("</value></field>\n"));
        return xml.append("</fields></xfdf>\n").toString();
    }

    /** Runs pdftk; its standard output. Fails the test with what to install when it is missing. */
    private static String pdftk(String... arguments) throws IOException, InterruptedException {
        if (!Files.isExecutable(PDFTK)) {
            fail("This test needs Debian's pdftk at " + PDFTK + " (apt-get install pdftk-java; .ci/run installs it)");
        }
        List<String> command = new ArrayList<>(List.of(PDFTK.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("pdftk finishes").isTrue();
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("pdftk " + String.join(" ", arguments) + ": " + text).isZero();
        return text;
    }
}
