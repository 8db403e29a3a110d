package scot.sirgateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import scot.sirgateway.support.GatewayTest;
import scot.sirgateway.support.TestMessages;

/**
 * The {@code sir.*} counters and timer as an operator's scraper reads them on {@code /actuator/prometheus}:
 * they go up with the mail the gateway takes, carry only codes as tags, and anonymous callers get nothing.
 * The context is shared with other test classes, so each check compares the value before and after.
 */
class MetricsEndpointTest extends GatewayTest {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    @Test
    void notificationAcknowledgedShouldRaiseTheCountersAndTheLatencyTimerWithoutAnyValueInTheScrape() {
        String marker = "mx" + UUID.randomUUID().toString().replace("-", "");
        String sender = "metrics-" + marker + "@demo-council.test";
        String messageId = TestMessages.newMessageId("demo-council.test");
        String before = scrape();

        mail.send(sender, INTAKE, TestMessages.plainNotification("\"Planted " + marker + "\" <" + sender + ">",
                messageId, TestMessages.completeForm(marker)));
        String reference = awaitReference(messageId);
        String status = jdbc.sql("SELECT status FROM notification WHERE reference = ?").param(reference)
                .query(String.class).single();
        String after = awaitScrape(scrape -> value(scrape, "sir_acknowledgement_latency_seconds_count", Map.of())
                > value(before, "sir_acknowledgement_latency_seconds_count", Map.of()));

        assertThat(count("SELECT COUNT(*) FROM notification WHERE reference = ? AND acknowledged_at IS NOT NULL",
                reference)).as("acknowledged").isEqualTo(1);
        assertRose(before, after, "sir_messages_taken_total", Map.of("source", "MAIL"));
        assertRose(before, after, "sir_notifications_registered_total", Map.of("status", status));
        assertRose(before, after, "sir_outbox_sent_total", Map.of("purpose", "ACKNOWLEDGEMENT"));
        assertThat(value(after, "sir_acknowledgement_latency_seconds_sum", Map.of())).isPositive();
        assertThat(after).doesNotContain(marker).doesNotContain(sender).doesNotContain("demo-council")
                .doesNotContain(messageId.substring(1, messageId.indexOf('@'))).doesNotContain(reference);
    }

    @Test
    void quarantinedMessageShouldRaiseTheCounterOfItsStageAndReasonCode() {
        String marker = "mq" + UUID.randomUUID().toString().replace("-", "");
        String sender = marker + "@unknown-metrics.example";
        String messageId = TestMessages.newMessageId("unknown-metrics.example");
        Map<String, String> tags = Map.of("stage", "unwrap", "reason_code", "UNKNOWN_SENDER");
        String before = scrape();

        mail.send(sender, INTAKE, TestMessages.plainNotification(sender, messageId, TestMessages.completeForm(marker)));
        Map<String, Object> quarantined = awaitQuarantine(messageId);
        assertThat(quarantined).containsEntry("stage", "unwrap").containsEntry("reason_code", "UNKNOWN_SENDER");
        String after = awaitScrape(scrape -> value(scrape, "sir_quarantined_total", tags)
                > value(before, "sir_quarantined_total", tags));

        assertRose(before, after, "sir_quarantined_total", tags);
        assertThat(after).doesNotContain(marker).doesNotContain("unknown-metrics");
    }

    @Test
    void metricsShouldBeListedForOperatorsAndRefusedToAnonymousCallers() {
        assertThat(get("/actuator/prometheus", null, null).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/metrics", null, null).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/metrics/sir.acknowledgement.latency", null, null).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/prometheus", "operator", "not-the-password").statusCode()).isEqualTo(401);
        assertThat(get("/actuator/health", null, null).statusCode()).isEqualTo(200);

        HttpResponse<String> metrics = get("/actuator/metrics", "operator", "operator-test-password");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(json.readTree(metrics.body()).get("names").valueStream().map(name -> name.asString()))
                .contains("sir.acknowledgement.latency");
    }

    private String scrape() {
        HttpResponse<String> response = get("/actuator/prometheus", "operator", "operator-test-password");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private String awaitScrape(java.util.function.Predicate<String> until) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(this::scrape, until);
    }

    private static void assertRose(String before, String after, String name, Map<String, String> tags) {
        assertThat(value(after, name, tags)).as(name + tags).isGreaterThanOrEqualTo(value(before, name, tags) + 1);
    }

    /** The sum of the samples of this name whose labels include these (0 when there is none yet). */
    static double value(String scrape, String name, Map<String, String> tags) {
        double sum = 0;
        for (String line : scrape.split("\n")) {
            Matcher sample = SAMPLE.matcher(line.strip());
            if (line.startsWith("#") || !sample.matches() || !sample.group(1).equals(name)) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            Matcher label = LABEL.matcher(sample.group(2) == null ? "" : sample.group(2));
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
            if (labels.entrySet().containsAll(tags.entrySet())) {
                sum += Double.parseDouble(sample.group(3));
            }
        }
        return sum;
    }
}
