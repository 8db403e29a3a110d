package scot.sirgateway.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

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

import scot.sirgateway.GatewayClock;
import scot.sirgateway.ReleaseRefusedException;
import scot.sirgateway.calendar.WorkingCalendar;
import scot.sirgateway.intake.MessageParser;
import scot.sirgateway.intake.Submission;
import scot.sirgateway.model.Layer;
import scot.sirgateway.operator.NotificationAudit;
import scot.sirgateway.quarantine.QuarantineEntries;
import scot.sirgateway.quarantine.QuarantineEntries.Entry;
import scot.sirgateway.quarantine.QuarantineRelease;
import scot.sirgateway.quarantine.ReasonCode;
import scot.sirgateway.register.Notifications;
import scot.sirgateway.signin.AuditTrail;
import scot.sirgateway.storage.StoredMessages;
import scot.sirgateway.unwrap.SmimeUnwrapper;

/**
 * The quarantine pages. {@code GET /quarantine}: every open entry, oldest first, with its forward clock, a
 * filter by reason code, and (operators and admins) a checkbox each and one button to send the selected ones
 * through the stages again ({@code POST /quarantine/reprocess}, each through {@link QuarantineRelease} as the API
 * does, each audited as {@code QUARANTINE_REPROCESSED}); {@code ?state=closed} lists the closed ones with who
 * closed them, when and why. {@code GET /quarantine/{id}}: one entry with the stored message's headers and parts,
 * the reply to its sender, its history, and the actions: download the stored bytes ({@code message.eml}) and, for a
 * message S/MIME encrypted to the gateway, what is inside its encryption ({@code decrypted.eml}), give a PDF password,
 * reprocess, dismiss with a reason (a confirmation page first). The actions are the API's calls of
 * the same shape, audited as those; a form sent back with its errors changed nothing and records nothing.
 * Inspectors see the pages without the action forms; their posts are refused by the security rules.
 */
@Controller
class QuarantinePage {

    static final int CLOSED_SHOWN = 200;

    /** The key of the error about the selected messages, before it is given the first checkbox's id. */
    private static final String SELECTION = "selection";


    private final QuarantineEntries entries;
    private final QuarantineRelease release;
    private final StoredMessages storedMessages;
    private final Notifications notifications;
    private final AuditTrail audit;
    private final WorkingCalendar calendar;
    private final Clock clock;
    private final MessageParser parser;
    private final SmimeUnwrapper unwrapper;

    QuarantinePage(QuarantineEntries entries, QuarantineRelease release, StoredMessages storedMessages,
            Notifications notifications, AuditTrail audit, WorkingCalendar calendar, Clock clock, MessageParser parser,
            SmimeUnwrapper unwrapper) {
        this.parser = parser;
        this.unwrapper = unwrapper;
        this.entries = entries;
        this.release = release;
        this.storedMessages = storedMessages;
        this.notifications = notifications;
        this.audit = audit;
        this.calendar = calendar;
        this.clock = clock;
    }

    /** One open entry in the list. */
    record Row(long id, String received, String sender, String subject, String stage, String reasonCode,
            String reason, String reply, String clock, boolean overdue) {
    }

    /** One closed entry in the list of closed ones. */
    record ClosedRow(long id, String received, String sender, String subject, String reasonCode, String outcome,
            String when, String by, String why) {
    }

    /** One reason code of the filter: its code, its words and whether it is the one chosen. */
    record ReasonOption(String code, String words, boolean selected) {
    }

    /** One line of an entry's history. */
    record HistoryLine(OffsetDateTime at, String when, String what, String who, long entryId) {
    }

    /** The entry's outcome after it was closed: in words, with a link where there is somewhere to go. */
    record Outcome(String words, String linkText, String href) {
    }

    @GetMapping("/quarantine")
    String list(@RequestParam(required = false) String reason, @RequestParam(required = false) String state,
            Model model, Authentication person) {
        return list(reason, state, model, person, new LinkedHashMap<>());
    }

