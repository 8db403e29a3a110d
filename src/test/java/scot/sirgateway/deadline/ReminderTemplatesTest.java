package scot.sirgateway.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import scot.sirgateway.outbox.MailTemplates;

/** The reminder templates say what is due, when and how to send it, and nothing else. */
class ReminderTemplatesTest {

    private final MailTemplates templates = new MailTemplates();

    private static Map<String, Object> model(String step, int count) {
        Map<String, Object> model = new HashMap<>();
        model.put("reference", "SIR-2026-0042");
        model.put("tag", "[SIR-2026-0042]");
        model.put("due", "Monday 1 March 2027");
        model.put("step", step);
        model.put("overdue", "overdue".equals(step));
        model.put("onDue", "due".equals(step));
        model.put("overdueCount", count);
        model.put("intake", "notifications@sir-gateway.test");
        model.put("contact", "Telephone: 0100 000 0000");
        model.put("reviewId", "r2");
        model.put("requestId", "i1");
        return model;
    }

    @Test
    void reviewReminderShouldSayWhatWhenAndHow() {
        String before = templates.render("reminder-review", model("28d", 0));
        assertThat(before).contains("SIR-2026-0042").contains("is due on Monday 1 March 2027")
                .contains("notifications@sir-gateway.test with [SIR-2026-0042] in the subject")
                .contains("encrypted").contains("Telephone: 0100 000 0000").doesNotContain("overdue");
        assertThat(templates.render("reminder-review", model("due", 0))).contains("is due today, Monday 1 March 2027");
        assertThat(templates.render("reminder-review", model("overdue", 2)))
                .contains("was due on Monday 1 March 2027 and has not been received");
    }

    @Test
    void commentAndInformationRemindersShouldNameTheReviewAndTheRequest() {
        assertThat(templates.render("reminder-comment", model("7d", 0))).contains("review r2")
                .contains("POST /api/notifications/SIR-2026-0042/reviews/r2/comment").contains("Monday 1 March 2027");
        assertThat(templates.render("reminder-information", model("overdue", 1))).contains("request i1")
                .contains("was due on Monday 1 March 2027").contains("[SIR-2026-0042] in the subject");
    }
}
