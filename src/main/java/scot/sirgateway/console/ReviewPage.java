package scot.sirgateway.console;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import scot.sirgateway.ReleaseRefusedException;
import scot.sirgateway.followup.InformationRequests;
import scot.sirgateway.model.FieldValue;
import scot.sirgateway.model.ReviewType;
import scot.sirgateway.operator.NotificationAudit;
import scot.sirgateway.review.Review;
import scot.sirgateway.review.ReviewComments;
import scot.sirgateway.review.ReviewKey;
import scot.sirgateway.review.ReviewRelease;
import scot.sirgateway.review.Reviews;

/**
 * A review's page, {@code /notifications/{reference}/reviews/{id}} ({@code id} the review's number, 2 for r2, as the
 * API's): its type, state, sign-off, every key with its source and confidence, its documents (downloads), the
 * inspectorate's comment once given. Operators and admins confirm or correct a review in triage and release it
 * ({@code POST .../release}, through {@link ReviewRelease} as the API); inspectors comment with the findings
 * ({@code POST .../comment}, through {@link ReviewComments}) and ask the council for information
 * ({@code POST /notifications/{reference}/information-requests}, through {@link InformationRequests}). Who may post
 * which is the security configuration's; a form sent back with its errors changes nothing and is not audited.
 */
@Controller
class ReviewPage {

    /** A finding of the comment: its key (the API's), question and hint. */
    record Finding(String key, String question, String hint) {
    }

    static final List<Finding> FINDINGS = List.of(
            new Finding("risk_assessment_evident", "Is a risk assessment evident?",
                    "The review shows that the risk the person posed was assessed."),
            new Finding("risk_assessment_up_to_date", "Was the risk assessment up to date?",
                    "It was reviewed when the person's circumstances changed."),
            new Finding("lscmi_used", "Was LS/CMI used?",
                    "The Level of Service/Case Management Inventory was used to assess risk and need."),
            new Finding("rmp_referred", "Does the review refer to a risk management plan?",
                    "A plan to manage the risk is named or described."),
            new Finding("order_reviews_referred", "Does the review refer to reviews of the order or licence?",
                    "Reviews of the community order or licence are named or described."),
            new Finding("iar_sufficient", "Is the initial analysis review enough?",
                    "Select no if a comprehensive review is needed."),
            new Finding("additional_information_requested", "Is additional information requested from the council?",
                    "Select yes if you are asking the council for more information about this review."));

    /** A review key as the page shows it: label, value in words, where it came from, how sure, unsure or not. */
    record KeyRow(String key, String label, String value, String source, String confidence, boolean unsure) {
    }

    /** A finding as the page shows it once commented. */
    record FindingRow(String question, String answer) {
    }

    private final Reviews reviews;
    private final ReviewRelease release;
    private final ReviewComments comments;
    private final InformationRequests requests;
    private final ReviewDocuments documents;
    private final Clock clock;

    ReviewPage(Reviews reviews, ReviewRelease release, ReviewComments comments, InformationRequests requests,
            ReviewDocuments documents, Clock clock) {
        this.reviews = reviews;
        this.release = release;
        this.comments = comments;
        this.requests = requests;
        this.documents = documents;
        this.clock = clock;
    }

    @GetMapping("/notifications/{reference}/reviews/{id}")
    String page(@PathVariable String reference, @PathVariable String id, Authentication person, Model model) {
        Review review = review(reference, id);
        show(review, person, model, new LinkedHashMap<>());
        NotificationAudit.detail("review " + review.name());
        return "console/review";
    }

    @GetMapping("/notifications/{reference}/reviews/{id}/documents/{n}")
    ResponseEntity<byte[]> document(@PathVariable String reference, @PathVariable String id, @PathVariable String n) {
        Review review = review(reference, id);
        ReviewDocuments.Document document = documents.of(review).stream()
                .filter(d -> String.valueOf(d.n()).equals(n)).findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        NotificationAudit.detail("review " + review.name() + ", document " + document.n());
        return Downloads.attachment(document.name(), document.contentType(), document.bytes());
    }

