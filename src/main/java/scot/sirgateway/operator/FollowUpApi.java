package scot.sirgateway.operator;

import java.security.Principal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import scot.sirgateway.followup.InformationRequests;
import scot.sirgateway.followup.InspectorAssignment;
import scot.sirgateway.followup.ReminderPause;

/**
 * What the inspectorate does about a notification after it is registered: an operator assigns its
 * strategic inspector ({@code POST .../inspector}) and pauses or resumes its reminders with a reason
 * ({@code .../reminders/pause|resume}); an inspector asks the council for additional information
 * ({@code POST .../information-requests}). Who may call which is in {@link SecurityConfiguration}.
 */
@RestController
@RequestMapping("/api/notifications/{reference}")
class FollowUpApi {

    record InspectorRequest(String username) {
    }

    record InformationRequestBody(String due, String question, @JsonProperty("review_id") String reviewId) {
    }

    record ReasonBody(String reason) {
    }

    private final OperatorAccounts accounts;
    private final InspectorAssignment inspectors;
    private final InformationRequests requests;
    private final ReminderPause pause;

    FollowUpApi(OperatorAccounts accounts, InspectorAssignment inspectors, InformationRequests requests,
            ReminderPause pause) {
        this.accounts = accounts;
        this.inspectors = inspectors;
        this.requests = requests;
        this.pause = pause;
    }

    /** The account must exist, be enabled, be an INSPECTOR and have an address its reminders go to; else 400. */
    @PostMapping("/inspector")
    Map<String, Object> assignInspector(@PathVariable String reference,
            @RequestBody(required = false) InspectorRequest request, Principal operator) {
        String username = request == null || request.username() == null ? "" : request.username().trim();
        if (username.isEmpty()) {
            throw new IllegalArgumentException("give the inspector's account (\"username\")");
        }
        OperatorAccounts.Account account = accounts.find(username).orElseThrow(
                () -> new IllegalArgumentException("there is no account named " + username));
        if (!account.enabled()) {
            throw new IllegalArgumentException("the account " + username + " is disabled");
        }
        if (account.role() != Role.INSPECTOR) {
            throw new IllegalArgumentException("the account " + username + " has the role " + account.role()
                    + ", not INSPECTOR");
        }
        if (account.email() == null) {
            throw new IllegalArgumentException("the account " + username + " has no email for its reminders: "
                    + "give it one under /api/admin/accounts");
        }
        inspectors.assign(reference, username, operator.getName());
        NotificationAudit.detail("inspector " + username);
        return Map.of("reference", reference, "inspector", username);
    }

    /** 201 with the request: {@code id}, {@code review_id}, {@code requested_at}, {@code due}, {@code mailed_to}, {@code answered_at}. */
    @PostMapping("/information-requests")
    ResponseEntity<Map<String, Object>> requestInformation(@PathVariable String reference,
            @RequestBody(required = false) InformationRequestBody body, Principal inspector) {
        if (body == null) {
            throw new IllegalArgumentException("send the request as JSON: due (yyyy-mm-dd), question, review_id (optional)");
        }
        InformationRequests.Requested requested = requests.request(reference, date(body.due()), body.question(),
                body.reviewId(), inspector.getName());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", requested.seq());
        json.put("review_id", requested.reviewSeq());
        json.put("requested_at", NotificationJson.time(requested.requestedAt()));
        json.put("due", requested.due().toString());
        json.put("mailed_to", requested.mailedTo());
        json.put("answered_at", NotificationJson.time(requested.answeredAt()));
        if (requested.mailedTo() == 0) {
            json.put("not_mailed", "the council has no address the gateway may write to; operators are alerted");
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(json);
    }

    @PostMapping("/reminders/pause")
    Map<String, Object> pauseReminders(@PathVariable String reference, @RequestBody(required = false) ReasonBody body,
            Principal operator) {
        pause.pause(reference, body == null ? null : body.reason(), operator.getName());
        return Map.of("reference", reference, "reminders_paused", true);
    }

    @PostMapping("/reminders/resume")
    Map<String, Object> resumeReminders(@PathVariable String reference, @RequestBody(required = false) ReasonBody body,
            Principal operator) {
        pause.resume(reference, body == null ? null : body.reason(), operator.getName());
        return Map.of("reference", reference, "reminders_paused", false);
    }

    private static LocalDate date(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("due must be a date written yyyy-mm-dd");
        }
    }
}
