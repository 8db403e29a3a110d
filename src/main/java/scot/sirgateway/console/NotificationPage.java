package scot.sirgateway.console;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.mail.internet.MimeUtility;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import scot.sirgateway.GatewayClock;
import scot.sirgateway.ReleaseRefusedException;
import scot.sirgateway.classify.NotificationClassifier;
import scot.sirgateway.followup.FollowUpRecords;
import scot.sirgateway.followup.InspectorAssignment;
import scot.sirgateway.followup.ReminderPause;
import scot.sirgateway.forward.GovernmentForward;
import scot.sirgateway.model.FieldValue;
import scot.sirgateway.model.FormDefinition;
import scot.sirgateway.model.FormField;
import scot.sirgateway.model.Layer;
import scot.sirgateway.model.NotificationStatus;
import scot.sirgateway.operator.NotificationAudit;
import scot.sirgateway.operator.OperatorAccounts;
import scot.sirgateway.operator.Role;
import scot.sirgateway.outbox.Outbox;
import scot.sirgateway.register.NotificationRelease;
import scot.sirgateway.register.NotificationWithdrawal;
import scot.sirgateway.register.Notifications;
import scot.sirgateway.register.Timeline;
import scot.sirgateway.signin.AuditTrail;
import scot.sirgateway.storage.MessageHeaders;
import scot.sirgateway.storage.StoredMessages;

/**
 * One notification's page ({@code /notifications/{reference}}): its status, the forward's state and the clocks,
 * every field with its source and confidence, where it came from and its security layers, its documents, reviews,
 * requests and reminders, and its timeline with the audit trail's views and changes. Operators and admins triage
 * it here (confirm or correct the unsure fields and release it), withdraw it with a reason, forward it again,
 * assign its inspector and pause or resume its reminders, through the same services as
 * {@code /api/notifications/{reference}/...}; the security rules keep inspectors to reading. Each page and change
 * is audited as its API twin ({@link NotificationAudit}).
 */
@Controller
@RequestMapping("/notifications/{reference}")
class NotificationPage {

    /** Forward-again presses are taken one at a time, so that two at once cannot both queue a copy. */
    private static final Object FORWARD_AGAIN = new Object();
    /** A copy queued this recently and still waiting makes another press a repeat, refused. */
    private static final java.time.Duration FORWARD_AGAIN_WINDOW = java.time.Duration.ofMinutes(1);

    private final Notifications notifications;
    private final Timeline timeline;
    private final FollowUpRecords records;
    private final AuditTrail audit;
    private final StoredMessages storedMessages;
    private final NotificationDocuments documents;
    private final Outbox outbox;
    private final NotificationRelease release;
    private final NotificationWithdrawal withdrawal;
    private final GovernmentForward forward;
    private final InspectorAssignment inspectors;
    private final ReminderPause pause;
    private final OperatorAccounts accounts;
    private final java.time.Clock clock;

    NotificationPage(Notifications notifications, Timeline timeline, FollowUpRecords records, AuditTrail audit,
            StoredMessages storedMessages, NotificationDocuments documents, Outbox outbox, NotificationRelease release,
            NotificationWithdrawal withdrawal, GovernmentForward forward, InspectorAssignment inspectors,
            ReminderPause pause, OperatorAccounts accounts, java.time.Clock clock) {
        this.notifications = notifications;
        this.timeline = timeline;
        this.records = records;
        this.audit = audit;
        this.storedMessages = storedMessages;
        this.documents = documents;
        this.outbox = outbox;
        this.release = release;
        this.withdrawal = withdrawal;
        this.forward = forward;
        this.inspectors = inspectors;
        this.pause = pause;
        this.accounts = accounts;
        this.clock = clock;
    }

    // ---- what the page shows ----

    /** A field of the form as the page lists it. */
    record FieldRow(String key, String label, String value, String source, String confidence, boolean unsure,
            boolean missing) {
    }

    /** A field the operator confirms or corrects in triage, with what is in it now (or was typed). */
    record TriageField(String key, String label, String hint, String input, List<FormDefinition.Option> options,
            String value, String day, String month, String year, String reason) {
    }

    /** A security layer in words. */
    record LayerRow(String what, String detail, String verified) {
    }