    @PostMapping("/notifications/{reference}/reviews/{id}/release")
    String release(@PathVariable String reference, @PathVariable String id, @RequestParam Map<String, String> form,
            Authentication person, Model model, RedirectAttributes redirect) {
        Review review = review(reference, id);
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, String> corrections = new LinkedHashMap<>();
        for (ReviewKey key : ReviewKey.values()) {
            String given = form.getOrDefault(key.key(), "").strip();
            if (given.isEmpty() || given.equals(shownValue(review, key))) {
                continue;
            }
            try {
                ReviewRelease.operatorValues(Map.of(key.key(), given));
                corrections.put(key.key(), given);
            } catch (IllegalArgumentException e) {
                errors.put(key.key(), problem(key, given));
            }
        }
        if (review.status() == Review.Status.TRIAGE && review.reviewType() == null
                && !corrections.containsKey(ReviewKey.REVIEW_TYPE.key()) && !errors.containsKey(ReviewKey.REVIEW_TYPE.key())) {
            errors.put(ReviewKey.REVIEW_TYPE.key(), "Select the type of review");
        }
        if (errors.isEmpty()) {
            try {
                release.release(reference, review.seq(), corrections, person.getName());
                NotificationAudit.detail("released; corrected fields: "
                        + (corrections.isEmpty() ? "none" : String.join(", ", corrections.keySet())));
                redirect.addFlashAttribute("success", "Review " + review.name() + " confirmed and released from triage");
                return "redirect:/notifications/" + reference + "/reviews/" + review.seq();
            } catch (IllegalArgumentException e) {
                errors.put("release", "A value could not be read: " + e.getMessage());
            } catch (ReleaseRefusedException e) {
                errors.put("release", "This review cannot be released: " + e.getMessage());
            }
        }
        NotificationAudit.nothingChanged();
        model.addAttribute("releaseForm", form);
        show(reviews.find(reference, review.seq()).orElseThrow(), person, model, errors);
        return "console/review";
    }

    @PostMapping("/notifications/{reference}/reviews/{id}/comment")
    String comment(@PathVariable String reference, @PathVariable String id, @RequestParam Map<String, String> form,
            Authentication person, Model model, RedirectAttributes redirect, HttpServletResponse response) {
        Review review = review(reference, id);
        Map<String, String> errors = new LinkedHashMap<>();
        String text = form.getOrDefault("text", "");
        if (text.isBlank()) {
            errors.put("text", "Enter the comment");
        }
        Map<String, Boolean> answers = new LinkedHashMap<>();
        for (Finding finding : findingsFor(review)) {
            String answer = form.get(finding.key());
            if ("yes".equals(answer) || "no".equals(answer)) {
                answers.put(finding.key(), "yes".equals(answer));
            } else {
                errors.put(finding.key(), "Select yes or no: " + lowerFirst(finding.question()));
            }
        }
        if (errors.isEmpty()) {
            try {
                comments.comment(reference, review.seq(), new Reviews.Comment(text, answers.get("risk_assessment_evident"),
                        answers.get("risk_assessment_up_to_date"), answers.get("lscmi_used"), answers.get("rmp_referred"),
                        answers.get("order_reviews_referred"), answers.get("iar_sufficient"),
                        answers.get("additional_information_requested")), person.getName());
                redirect.addFlashAttribute("success", "Your comment on review " + review.name() + " was recorded");
                return "redirect:/notifications/" + reference + "/reviews/" + review.seq();
            } catch (IllegalArgumentException e) {
                errors.put("text", "The comment could not be recorded: " + e.getMessage());
            } catch (ReleaseRefusedException e) {
                // already commented on, or still in triage: refused as the API refuses it (409)
                errors.put("comment", "The comment was not recorded: " + e.getMessage());
                response.setStatus(HttpStatus.CONFLICT.value());
            }
        }
        NotificationAudit.nothingChanged();
        model.addAttribute("commentForm", form);
        show(reviews.find(reference, review.seq()).orElseThrow(), person, model, errors);
        return "console/review";
    }

