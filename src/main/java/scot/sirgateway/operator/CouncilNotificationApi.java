package scot.sirgateway.operator;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

import scot.sirgateway.followup.FollowUpRecords;
import scot.sirgateway.model.FormField;
import scot.sirgateway.register.Notifications;
import scot.sirgateway.submit.FormDocument;
import scot.sirgateway.submit.FormInvalidException;
import scot.sirgateway.submit.FormSubmissions;
import scot.sirgateway.submit.Submitter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The council API (CONTRACT.md): a council's system (its API token) or a signed-in council user submits a
 * notification, {@code POST /api/notifications} (a JSON object with the form's keys, or {@code multipart/form-data}
 * with a {@code notification} JSON part and {@code documents} parts), and a review,
 * {@code POST /api/notifications/{reference}/reviews} (JSON with the review keys and a base64 {@code document}
 * with its {@code document_name}, or multipart with a {@code review} JSON part and a {@code document} part); and
 * reads its own council's notification ({@link #view}). An {@code Idempotency-Key} header makes a retry answer the
 * first answer. Operators keep their calls on the same paths ({@link NotificationApi}, {@link ReviewApi}), which
 * hand a council caller over to this class.
 */
@RestController
class CouncilNotificationApi {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> REVIEW_EXTRAS = Set.of("document", "document_name");

    private final FormSubmissions submissions;
    private final CouncilCallers callers;
    private final Notifications notifications;
    private final FollowUpRecords records;

    CouncilNotificationApi(FormSubmissions submissions, CouncilCallers callers, Notifications notifications,
            FollowUpRecords records) {
        this.submissions = submissions;
        this.callers = callers;
        this.notifications = notifications;
        this.records = records;
    }

    @PostMapping(path = "/api/notifications", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> submit(@RequestBody Map<String, Object> body,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey, Authentication caller) {
        return submitted(council(caller), values(body), List.of(), idempotencyKey);
    }

    @PostMapping(path = "/api/notifications", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Map<String, Object>> submitMultipart(@RequestPart("notification") byte[] notification,
            @RequestPart(name = "documents", required = false) List<MultipartFile> documents,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey, Authentication caller) {
        Submitter who = council(caller);
        return submitted(who, values(object("notification", notification)), documents(documents), idempotencyKey);
    }

    private ResponseEntity<Map<String, Object>> submitted(Submitter who, Map<String, String> values,
            List<FormDocument> documents, String idempotencyKey) {
        FormSubmissions.Receipt receipt = submissions.submitNotification(who, values, documents, idempotencyKey,
                FormSubmissions.Channel.API);
        String acknowledgeTo = submissions.acknowledgementAddress(who, values);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("reference", receipt.reference());
        json.put("status", receipt.status());
        json.put("acknowledgement", acknowledgeTo == null
                ? "none: the caller has no address of its own and notifier_email is not at the council's registered domains"
                : "by mail to " + acknowledgeTo);
        return ResponseEntity.created(URI.create("/api/notifications/" + receipt.reference())).body(json);
    }

    /** A council's review as JSON, handed over by {@link ReviewApi} for a council caller. */
    ResponseEntity<Map<String, Object>> review(String reference, Map<String, Object> body, String idempotencyKey,
            Submitter who) {
        Map<String, Object> request = body == null ? Map.of() : body;
        Map<String, Object> keys = new LinkedHashMap<>(request);
        REVIEW_EXTRAS.forEach(keys::remove);
        FormDocument document = null;
        if (request.get("document") != null) {
            if (!(request.get("document") instanceof String base64)) {
                throw new FormInvalidException(Map.of("document", "document must be the review document in base64"));
            }
            try {
                document = new FormDocument(request.get("document_name") == null ? null
                        : String.valueOf(request.get("document_name")), Base64.getMimeDecoder().decode(base64));
            } catch (IllegalArgumentException e) {
                throw new FormInvalidException(Map.of("document", "document must be the review document in base64"));
            }
        }
        return reviewed(who, reference, values(keys), document, idempotencyKey);
    }

    @PostMapping(path = "/api/notifications/{reference}/reviews", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Map<String, Object>> reviewMultipart(@PathVariable String reference,
            @RequestPart("review") byte[] review, @RequestPart(name = "document", required = false) MultipartFile document,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey, Authentication caller) {
        Submitter who = council(caller);
        List<FormDocument> documents = documents(document == null ? List.of() : List.of(document));
        return reviewed(who, reference, values(object("review", review)), documents.isEmpty() ? null : documents.get(0),
                idempotencyKey);
    }

    private ResponseEntity<Map<String, Object>> reviewed(Submitter who, String reference, Map<String, String> values,
            FormDocument document, String idempotencyKey) {
        FormSubmissions.Receipt receipt = submissions.submitReview(who, reference, values, document, idempotencyKey,
                FormSubmissions.Channel.API);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("reference", receipt.reference());
        json.put("id", receipt.reviewId());
        json.put("status", receipt.status());
        return ResponseEntity.created(URI.create("/api/notifications/" + receipt.reference())).body(json);
    }

    /**
     * {@code GET /api/notifications/{reference}} for a council caller, handed over by {@link NotificationApi}: its
     * own council's notification only, in the council's view; another council's or an unknown reference is the
     * same 404, so references cannot be probed.
     */
    Map<String, Object> view(String reference, Submitter who) {
        Notifications.Stored stored = notifications.findByReference(reference)
                .filter(n -> who.council().equals(n.values().get(FormField.LOCAL_AUTHORITY)))
                .orElseThrow(() -> new NoSuchElementException("no notification of " + who.council()
                        + " has the reference given"));
        long id = stored.envelope().id();
        return NotificationJson.councilView(stored, new NotificationJson.FollowUp(notifications.followUp(id),
                records.reviews(id), List.of(), List.of()));
    }

    private Submitter council(Authentication caller) {
        return callers.of(caller).orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN,
                "Only a council submits notifications and reviews this way: call with your council's API token "
                        + "(operators enter a review with POST /api/notifications/{reference}/reviews as JSON)."));
    }

    /** The form's values as texts: yes/no from booleans, numbers as written; an object or a list is no value. */
    static Map<String, String> values(Map<String, Object> body) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        if (body != null) {
            body.forEach((key, value) -> {
                if (value instanceof Map<?, ?> || value instanceof Iterable<?>) {
                    errors.put(key, key + " must be a single value, not an object or a list");
                } else if (value instanceof Boolean yes) {
                    values.put(key, yes ? "yes" : "no");
                } else if (value != null) {
                    values.put(key, value.toString());
                }
            });
        }
        if (!errors.isEmpty()) {
            throw new FormInvalidException(errors);
        }
        return values;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(String part, byte[] json) {
        try {
            Object read = JSON.readValue(json, Object.class);
            if (read instanceof Map<?, ?> map) {
                return (Map<String, Object>) map;
            }
        } catch (JacksonException e) {
            // answered below
        }
        throw new IllegalArgumentException("The '" + part + "' part must be a JSON object with the form's keys");
    }

    private static List<FormDocument> documents(List<MultipartFile> files) {
        List<FormDocument> documents = new ArrayList<>();
        if (files == null) {
            return documents;
        }
        for (MultipartFile file : files) {
            try {
                documents.add(new FormDocument(file.getOriginalFilename(), file.getBytes()));
            } catch (IOException e) {
                throw new IllegalArgumentException("A document part could not be read; send it again");
            }
        }
        return documents;
    }
}