    /** One line of the timeline: when, what, in words, and who. */
    record Event(OffsetDateTime at, String when, String what, String detail, String who, String record) {
    }

    /** A document as listed. */
    record DocumentRow(int id, String name, String type, String size) {
    }

    /** A review, request or reminder in words. */
    record ReviewRow(int id, String type, String status, String received, String commentDue, String commented) {
    }

    record RequestRow(int id, String review, String requested, String due, String answered) {
    }

    record ReminderRow(String when, String clock, String step, String sent) {
    }

    /** A copy of the forward in words. */
    record ForwardRow(String queued, String state) {
    }

    /** An inspector account that may be assigned. */
    record InspectorOption(String username, boolean current) {
    }

    // ---- the page ----

    @GetMapping
    String page(@PathVariable String reference, Model model, Authentication who) {
        fill(model, stored(reference), who, null, Map.of());
        return "console/notification";
    }

    /** A document of this notification, decrypted, always as an attachment: never shown in the browser. */
    @GetMapping("/documents/{id}")
    ResponseEntity<byte[]> document(@PathVariable String reference, @PathVariable String id) {
        Notifications.Stored stored = stored(reference);
        if (!id.matches("\\d{1,6}")) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        NotificationDocuments.Document document = documents.find(stored.envelope().id(), Integer.parseInt(id))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        NotificationAudit.detail("document " + document.id());
        return Downloads.attachment(document.name(), NotificationDocuments.servedType(document.type()), document.bytes());
    }

    /** Confirms the unsure fields (a value left as it is) or corrects them, and releases the notification to forward. */
    @PostMapping("/release")
    String release(@PathVariable String reference, @RequestParam Map<String, String> form, Model model,
            Authentication who, RedirectAttributes redirect) {
        Notifications.Stored stored = stored(reference);
        if (stored.envelope().status() != NotificationStatus.TRIAGE) {
            return refused(model, stored, who, "release", reference + " is not in triage: it is "
                    + statusWords(stored.envelope().status()).toLowerCase(Locale.ROOT));
        }
        List<TriageField> fields = new ArrayList<>(triageFields(stored, form));
        // a field sent besides the unsure ones is a correction all the same, checked as the API checks it
        Map<String, String> errors = new LinkedHashMap<>();
        for (String name : form.keySet()) {
            String key = name.replaceFirst("-(day|month|year)$", "");
            if (key.equals("_csrf") || fields.stream().anyMatch(f -> f.key().equals(key))) {
                continue;
            }
            Optional<FormDefinition.Field> definition = FormDefinition.notification().field(key);
            if (definition.isEmpty() || definition.get().input() == FormDefinition.Input.COUNCIL) {
                errors.put("release", "'" + key + "' is not a field the release can correct");
                continue;
            }
            fields.add(triageField(definition.get(), stored.values().get(FormField.byLabel(key).orElseThrow()), form,
                    "Corrected by an operator"));
        }
        Map<String, String> typed = new LinkedHashMap<>();
        for (TriageField field : fields) {
            String text = "DATE".equals(field.input())
                    ? FormDefinition.dateFromParts(field.day(), field.month(), field.year()) : field.value();
            typed.put(field.key(), text == null ? "" : text);
        }
        List<FormDefinition.Field> definitions = fields.stream()
                .map(f -> FormDefinition.notification().field(f.key()).orElseThrow()).toList();
        FormDefinition.Checked checked = FormDefinition.notification().check(
                new FormDefinition.Section("triage", "Triage", definitions), typed, LocalDate.now(clock), false);
        checked.errors().forEach((key, message) -> errors.put(inputId(key), message));
        Map<String, String> corrections = new LinkedHashMap<>();
        for (TriageField field : fields) {
            String value = checked.values().get(field.key());
            Object before = stored.values().get(FormField.byLabel(field.key()).orElseThrow());
            if (errors.containsKey(inputId(field.key()))) {
                continue;
            }
            if (value == null || value.isBlank()) {
                if (before == null && FormField.byLabel(field.key()).orElseThrow().required()) {
                    errors.put(inputId(field.key()), "Enter " + FormDefinition.notification().field(field.key())
                            .orElseThrow().name() + ": the notification cannot be released without it");
                }
                continue;
            }
            if (!value.equals(written(before))) {
                corrections.put(field.key(), value);
            }
        }
        if (errors.isEmpty()) {
            try {
                release.release(reference, corrections, who.getName());
                NotificationAudit.detail(corrections.isEmpty() ? "released without corrections"
                        : "released; corrected fields: " + String.join(", ", corrections.keySet()));
                redirect.addFlashAttribute("success", corrections.isEmpty()
                        ? reference + " was released to forward as it was"
                        : reference + " was released to forward with " + corrections.size()
                                + (corrections.size() == 1 ? " correction" : " corrections"));
                return "redirect:/notifications/" + reference;
            } catch (IllegalArgumentException | ReleaseRefusedException e) {
                errors.put(fields.isEmpty() ? "release" : inputId(fields.get(0).key()), sentence(e.getMessage()));
            }
        }
        NotificationAudit.nothingChanged();
        fill(model, stored, who, fields, errors);
        return "console/notification";
    }