    private String list(String reason, String state, Model model, Authentication person, Map<String, String> errors) {
        ReasonCode chosen = reasonCode(reason);
        boolean closed = "closed".equals(state);
        model.addAttribute("errors", errors);
        model.addAttribute("closedList", closed);
        model.addAttribute("canAct", canAct(person));
        model.addAttribute("reason", chosen == null ? "" : chosen.name());
        model.addAttribute("openHref", "/quarantine" + (chosen == null ? "" : "?reason=" + chosen.name()));
        model.addAttribute("closedHref", "/quarantine?state=closed" + (chosen == null ? "" : "&reason=" + chosen.name()));
        List<ReasonOption> options = new ArrayList<>();
        for (ReasonCode code : ReasonCode.values()) {
            options.add(new ReasonOption(code.name(), words(code), code == chosen));
        }
        model.addAttribute("reasons", options);
        List<Entry> open = entries.open().stream()
                .sorted(Comparator.comparing(Entry::receivedAt).thenComparing(Entry::id)).toList();
        model.addAttribute("openCount", open.size());
        if (closed) {
            model.addAttribute("closed", entries.closed(CLOSED_SHOWN).stream()
                    .filter(c -> chosen == null || c.entry().reasonCode() == chosen)
                    .map(this::closedRow).toList());
            model.addAttribute("rows", List.of());
        } else {
            List<Row> rows = open.stream().filter(e -> chosen == null || e.reasonCode() == chosen).map(this::row).toList();
            model.addAttribute("rows", rows);
            model.addAttribute("closed", List.of());
            // the summary's link goes to the first box to tick
            String selection = errors.remove(SELECTION);
            model.addAttribute("selectionError", selection);
            if (selection != null) {
                errors.put(rows.isEmpty() ? "open-entries" : "select-" + rows.get(0).id(), selection);
            }
        }
        return "console/quarantine";
    }

    /** Sends each selected entry through the stages again, as the API's reprocess does, and audits each one. */
    @PostMapping("/quarantine/reprocess")
    String reprocessSelected(@RequestParam(name = "id", required = false) List<Long> ids, Model model,
            Authentication person, RedirectAttributes redirect) {
        Set<Long> selected = ids == null ? Set.of() : new LinkedHashSet<>(ids);
        if (selected.isEmpty()) {
            NotificationAudit.nothingChanged();
            Map<String, String> errors = new LinkedHashMap<>();
            errors.put(SELECTION, "Select the messages to send through again");
            return list(null, null, model, person, errors);
        }
        int done = 0;
        List<String> refused = new ArrayList<>();
        for (long id : selected) {
            try {
                release.reprocess(id, person.getName());
                audit.record(person.getName(), "QUARANTINE_REPROCESSED",
                        "quarantine entry " + id + ", selected with others, on the console's page", null, id);
                done++;
            } catch (ReleaseRefusedException | NoSuchElementException e) {
                refused.add("message " + id + ": " + e.getMessage());
            }
        }
        if (done == 0) {
            NotificationAudit.nothingChanged();
            Map<String, String> errors = new LinkedHashMap<>();
            errors.put(SELECTION, "No message was sent through again: " + String.join("; ", refused));
            return list(null, null, model, person, errors);
        }
        redirect.addFlashAttribute("banner", messages(done) + " sent through again"
                + (refused.isEmpty() ? "" : "; " + refused.size() + " not: " + String.join("; ", refused)));
        return "redirect:/quarantine";
    }

    @GetMapping("/quarantine/{id}")
    String entry(@PathVariable long id, Model model, Authentication person) {
        return entryPage(id, model, person, new LinkedHashMap<>());
    }

    private String entryPage(long id, Model model, Authentication person, Map<String, String> errors) {
        Entry entry = entries.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("errors", errors);
        model.addAttribute("canAct", canAct(person) && entry.state() == QuarantineEntries.State.OPEN);
        model.addAttribute("canDownload", canAct(person) && entry.storedMessageId() != null);
        model.addAttribute("entry", entry);
        model.addAttribute("open", entry.state() == QuarantineEntries.State.OPEN);
        model.addAttribute("passwordAsked", entry.reasonCode() == ReasonCode.PDF_PASSWORD_REQUIRED);
        model.addAttribute("reasonWords", words(entry.reasonCode()));
        model.addAttribute("received", when(entry.receivedAt()));
        model.addAttribute("quarantined", when(entry.createdAt()));
        model.addAttribute("reply", entries.reply(id).orElse("not recorded (the entry is older than the record of replies)"));
        model.addAttribute("clock", forwardClock(entry.receivedAt()));
        model.addAttribute("overdue", overdue(entry.receivedAt()));
        StoredMessages.StoredMessage message = entry.storedMessageId() == null ? null
                : storedMessages.find(entry.storedMessageId()).orElse(null);
        boolean headersOnly = message == null || message.rawBlobId() == null;
        model.addAttribute("canDownloadDecrypted", canAct(person) && decrypted(message).isPresent());
        model.addAttribute("headersOnly", headersOnly);
        model.addAttribute("view", message == null ? null : StoredMessageView.of(storedMessages.bytesOf(message), headersOnly));
        model.addAttribute("size", message == null ? null : bytes(message.sizeBytes()));
        QuarantineEntries.Resolved resolved = entries.resolved(id).orElse(null);
        model.addAttribute("resolved", resolved);
        model.addAttribute("resolvedWhen", resolved == null || resolved.at() == null ? null : when(resolved.at()));
        List<Entry> all = entry.storedMessageId() == null ? List.of(entry) : entries.ofStoredMessage(entry.storedMessageId());
        model.addAttribute("history", history(all));
        model.addAttribute("outcome", entry.state() == QuarantineEntries.State.OPEN ? null : outcome(entry, all, message));
        return "console/quarantine-entry";
    }