    @PostMapping("/notifications/{reference}/information-requests")
    String requestInformation(@PathVariable String reference, @RequestParam Map<String, String> form,
            Authentication person, Model model, RedirectAttributes redirect, HttpServletResponse response) {
        Review review = review(reference, form.getOrDefault("review_id", ""));
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate today = ReviewWords.today(clock);
        LocalDate due = null;
        String day = form.getOrDefault("due-day", "").strip();
        String month = form.getOrDefault("due-month", "").strip();
        String year = form.getOrDefault("due-year", "").strip();
        if (day.isEmpty() && month.isEmpty() && year.isEmpty()) {
            errors.put("due-day", "Enter the date the council should answer by");
        } else {
            try {
                due = LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day));
                if (year.length() != 4) {
                    due = null;
                    errors.put("due-day", "The date to answer by must be a real date, like " + example(today));
                } else if (!due.isAfter(today)) {
                    errors.put("due-day", "The date to answer by must be in the future");
                }
            } catch (NumberFormatException | DateTimeException e) {
                errors.put("due-day", "The date to answer by must be a real date, like " + example(today));
            }
        }
        String question = form.getOrDefault("question", "");
        if (question.isBlank()) {
            errors.put("question", "Enter what the council is asked");
        }
        if (errors.isEmpty()) {
            try {
                InformationRequests.Requested requested = requests.request(reference, due, question, review.name(),
                        person.getName());
                redirect.addFlashAttribute("success", "Request i" + requested.seq() + " was " + (requested.mailedTo() == 0
                        ? "recorded, but not mailed: the council has no address the gateway may write to, and operators are alerted"
                        : "mailed to the council") + "; the answer is due by " + ReviewWords.date(requested.due()));
                return "redirect:/notifications/" + reference + "/reviews/" + review.seq();
            } catch (IllegalArgumentException e) {
                errors.put(e.getMessage().startsWith("due") ? "due-day" : "question", "The request was not sent: " + e.getMessage());
            } catch (ReleaseRefusedException e) {
                errors.put("question", "The request was not sent: " + e.getMessage());
                response.setStatus(HttpStatus.CONFLICT.value());
            }
        }
        NotificationAudit.nothingChanged();
        model.addAttribute("requestForm", form);
        show(review, person, model, errors);
        return "console/review";
    }

    /** The review of the reference with this number; a 404 page for any other. */
    private Review review(String reference, String id) {
        if (!id.matches("r?\\d{1,6}")) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        int seq = Integer.parseInt(id.startsWith("r") ? id.substring(1) : id);
        try {
            return reviews.find(reference, seq).orElseThrow();
        } catch (NoSuchElementException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    private void show(Review review, Authentication person, Model model, Map<String, String> errors) {
        LocalDate today = ReviewWords.today(clock);
        model.addAttribute("review", review);
        model.addAttribute("errors", errors);
        model.addAttribute("typeText", ReviewWords.type(review.reviewType()));
        model.addAttribute("state", ReviewWords.state(review.status(), review.commentedAt(), review.commentDue(), today));
        model.addAttribute("received", ReviewWords.time(review.receivedAt()));
        model.addAttribute("channel", ReviewWords.channel(review.source()));
        model.addAttribute("commentDue", ReviewWords.date(review.commentDue()));
        model.addAttribute("signoffRole", ReviewWords.signoffRole(review.signoffRole()));
        model.addAttribute("signoffDate", ReviewWords.date(review.signoffDate()));
        List<KeyRow> keys = new ArrayList<>();
        for (ReviewKey key : ReviewKey.values()) {
            FieldValue field = review.fields().get(key);
            keys.add(new KeyRow(key.key(), label(key), words(review, key),
                    field == null ? "Not found" : ReviewWords.source(field.source()),
                    field == null ? "" : Math.round(field.confidence() * 100) + "%",
                    field == null || field.confidence() < 1.0));
        }
        model.addAttribute("keys", keys);
        model.addAttribute("documents", documents.of(review));
        model.addAttribute("commentedAt", ReviewWords.time(review.commentedAt()));
        reviews.commentOf(review).ifPresent(comment -> {
            model.addAttribute("commentText", comment.text());
            List<FindingRow> rows = new ArrayList<>();
            for (Finding finding : FINDINGS) {
                Boolean answer = answer(comment, finding.key());
                if (answer != null) {
                    rows.add(new FindingRow(finding.question(), answer ? "Yes" : "No"));
                }
            }
            model.addAttribute("findingRows", rows);
        });
        boolean releases = ReviewWords.releases(person);
        boolean inspects = ReviewWords.inspects(person);
        model.addAttribute("mayRelease", releases && review.status() == Review.Status.TRIAGE);
        model.addAttribute("mayComment", inspects && review.commentedAt() == null && review.status() == Review.Status.RECEIVED);
        model.addAttribute("waitsForRelease", review.status() == Review.Status.TRIAGE && review.commentedAt() == null);
        model.addAttribute("mayRequest", inspects);
        model.addAttribute("findings", findingsFor(review));
        Map<String, String> current = new LinkedHashMap<>();
        for (ReviewKey key : ReviewKey.values()) {
            current.put(key.key(), shownValue(review, key));
        }
        if (!model.containsAttribute("releaseForm")) {
            model.addAttribute("releaseForm", current);
        }
        if (!model.containsAttribute("commentForm")) {
            model.addAttribute("commentForm", Map.of());
        }
        if (!model.containsAttribute("requestForm")) {
            model.addAttribute("requestForm", Map.of());
        }
        model.addAttribute("requestExample", example(today.plusDays(14)));
    }

    /** The findings asked for this review: whether an initial analysis review is enough only for one. */
    private static List<Finding> findingsFor(Review review) {
        return FINDINGS.stream().filter(f -> !"iar_sufficient".equals(f.key()) || review.reviewType() == ReviewType.IAR)
                .toList();
    }

    private static Boolean answer(Reviews.Comment comment, String key) {
        return switch (key) {
            case "risk_assessment_evident" -> comment.riskAssessmentEvident();
            case "risk_assessment_up_to_date" -> comment.riskAssessmentUpToDate();
            case "lscmi_used" -> comment.lscmiUsed();
            case "rmp_referred" -> comment.rmpReferred();
            case "order_reviews_referred" -> comment.orderReviewsReferred();
            case "iar_sufficient" -> comment.iarSufficient();
            case "additional_information_requested" -> comment.additionalInformationRequested();
            default -> null;
        };
    }

    static String label(ReviewKey key) {
        return switch (key) {
            case REVIEW_TYPE -> "Type of review";
            case REVIEWER_NAME -> "Reviewer's name";
            case REVIEWER_ROLE -> "Reviewer's role";
            case SIGNOFF_NAME -> "Signed off by";
            case SIGNOFF_ROLE -> "Role of the person who signed it off";
            case SIGNOFF_DATE -> "Date signed off";
        };
    }

    /** A key's value in words for the page's list. */
    private static String words(Review review, ReviewKey key) {
        Object value = review.value(key);
        if (value == null) {
            return "Not given";
        }
        return switch (key) {
            case REVIEW_TYPE -> ReviewWords.type(review.reviewType());
            case SIGNOFF_ROLE -> ReviewWords.signoffRole(review.signoffRole());
            case SIGNOFF_DATE -> ReviewWords.date(review.signoffDate());
            default -> value.toString();
        };
    }

    /** A key's value as the release form shows it and takes it back (the words the service reads). */
    static String shownValue(Review review, ReviewKey key) {
        Object value = review.value(key);
        if (value == null) {
            return "";
        }
        return switch (key) {
            case REVIEW_TYPE -> review.reviewType().name();
            case SIGNOFF_ROLE -> switch (review.signoffRole()) {
                case CSWO -> "Chief Social Work Officer";
                case HEAD_OF_SERVICE -> "Head of Service";
                case OTHER -> "Other";
            };
            default -> value.toString();
        };
    }

    private static String problem(ReviewKey key, String given) {
        if (given.length() > 200) {
            return label(key) + " must be 200 characters or fewer";
        }
        return switch (key) {
            case REVIEW_TYPE -> "Select the type of review";
            case SIGNOFF_DATE -> "Date signed off must be a real date, like 30 11 2026 or 2026-11-30";
            default -> "Enter the " + lowerFirst(label(key));
        };
    }

    private static String lowerFirst(String text) {
        return Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }

    private static String example(LocalDate date) {
        return date.getDayOfMonth() + " " + date.getMonthValue() + " " + date.getYear();
    }
}