    /** The withdrawal's confirmation page: the reason asked for, a warning button. */
    @GetMapping("/withdraw")
    String withdrawPage(@PathVariable String reference, Model model, HttpServletRequest request) {
        Notifications.Stored stored = stored(reference);
        operatorOnly(request);
        model.addAttribute("reference", reference);
        model.addAttribute("status", stored.envelope().status().name());
        model.addAttribute("statusWords", statusWords(stored.envelope().status()));
        model.addAttribute("reason", "");
        model.addAttribute("errors", Map.of());
        return "console/notification-withdraw";
    }

    @PostMapping("/withdraw")
    String withdraw(@PathVariable String reference, @RequestParam(required = false) String reason, Model model,
            Authentication who, RedirectAttributes redirect) {
        Notifications.Stored stored = stored(reference);
        String error = null;
        if (reason == null || reason.isBlank()) {
            error = "Enter why the notification is withdrawn";
        } else if (reason.strip().length() > 500) {
            error = "The reason must be 500 characters or fewer";
        } else {
            try {
                withdrawal.withdraw(reference, reason, who.getName());
                redirect.addFlashAttribute("success", reference + " was withdrawn");
                return "redirect:/notifications/" + reference;
            } catch (IllegalArgumentException | ReleaseRefusedException e) {
                error = sentence(e.getMessage());
            }
        }
        NotificationAudit.nothingChanged();
        model.addAttribute("reference", reference);
        model.addAttribute("status", stored.envelope().status().name());
        model.addAttribute("statusWords", statusWords(stored.envelope().status()));
        model.addAttribute("reason", reason == null ? "" : reason);
        model.addAttribute("errors", Map.of("reason", error));
        return "console/notification-withdraw";
    }

    /** Forwards the notification to Scottish Government again, when the forward service allows it. */
    @PostMapping("/forward")
    String forwardAgain(@PathVariable String reference, Model model, Authentication who, RedirectAttributes redirect) {
        Notifications.Stored stored = stored(reference);
        synchronized (FORWARD_AGAIN) {
            // a second press (a double click, a post sent twice) finds the copy the first one queued still waiting
            OffsetDateTime recently = OffsetDateTime.now(clock).minus(FORWARD_AGAIN_WINDOW);
            boolean waiting = outbox.copies(Outbox.Purpose.FORWARD, stored.envelope().id()).stream()
                    .anyMatch(c -> c.state() == Outbox.State.PENDING && c.queuedAt() != null && c.queuedAt().isAfter(recently));
            if (waiting) {
                return refused(model, stored, who, "forward", "A copy of " + reference
                        + " was queued a moment ago and has not gone yet: it was not queued again");
            }
            try {
                forward.resend(reference, who.getName());
            } catch (IllegalStateException e) {
                return refused(model, stored, who, "forward", sentence(e.getMessage()));
            }
        }
        redirect.addFlashAttribute("success", "A new copy of " + reference + " is queued for Scottish Government");
        return "redirect:/notifications/" + reference;
    }