    /** The stored bytes, decrypted from the at-rest store, as an attachment: never shown in the browser. */
    @GetMapping("/quarantine/{id}/message.eml")
    ResponseEntity<byte[]> download(@PathVariable long id, Authentication person) {
        refuseUnlessOperator(person);
        Entry entry = entries.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        StoredMessages.StoredMessage message = entry.storedMessageId() == null ? null
                : storedMessages.find(entry.storedMessageId()).orElse(null);
        if (message == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return Downloads.attachment("quarantine-" + id + ".eml", "message/rfc822", storedMessages.bytesOf(message));
    }

    /**
     * The content inside the message's S/MIME encryption, opened with the gateway's key as the unwrap stage opens it,
     * as an attachment; 404 when the message has no encryption layer the gateway can open.
     */
    @GetMapping("/quarantine/{id}/decrypted.eml")
    ResponseEntity<byte[]> downloadDecrypted(@PathVariable long id, Authentication person) throws Exception {
        refuseUnlessOperator(person);
        Entry entry = entries.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        StoredMessages.StoredMessage message = entry.storedMessageId() == null ? null
                : storedMessages.find(entry.storedMessageId()).orElse(null);
        jakarta.mail.Part inside = decrypted(message).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        inside.writeTo(bytes);
        return Downloads.attachment("quarantine-" + id + "-decrypted.eml", "message/rfc822", bytes.toByteArray());
    }

    /**
     * What is inside the stored message's S/MIME layers, when at least one is encryption and the unwrap stage's own
     * code takes them all off with the gateway's keys; empty otherwise (not encrypted, or not to a key it holds, or
     * a layer it refuses).
     */
    private Optional<jakarta.mail.Part> decrypted(StoredMessages.StoredMessage message) {
        if (message == null || message.rawBlobId() == null) {
            return Optional.empty();
        }
        try {
            Submission submission = unwrapper.unwrap(parser.parse(message.id()));
            boolean encrypted = submission.layers().stream().anyMatch(layer -> layer.kind() == Layer.Kind.ENCRYPTED
                    || layer.kind() == Layer.Kind.AUTH_ENCRYPTED);
            return encrypted ? Optional.of(submission.content()) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    @PostMapping("/quarantine/{id}/password")
    String password(@PathVariable long id, @RequestParam(required = false) String password, Model model,
            Authentication person, RedirectAttributes redirect) {
        entries.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Map<String, String> errors = new LinkedHashMap<>();
        if (password == null || password.isEmpty()) {
            errors.put("password", "Enter the PDF's password");
        } else {
            try {
                release.supplyPdfPassword(id, password, person.getName());
            } catch (ReleaseRefusedException e) {
                errors.put("password", refusal(e));
            }
        }
        if (!errors.isEmpty()) {
            NotificationAudit.nothingChanged();
            return entryPage(id, model, person, errors);
        }
        redirect.addFlashAttribute("banner", "The password was given: the message goes through the stages again.");
        return "redirect:/quarantine/" + id;
    }

    @PostMapping("/quarantine/{id}/reprocess")
    String reprocess(@PathVariable long id, Model model, Authentication person, RedirectAttributes redirect) {
        entries.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        try {
            release.reprocess(id, person.getName());
        } catch (ReleaseRefusedException e) {
            NotificationAudit.nothingChanged();
            Map<String, String> errors = new LinkedHashMap<>();
            errors.put("reprocess", refusal(e));
            return entryPage(id, model, person, errors);
        }
        redirect.addFlashAttribute("banner", "The message goes through the stages again.");
        return "redirect:/quarantine/" + id;
    }

    @GetMapping("/quarantine/{id}/dismiss")
    String confirmDismiss(@PathVariable long id, Model model, Authentication person) {
        refuseUnlessOperator(person);
        return dismissPage(id, model, "", new LinkedHashMap<>());
    }

    private String dismissPage(long id, Model model, String reason, Map<String, String> errors) {
        Entry entry = entries.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("entry", entry);
        model.addAttribute("errors", errors);
        model.addAttribute("reason", reason);
        model.addAttribute("reasonWords", words(entry.reasonCode()));
        model.addAttribute("received", when(entry.receivedAt()));
        model.addAttribute("open", entry.state() == QuarantineEntries.State.OPEN);
        return "console/quarantine-dismiss";
    }

    @PostMapping("/quarantine/{id}/dismiss")
    String dismiss(@PathVariable long id, @RequestParam(required = false) String reason, Model model,
            Authentication person, RedirectAttributes redirect) {
        entries.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Map<String, String> errors = new LinkedHashMap<>();
        if (reason == null || reason.isBlank()) {
            errors.put("reason", "Enter why you are dismissing the message");
        } else if (reason.length() > 1000) {
            errors.put("reason", "The reason must be 1,000 characters or fewer");
        } else {
            try {
                release.dismiss(id, reason, person.getName());
            } catch (ReleaseRefusedException e) {
                errors.put("reason", refusal(e));
            }
        }
        if (!errors.isEmpty()) {
            NotificationAudit.nothingChanged();
            return dismissPage(id, model, reason == null ? "" : reason, errors);
        }
        redirect.addFlashAttribute("banner", "The message was dismissed. Its bytes are kept; it is listed with the closed ones.");
        return "redirect:/quarantine/" + id;
    }

    private Row row(Entry entry) {
        StoredMessageView view = view(entry);
        return new Row(entry.id(), when(entry.receivedAt()), sender(entry, view), view == null ? null : view.subject(),
                entry.stage(), entry.reasonCode().name(), entry.reason(),
                entries.reply(entry.id()).orElse("not recorded"), forwardClock(entry.receivedAt()),
                overdue(entry.receivedAt()));
    }

    private ClosedRow closedRow(QuarantineEntries.ClosedEntry closed) {
        Entry entry = closed.entry();
        StoredMessageView view = view(entry);
        QuarantineEntries.Resolved resolved = closed.resolved();
        return new ClosedRow(entry.id(), when(entry.receivedAt()), sender(entry, view),
                view == null ? null : view.subject(), entry.reasonCode().name(),
                entry.state() == QuarantineEntries.State.DISCARDED ? "Dismissed" : "Sent through again",
                resolved.at() == null ? "" : when(resolved.at()), resolved.by(), resolved.reason());
    }

    /** The headers of the entry's stored message (the bytes are read only for their header block). */
    private StoredMessageView view(Entry entry) {
        if (entry.storedMessageId() == null) {
            return null;
        }
        return storedMessages.find(entry.storedMessageId())
                .map(message -> StoredMessageView.of(storedMessages.bytesOf(message), true)).orElse(null);
    }

    private static String sender(Entry entry, StoredMessageView view) {
        if (view != null && view.from() != null && !view.from().isBlank()) {
            return view.from();
        }
        return entry.sender() == null ? "unknown" : entry.sender();
    }

    private List<HistoryLine> history(List<Entry> all) {
        List<HistoryLine> lines = new ArrayList<>();
        for (Entry e : all) {
            lines.add(new HistoryLine(e.createdAt(), when(e.createdAt()), "Quarantined at the " + e.stage() + " stage: "
                    + e.reasonCode().name(), "the gateway", e.id()));
            boolean closingAudited = false;
            for (AuditTrail.Event event : audit.ofQuarantine(e.id())) {
                String what = switch (event.action()) {
                    case "QUARANTINE_REPROCESSED" -> "Sent through the stages again";
                    case "QUARANTINE_PASSWORD_GIVEN" -> "PDF password given; sent through the stages again";
                    case "QUARANTINE_DISMISSED" -> "Dismissed";
                    case "QUARANTINE_CHANGED" -> "Changed";
                    default -> null;
                };
                if (what != null) {
                    closingAudited = true;
                    lines.add(new HistoryLine(event.at(), when(event.at()), what, event.actor(), e.id()));
                }
            }
            if (!closingAudited && e.state() != QuarantineEntries.State.OPEN) {
                entries.resolved(e.id()).filter(r -> r.at() != null).ifPresent(r -> lines.add(new HistoryLine(r.at(),
                        when(r.at()), e.state() == QuarantineEntries.State.DISCARDED ? "Dismissed"
                                : "Sent through the stages again", r.by(), e.id())));
            }
        }
        lines.sort(Comparator.comparing(HistoryLine::at));
        return lines;
    }

    private Outcome outcome(Entry entry, List<Entry> all, StoredMessages.StoredMessage message) {
        if (entry.state() == QuarantineEntries.State.DISCARDED) {
            return new Outcome("Dismissed: the message stays stored and is not processed.", null, null);
        }
        Optional<Entry> later = all.stream().filter(e -> e.id() > entry.id()).reduce((a, b) -> b);
        if (later.isPresent()) {
            Entry again = later.get();
            return new Outcome("Quarantined again: " + again.reasonCode().name() + ".", "Quarantine entry " + again.id(),
                    "/quarantine/" + again.id());
        }
        if (message != null) {
            Optional<Map.Entry<String, scot.sirgateway.model.NotificationStatus>> registered =
                    notifications.registeredFrom(message.id());
            if (registered.isPresent()) {
                String reference = registered.get().getKey();
                return new Outcome("Registered as " + reference + " (" + registered.get().getValue().name() + ").",
                        reference, "/notifications/" + reference);
            }
            if (message.state() == StoredMessages.State.PROCESSED) {
                return new Outcome("Processed: taken as mail about an existing notification (a review or correspondence).",
                        null, null);
            }
        }
        return new Outcome("Waiting to go through the stages again. Refresh the page in a moment.", null, null);
    }

    private String forwardClock(OffsetDateTime receivedAt) {
        Instant due = calendar.forwardDue(receivedAt.toInstant());
        Instant now = clock.instant();
        String dueWords = "due " + when(due.atZone(GatewayClock.ZONE).toOffsetDateTime());
        if (now.isBefore(due)) {
            long hours = calendar.workingHoursBetween(now, due).toMinutes();
            return duration(Duration.ofMinutes(hours), "working ") + " left (" + dueWords + ")";
        }
        return "Overdue by " + duration(Duration.between(due, now), "") + " (" + dueWords + ")";
    }

    private boolean overdue(OffsetDateTime receivedAt) {
        return !clock.instant().isBefore(calendar.forwardDue(receivedAt.toInstant()));
    }

    /** "2 days 3 hours", "5 working hours 10 minutes", "less than a minute". */
    static String duration(Duration duration, String hourKind) {
        long minutes = duration.toMinutes();
        if (minutes < 1) {
            return "less than a minute";
        }
        List<String> parts = new ArrayList<>();
        long days = hourKind.isEmpty() ? minutes / (24 * 60) : 0;
        long hours = (minutes - days * 24 * 60) / 60;
        long rest = minutes % 60;
        if (days > 0) {
            parts.add(days + (days == 1 ? " day" : " days"));
        }
        if (hours > 0) {
            parts.add(hours + " " + hourKind + (hours == 1 ? "hour" : "hours"));
        }
        if (rest > 0 && days == 0) {
            parts.add(rest + (rest == 1 ? " minute" : " minutes"));
        }
        return String.join(" ", parts);
    }

    static String when(OffsetDateTime at) {
        return DashboardText.MOMENT.format(at.atZoneSameInstant(GatewayClock.ZONE));
    }

    private static String bytes(long size) {
        return size < 1024 ? size + " bytes" : size < 1024 * 1024 ? (size + 512) / 1024 + " KB"
                : String.format(Locale.UK, "%.1f MB", size / (1024.0 * 1024.0));
    }

    private static String messages(int n) {
        return n == 1 ? "1 message" : n + " messages";
    }

    /** The refusal's reason for a person: the service's words, with a capital. */
    private static String refusal(RuntimeException e) {
        String message = e.getMessage() == null ? "The action was refused" : e.getMessage();
        return Character.toUpperCase(message.charAt(0)) + message.substring(1);
    }

    static String words(ReasonCode code) {
        String words = code.name().replace('_', ' ').toLowerCase(Locale.ROOT).replace("pdf", "PDF")
                .replace("smime", "S/MIME").replace(" id", " ID");
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static ReasonCode reasonCode(String reason) {
        if (reason == null || reason.isBlank()) {
            return null;
        }
        try {
            return ReasonCode.valueOf(reason.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean canAct(Authentication person) {
        return person != null && person.getAuthorities().stream().anyMatch(a -> "ROLE_OPERATOR".equals(a.getAuthority())
                || "ROLE_ADMIN".equals(a.getAuthority()));
    }

    private static void refuseUnlessOperator(Authentication person) {
        if (!canAct(person)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
    }
}