    /** Assigns the strategic inspector: an enabled inspector account with an address for its reminders. */
    @PostMapping("/inspector")
    String assignInspector(@PathVariable String reference, @RequestParam(required = false) String username,
            Model model, Authentication who, RedirectAttributes redirect) {
        Notifications.Stored stored = stored(reference);
        String chosen = username == null ? "" : username.trim();
        if (chosen.isEmpty() || inspectorOptions(null).stream().noneMatch(o -> o.username().equals(chosen))) {
            return refused(model, stored, who, "inspector", "Select an inspector from the list");
        }
        inspectors.assign(reference, chosen, who.getName());
        NotificationAudit.detail("inspector " + chosen);
        redirect.addFlashAttribute("success", chosen + " is the strategic inspector of " + reference);
        return "redirect:/notifications/" + reference;
    }

    @PostMapping("/reminders/pause")
    String pauseReminders(@PathVariable String reference, @RequestParam(required = false) String reason, Model model,
            Authentication who, RedirectAttributes redirect) {
        return reminders(reference, reason, true, model, who, redirect);
    }

    @PostMapping("/reminders/resume")
    String resumeReminders(@PathVariable String reference, @RequestParam(required = false) String reason, Model model,
            Authentication who, RedirectAttributes redirect) {
        return reminders(reference, reason, false, model, who, redirect);
    }

    private String reminders(String reference, String reason, boolean paused, Model model, Authentication who,
            RedirectAttributes redirect) {
        Notifications.Stored stored = stored(reference);
        if (reason == null || reason.isBlank()) {
            return refused(model, stored, who, "reminders-reason", "Enter why the reminders are "
                    + (paused ? "paused" : "resumed"));
        }
        try {
            if (paused) {
                pause.pause(reference, reason, who.getName());
            } else {
                pause.resume(reference, reason, who.getName());
            }
        } catch (IllegalArgumentException | ReleaseRefusedException e) {
            return refused(model, stored, who, "reminders-reason", sentence(e.getMessage()));
        }
        redirect.addFlashAttribute("success", "The reminders of " + reference + " are " + (paused ? "paused" : "running"));
        return "redirect:/notifications/" + reference;
    }

    /** The page again with one error: nothing changed, so nothing is audited. */
    private String refused(Model model, Notifications.Stored stored, Authentication who, String field, String message) {
        NotificationAudit.nothingChanged();
        fill(model, stored, who, null, Map.of(field, message));
        return "console/notification";
    }

    private Notifications.Stored stored(String reference) {
        return notifications.findByReference(reference)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private static void operatorOnly(HttpServletRequest request) {
        if (!request.isUserInRole(Role.OPERATOR.name()) && !request.isUserInRole(Role.ADMIN.name())) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
    }

    private static boolean operator(Authentication who) {
        return who != null && who.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_" + Role.OPERATOR)
                || a.getAuthority().equals("ROLE_" + Role.ADMIN));
    }

    // ---- the model ----

    private void fill(Model model, Notifications.Stored stored, Authentication who, List<TriageField> triage,
            Map<String, String> errors) {
        Notifications.Envelope e = stored.envelope();
        long id = e.id();
        Notifications.FollowUp followUp = notifications.followUp(id);
        List<Timeline.Event> events = timeline.of(id);
        model.addAttribute("reference", e.reference());
        model.addAttribute("status", e.status().name());
        model.addAttribute("statusWords", statusWords(e.status()));
        model.addAttribute("statusClass", statusClass(e.status()));
        model.addAttribute("operator", operator(who));
        model.addAttribute("errors", errors);
        model.addAttribute("received", when(e.receivedAt()));
        model.addAttribute("group", e.group() == null ? null : words(e.group()));
        model.addAttribute("flags", flags(e));
        model.addAttribute("clocks", clocks(e, followUp));
        List<Outbox.Copy> copies = outbox.copies(Outbox.Purpose.FORWARD, id);
        model.addAttribute("forwardState", forwardState(e, copies));
        model.addAttribute("forwardCopies", copies.stream().map(c -> new ForwardRow(when(c.queuedAt()), copyState(c))).toList());
        model.addAttribute("canForwardAgain", e.status() != NotificationStatus.WITHDRAWN
                && (e.forwardedAt() != null || copies.stream().anyMatch(c -> c.bouncedAt() != null)));
        model.addAttribute("fields", fieldRows(stored));
        model.addAttribute("source", sourceRows(e));
        model.addAttribute("layers", e.layers().stream().map(NotificationPage::layerRow).toList());
        model.addAttribute("decrypted", e.decrypted());
        model.addAttribute("signer", e.signer());
        model.addAttribute("signatureVerified", e.signatureVerified());
        model.addAttribute("documents", documents.of(id).stream()
                .map(d -> new DocumentRow(d.id(), d.name(), typeWords(d.type()), size(d.size()))).toList());
        model.addAttribute("reviews", records.reviews(id).stream().map(r -> new ReviewRow(r.seq(),
                "IAR".equals(r.reviewType()) ? "Initial analysis review" : "COMPREHENSIVE".equals(r.reviewType())
                        ? "Comprehensive review" : r.reviewType() == null ? "Not known yet" : words(r.reviewType()),
                r.status() == null ? "" : words(r.status()), when(r.receivedAt()), day(r.commentDue()),
                r.commentedAt() == null ? "Not yet" : when(r.commentedAt()) + (r.commentedBy() == null ? "" : " by " + r.commentedBy())))
                .toList());
        model.addAttribute("requests", records.informationRequests(id).stream().map(r -> new RequestRow(r.seq(),
                r.reviewSeq() == null ? "The notification" : "Review " + r.reviewSeq(), when(r.requestedAt()), day(r.due()),
                r.answeredAt() == null ? "Not yet" : when(r.answeredAt()))).toList());
        model.addAttribute("reminders", records.reminders(id).stream().map(r -> new ReminderRow(when(r.at()),
                r.clock() == null ? "" : words(r.clock()), r.step(),
                !r.sent() ? "Waiting to go" : r.delivered() ? "Sent" : "Sent, but it bounced")).toList());
        model.addAttribute("inspector", followUp.inspector());
        model.addAttribute("inspectors", inspectorOptions(followUp.inspector()));
        model.addAttribute("remindersPaused", followUp.remindersPaused());
        model.addAttribute("reviewStatus", followUp.reviewStatus() == null ? null : words(followUp.reviewStatus().name()));
        model.addAttribute("linkedReference", followUp.linkedReference());
        model.addAttribute("timeline", timelineRows(events, audit.ofReference(e.reference())));
        boolean inTriage = e.status() == NotificationStatus.TRIAGE;
        model.addAttribute("triage", inTriage ? (triage != null ? triage : triageFields(stored, null)) : List.of());
        model.addAttribute("inTriage", inTriage);
        model.addAttribute("triageReasons", inTriage ? events.stream().filter(ev -> "REGISTERED".equals(ev.type()))
                .map(Timeline.Event::detail).filter(d -> d != null && d.startsWith("in triage: "))
                .map(d -> d.substring("in triage: ".length())).findFirst().orElse(null) : null);
    }

    /** The unsure and the missing fields (never the council, which comes from the sender), in the form's order. */
    private List<TriageField> triageFields(Notifications.Stored stored, Map<String, String> typed) {
        List<TriageField> fields = new ArrayList<>();
        for (FormDefinition.Field definition : FormDefinition.notification().fields()) {
            FormField field = FormField.byLabel(definition.key()).orElse(null);
            if (field == null || field == FormField.LOCAL_AUTHORITY) {
                continue;
            }
            Object value = stored.values().get(field);
            FieldValue provenance = stored.fields().get(field);
            boolean unsure = value != null && provenance != null && provenance.confidence() < NotificationClassifier.SURE;
            boolean missing = value == null && field.required();
            if (!unsure && !missing) {
                continue;
            }
            String reason = missing ? "Missing: the notification cannot be released without it"
                    : "Unsure: read from " + sourceWords(provenance.source()).toLowerCase(Locale.ROOT) + " with "
                            + percent(provenance.confidence()) + " confidence";
            fields.add(triageField(definition, value, typed, reason));
        }
        return fields;
    }

    /** A field of the triage form: what is in it now, or what was typed when the form comes back with errors. */
    private static TriageField triageField(FormDefinition.Field definition, Object value, Map<String, String> typed,
            String reason) {
        String text = typed == null ? written(value) : typed.getOrDefault(definition.key(), "");
        String day = "";
        String month = "";
        String year = "";
        if (definition.input() == FormDefinition.Input.DATE) {
            if (typed != null) {
                day = typed.getOrDefault(definition.key() + "-day", "");
                month = typed.getOrDefault(definition.key() + "-month", "");
                year = typed.getOrDefault(definition.key() + "-year", "");
            } else if (value instanceof LocalDate date) {
                day = String.valueOf(date.getDayOfMonth());
                month = String.valueOf(date.getMonthValue());
                year = String.valueOf(date.getYear());
            }
        }
        return new TriageField(definition.key(), definition.label(), definition.hint(), definition.input().name(),
                definition.options(), text, day, month, year, reason);
    }

    private List<FieldRow> fieldRows(Notifications.Stored stored) {
        List<FieldRow> rows = new ArrayList<>();
        for (FormDefinition.Field definition : FormDefinition.notification().fields()) {
            FormField field = FormField.byLabel(definition.key()).orElse(null);
            if (field == null) {
                continue;
            }
            Object value = stored.values().get(field);
            FieldValue provenance = stored.fields().get(field);
            boolean unsure = value != null && provenance != null && provenance.confidence() < NotificationClassifier.SURE;
            rows.add(new FieldRow(definition.key(), definition.label(), valueWords(definition, value),
                    provenance == null ? "" : sourceWords(provenance.source()),
                    provenance == null ? "" : percent(provenance.confidence()), unsure,
                    value == null && field.required()));
        }
        return rows;
    }

    private List<String[]> sourceRows(Notifications.Envelope e) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Channel", "MAIL".equals(e.source()) ? "Mail" : "FORM".equals(e.source())
                ? "The council web form or the council API" : words(e.source() == null ? "" : e.source())});
        if (e.sender() != null) {
            rows.add(new String[] {"Sender", e.sender()});
        }
        e.layers().stream().filter(l -> l.kind() == Layer.Kind.ACCOUNT).findFirst().ifPresent(l -> rows.add(
                new String[] {l.signer() != null && l.signer().startsWith("token:") ? "API token" : "Council account",
                        l.signer() + (l.key() == null ? "" : " (" + l.key() + ")")}));
        if (e.messageId() != null) {
            rows.add(new String[] {"Message-ID", e.messageId()});
        }
        subject(e).ifPresent(subject -> rows.add(new String[] {"Subject", subject}));
        return rows;
    }

    /** The subject of the message as it arrived, decoded; nothing when the stored message has none. */
    private Optional<String> subject(Notifications.Envelope e) {
        if (e.storedMessageId() == null) {
            return Optional.empty();
        }
        try {
            return storedMessages.find(e.storedMessageId()).map(storedMessages::bytesOf).map(MessageHeaders::parse)
                    .map(h -> h.header("Subject")).map(s -> {
                        try {
                            return MimeUtility.decodeText(MimeUtility.unfold(s));
                        } catch (java.io.UnsupportedEncodingException ex) {
                            return s;
                        }
                    });
        } catch (RuntimeException ex) {
            return Optional.empty();
        }
    }

    private static LayerRow layerRow(Layer layer) {
        String what = switch (layer.kind()) {
            case ENCRYPTED -> "Encrypted (S/MIME)";
            case AUTH_ENCRYPTED -> "Encrypted (S/MIME, authenticated)";
            case SIGNED_OPAQUE -> "Signed (S/MIME, content inside the signature)";
            case SIGNED_DETACHED -> "Signed (S/MIME, detached signature)";
            case PDF_ENCRYPTED -> "Password-protected PDF";
            case ACCOUNT -> "Signed-in council account or API token";
        };
        List<String> detail = new ArrayList<>();
        if (layer.algorithm() != null) {
            detail.add("algorithm " + layer.algorithm());
        }
        if (layer.key() != null) {
            detail.add((layer.kind() == Layer.Kind.ACCOUNT ? "council " : "key or certificate ") + layer.key());
        }
        if (layer.signer() != null) {
            detail.add((layer.kind() == Layer.Kind.ACCOUNT ? "by " : "signed by ") + layer.signer());
        }
        String verified = layer.verified() == null ? "Not applicable"
                : layer.verified() ? "Verified" : "Not verified" + (layer.reason() == null ? "" : ": " + layer.reason());
        return new LayerRow(what, String.join("; ", detail), verified);
    }

    private List<String[]> clocks(Notifications.Envelope e, Notifications.FollowUp followUp) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Notified by the council", e.notifiedWithin5WorkingDays() == null ? "Not known (no incident date)"
                : e.notifiedWithin5WorkingDays() ? "Within five working days"
                : (e.workingDaysLate() == null ? "Late" : e.workingDaysLate() + " working days after the incident")});
        rows.add(new String[] {"Forward to Scottish Government due", when(e.forwardDue())});
        rows.add(new String[] {"Acknowledged", e.acknowledgedAt() == null ? "Not yet" : when(e.acknowledgedAt())});
        rows.add(new String[] {"Review due", day(e.reviewDue())});
        records.reviews(e.id()).stream().filter(r -> r.commentDue() != null && r.commentedAt() == null)
                .forEach(r -> rows.add(new String[] {"Comment on review " + r.seq() + " due", day(r.commentDue())}));
        return rows;
    }

    private String forwardState(Notifications.Envelope e, List<Outbox.Copy> copies) {
        if (e.status() == NotificationStatus.WITHDRAWN) {
            return e.forwardedAt() == null ? "Not forwarded: withdrawn" : "Forwarded on " + when(e.forwardedAt())
                    + ", then withdrawn";
        }
        if (e.status() == NotificationStatus.TRIAGE) {
            return "Not forwarded: waiting for triage";
        }
        boolean bounced = copies.stream().anyMatch(c -> c.bouncedAt() != null);
        if (e.forwardedAt() != null) {
            return "Sent on " + when(e.forwardedAt()) + (copies.size() > 1 ? "; sent again " + (copies.size() - 1)
                    + (copies.size() == 2 ? " time" : " times") : "");
        }
        if (copies.stream().anyMatch(c -> c.state() == Outbox.State.PENDING)) {
            return bounced ? "Bounced; a new copy is queued" : "Queued to go";
        }
        return bounced ? "Bounced: forward it again" : "Not forwarded yet";
    }

    private static String copyState(Outbox.Copy copy) {
        if (copy.bouncedAt() != null) {
            return "Bounced on " + when(copy.bouncedAt());
        }
        return switch (copy.state()) {
            case PENDING -> "Queued";
            case SENT -> "Sent on " + when(copy.sentAt());
            case CANCELLED -> "Cancelled";
        };
    }

    private static List<String> flags(Notifications.Envelope e) {
        List<String> flags = new ArrayList<>();
        if (Boolean.TRUE.equals(e.domesticAbuse())) {
            flags.add("Domestic abuse");
        }
        if (Boolean.TRUE.equals(e.historical())) {
            flags.add("Historical");
        }
        return flags;
    }

    /**
     * The notification's own timeline and the audit trail's views and changes, oldest first; each row says which
     * record it comes from, since a change is in both (the timeline's words and the audit's who-asked-what).
     */
    private static List<Event> timelineRows(List<Timeline.Event> events, List<AuditTrail.Event> audited) {
        List<Event> rows = new ArrayList<>();
        for (Timeline.Event event : events) {
            rows.add(new Event(event.at(), when(event.at()), eventWords(event.type()), event.detail(),
                    Timeline.SYSTEM.equals(event.actor()) ? "The gateway" : event.actor(), "Timeline"));
        }
        for (AuditTrail.Event event : audited) {
            rows.add(new Event(event.at(), when(event.at()), eventWords(event.action()), event.detail(), event.actor(),
                    "Audit trail"));
        }
        rows.sort(Comparator.comparing(Event::at));
        return rows;
    }

    private static final Map<String, String> EVENT_WORDS = Map.ofEntries(
            Map.entry("RECEIVED", "Received"), Map.entry("REGISTERED", "Registered"),
            Map.entry("ACKNOWLEDGED", "Acknowledged"), Map.entry("FORWARD_QUEUED", "Forward queued"),
            Map.entry("FORWARDED", "Forwarded to Scottish Government"), Map.entry("CORRECTED", "Corrected"),
            Map.entry("RELEASED", "Released from triage"), Map.entry("WITHDRAWN", "Withdrawn"),
            Map.entry("NOTIFICATION_VIEWED", "Viewed"), Map.entry("FORWARDED_AGAIN", "Forward asked again"),
            Map.entry("INSPECTOR_ASSIGNED", "Inspector assigned"), Map.entry("REMINDERS_PAUSED", "Reminders paused"),
            Map.entry("REMINDERS_RESUMED", "Reminders resumed"), Map.entry("REVIEW_RECEIVED", "Review received"),
            Map.entry("REVIEW_COMMENTED", "Review commented"), Map.entry("INFORMATION_REQUESTED", "Information requested"));

    private static String eventWords(String type) {
        return type == null ? "" : EVENT_WORDS.getOrDefault(type, words(type));
    }

    private List<InspectorOption> inspectorOptions(String current) {
        return accounts.list().stream().filter(a -> a.role() == Role.INSPECTOR && a.enabled() && a.email() != null)
                .map(a -> new InspectorOption(a.username(), a.username().equals(current))).toList();
    }

    // ---- words ----

    static String when(OffsetDateTime at) {
        return at == null ? "" : at.atZoneSameInstant(GatewayClock.ZONE).format(DashboardText.MOMENT);
    }

    static String day(LocalDate date) {
        return date == null ? "" : date.format(DashboardText.DAY);
    }

    private static String statusWords(NotificationStatus status) {
        return switch (status) {
            case TRIAGE -> "Triage";
            case REGISTERED -> "Registered";
            case FORWARDED -> "Forwarded";
            case WITHDRAWN -> "Withdrawn";
        };
    }

    private static String statusClass(NotificationStatus status) {
        return switch (status) {
            case TRIAGE -> "govuk-tag--orange";
            case REGISTERED -> "govuk-tag--blue";
            case FORWARDED -> "govuk-tag--green";
            case WITHDRAWN -> "govuk-tag--grey";
        };
    }

    private static String sourceWords(scot.sirgateway.model.FieldSource source) {
        return switch (source) {
            case FORM_FIELD -> "A form field";
            case DOCUMENT_LABEL -> "A label in a document";
            case DESCRIPTION -> "The description";
            case SENDER -> "The sender";
            case OPERATOR -> "An operator";
        };
    }

    private static String percent(double confidence) {
        return Math.round(confidence * 100) + "%";
    }

    /** A value in words: codes by the form's words with the code, dates as "20 November 2026", yes or no. */
    private static String valueWords(FormDefinition.Field definition, Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof LocalDate date) {
            return day(date);
        }
        if (value instanceof Boolean yes) {
            return yes ? "Yes" : "No";
        }
        String written = written(value);
        if (definition.chosen()) {
            String words = definition.words(written);
            return words.equals(written) ? written : words + " (" + written + ")";
        }
        return written;
    }

    /** A value as the form writes it: a code, an ISO date, yes or no. */
    private static String written(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Boolean yes) {
            return yes ? "yes" : "no";
        }
        return value instanceof Enum<?> code ? code.name() : value.toString();
    }

    private static String typeWords(String type) {
        return switch (type) {
            case "application/pdf" -> "PDF";
            case "application/vnd.openxmlformats-officedocument.wordprocessingml.document" -> "Word document";
            case "application/vnd.oasis.opendocument.text" -> "OpenDocument text";
            case "application/rtf", "text/rtf" -> "Rich text";
            case "text/plain" -> "Plain text";
            default -> type;
        };
    }

    private static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + (bytes == 1 ? " byte" : " bytes");
        }
        if (bytes < 1024 * 1024) {
            return Math.round(bytes / 1024.0) + " KB";
        }
        return String.format(Locale.UK, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    private static String words(String code) {
        String text = code.replace('_', ' ').toLowerCase(Locale.ROOT);
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String sentence(String message) {
        if (message == null || message.isBlank()) {
            return "The gateway refused this";
        }
        return Character.toUpperCase(message.charAt(0)) + message.substring(1);
    }

    /** The id of the input a field's error links to: a date's day box, else the field itself. */
    private static String inputId(String key) {
        return FormDefinition.notification().field(key)
                .map(f -> f.input() == FormDefinition.Input.DATE ? key + "-day" : key).orElse(key);
    }
}
