package scot.sirgateway.portal;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import scot.sirgateway.model.FormDefinition;
import scot.sirgateway.model.FormDefinition.Field;
import scot.sirgateway.model.FormDefinition.Form;
import scot.sirgateway.model.FormDefinition.Input;
import scot.sirgateway.model.FormDefinition.Section;
import scot.sirgateway.operator.OperatorAccounts;
import scot.sirgateway.submit.FormDocument;
import scot.sirgateway.submit.FormDocuments;
import scot.sirgateway.submit.FormInvalidException;
import scot.sirgateway.submit.FormProperties;
import scot.sirgateway.submit.FormQuarantinedException;
import scot.sirgateway.submit.FormSubmissions;
import scot.sirgateway.submit.Submitter;

/**
 * The council's pages for writing a notification or a review: drafts saved page by page, their documents,
 * check answers and submission. Every page works on the signed-in caller's council only: another council's
 * draft or notification answers 404 exactly as a missing one.
 */
@Controller
@RequestMapping("/council")
class CouncilForms {

    /** A draft or notification that is not the caller's council's, or not there at all. */
    @ResponseStatus(HttpStatus.NOT_FOUND)
    static class NotFoundException extends RuntimeException {
        NotFoundException() {
            super("no such page for this council", null, false, false);
        }
    }

    private final Drafts drafts;
    private final FormSubmissions submissions;
    private final SubmittedNotifications submitted;
    private final OperatorAccounts accounts;
    private final FormProperties limits;
    private final long maxDocumentBytes;
    private final Clock clock;

    /**
     * {@code multipartLimit}: the servlet's own limit of an uploaded file; a document is held to the lower of
     * it and {@code gateway.forms.max-document-bytes}, and the page states that one.
     */
    CouncilForms(Drafts drafts, FormSubmissions submissions, SubmittedNotifications submitted,
            OperatorAccounts accounts, FormProperties limits,
            @Value("${spring.servlet.multipart.max-file-size:1MB}") DataSize multipartLimit, Clock clock) {
        this.drafts = drafts;
        this.submissions = submissions;
        this.submitted = submitted;
        this.accounts = accounts;
        this.limits = limits;
        this.maxDocumentBytes = Math.min(limits.maxDocumentBytes(), multipartLimit.toBytes());
        this.clock = clock;
    }

    // --- home ---

    @GetMapping
    String home(Authentication authentication, Model model) {
        CouncilCaller caller = caller(authentication);
        LocalDate today = today();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Drafts.Kind kind : Drafts.Kind.values()) {
            for (Drafts.Draft draft : drafts.list(caller.council(), kind)) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", draft.id());
                row.put("what", kind == Drafts.Kind.REVIEW ? "Review for " + draft.reference() : "Notification");
                row.put("saved", draft.updatedAt().atZoneSameInstant(clock.getZone()).format(SubmittedNotifications.WRITTEN_TIME).replace("AM", "am").replace("PM", "pm"));
                row.put("left", DraftProgress.left(draft, today));
                rows.add(row);
            }
        }
        model.addAttribute("council", caller.council());
        model.addAttribute("drafts", rows);
        model.addAttribute("notifications", submitted.list(caller.council()));
        return "council/home";
    }

    @PostMapping("/drafts")
    String start(Authentication authentication) {
        CouncilCaller caller = caller(authentication);
        String id = drafts.create(caller.council(), caller.username(), Drafts.Kind.NOTIFICATION, null);
        return "redirect:/council/drafts/" + id;
    }

    // --- task list ---

    @GetMapping("/drafts/{id}")
    String taskList(@PathVariable String id, Authentication authentication, Model model) {
        Drafts.Draft draft = draft(id, authentication);
        LocalDate today = today();
        model.addAttribute("draft", draft);
        model.addAttribute("form", DraftProgress.form(draft.kind()));
        model.addAttribute("tasks", DraftProgress.tasks(draft, today));
        model.addAttribute("complete", DraftProgress.complete(draft, today));
        model.addAttribute("documents", drafts.documents(id, draft.council()));
        model.addAttribute("review", draft.kind() == Drafts.Kind.REVIEW);
        return "council/task-list";
    }

    @GetMapping("/drafts/{id}/delete")
    String confirmDelete(@PathVariable String id, Authentication authentication, Model model) {
        model.addAttribute("draft", draft(id, authentication));
        return "council/delete";
    }

    @PostMapping("/drafts/{id}/delete")
    String delete(@PathVariable String id, Authentication authentication, RedirectAttributes redirect) {
        CouncilCaller caller = caller(authentication);
        if (!drafts.delete(id, caller.council())) {
            throw new NotFoundException();
        }
        redirect.addFlashAttribute("banner", "The draft has been deleted.");
        return "redirect:/council";
    }

    // --- one section per page ---

    @GetMapping("/drafts/{id}/{section}")
    String section(@PathVariable String id, @PathVariable String section, Authentication authentication, Model model) {
        Drafts.Draft draft = draft(id, authentication);
        Form form = DraftProgress.form(draft.kind());
        Section page = form.section(section).orElseThrow(NotFoundException::new);
        Map<String, String> own = DraftProgress.onlyOf(page, draft.values());
        return sectionPage(model, draft, form, page, FieldView.entered(page, own), own, Map.of());
    }

    @PostMapping("/drafts/{id}/{section}")
    String saveSection(@PathVariable String id, @PathVariable String section,
            @RequestParam MultiValueMap<String, String> params, Authentication authentication, Model model,
            RedirectAttributes redirect) {
        CouncilCaller caller = caller(authentication);
        Drafts.Draft draft = draft(id, authentication);
        Form form = DraftProgress.form(draft.kind());
        Section page = form.section(section).orElseThrow(NotFoundException::new);
        boolean later = "later".equals(params.getFirst("action"));
        Map<String, String> entered = new LinkedHashMap<>();   // what the boxes showed
        Map<String, String> values = new LinkedHashMap<>();    // what the definition checks
        for (Field field : page.fields()) {
            if (field.input() == Input.COUNCIL) {
                continue;
            }
            if (field.input() == Input.DATE) {
                String day = params.getFirst(field.key() + "-day");
                String month = params.getFirst(field.key() + "-month");
                String year = params.getFirst(field.key() + "-year");
                putIfPresent(entered, field.key() + "-day", day);
                putIfPresent(entered, field.key() + "-month", month);
                putIfPresent(entered, field.key() + "-year", year);
                String date = FormDefinition.dateFromParts(day, month, year);
                if (!date.isEmpty()) {
                    values.put(field.key(), date);
                }
            } else {
                String value = params.getFirst(field.key());
                putIfPresent(entered, field.key(), value);
                if (value != null && !value.isBlank()) {
                    values.put(field.key(), value);
                }
            }
        }
        FormDefinition.Checked checked = form.check(page, values, today(), !later);
        // valid answers are kept either way; this page's others are replaced by what was posted
        Map<String, String> saved = new LinkedHashMap<>(draft.values());
        page.fields().forEach(f -> saved.remove(f.key()));
        saved.putAll(checked.values());
        drafts.save(id, caller.council(), caller.username(), saved, checked.valid() ? page.id() : null);
        if (!checked.valid()) {
            return sectionPage(model, draft, form, page, entered, answers(page, values), checked.errors());
        }
        redirect.addFlashAttribute("banner", later
                ? "Your answers have been saved. You can come back to this draft at any time in the next "
                        + limits.draftLifetime().toDays() + " days."
                : "Your answers to ‘" + page.title() + "’ have been saved.");
        return "redirect:/council/drafts/" + id;
    }

    private String sectionPage(Model model, Drafts.Draft draft, Form form, Section page, Map<String, String> entered,
            Map<String, String> answers, Map<String, String> errors) {
        model.addAttribute("draft", draft);
        model.addAttribute("form", form);
        model.addAttribute("section", page);
        model.addAttribute("fields", FieldView.of(page, entered, answers, errors));
        Map<String, String> summary = new LinkedHashMap<>();
        page.fields().stream().filter(f -> errors.containsKey(f.key()))
                .forEach(f -> summary.put("#" + FieldView.anchor(f), errors.get(f.key())));
        model.addAttribute("errorSummary", summary);
        return "council/section";
    }

    /** The codes that decide which of the page's conditional questions apply (choices as their codes). */
    private static Map<String, String> answers(Section page, Map<String, String> values) {
        return values;
    }

    private static void putIfPresent(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    // --- documents ---

    @GetMapping("/drafts/{id}/documents")
    String documents(@PathVariable String id, @RequestParam(required = false) String refused,
            Authentication authentication, Model model) {
        Drafts.Draft draft = draft(id, authentication);
        // a file the servlet refused for its size comes back here (UploadTooLarge)
        return documentsPage(model, draft, UploadTooLarge.REFUSED.equals(refused) ? tooLarge() : null);
    }

    @PostMapping("/drafts/{id}/documents")
    String upload(@PathVariable String id, @RequestParam(name = "document", required = false) MultipartFile file,
            Authentication authentication, Model model, RedirectAttributes redirect) throws IOException {
        CouncilCaller caller = caller(authentication);
        Drafts.Draft draft = draft(id, authentication);
        int limit = draft.kind() == Drafts.Kind.REVIEW ? 1 : limits.maxDocuments();
        String problem;
        if (file == null || file.isEmpty() && (file.getOriginalFilename() == null || file.getOriginalFilename().isBlank())) {
            problem = "Select a file to upload";
        } else if (drafts.documents(id, caller.council()).size() >= limit) {
            problem = limit == 1 ? "Remove the review document before you upload another"
                    : "You can upload up to " + limit + " documents. Remove one before you upload another";
        } else if (file.getSize() > maxDocumentBytes) {
            problem = tooLarge();
        } else {
            FormDocument document = new FormDocument(filename(file), file.getBytes());
            problem = FormDocuments.problem(document, maxDocumentBytes).orElse(null);
            if (problem == null) {
                drafts.addDocument(id, caller.council(), caller.username(), document.filename(), document.bytes());
                redirect.addFlashAttribute("banner", "The document has been uploaded.");
                return "redirect:/council/drafts/" + id + "/documents";
            }
        }
        return documentsPage(model, draft, problem);
    }

    @PostMapping("/drafts/{id}/documents/{document}/remove")
    String removeDocument(@PathVariable String id, @PathVariable String document, Authentication authentication,
            RedirectAttributes redirect) {
        CouncilCaller caller = caller(authentication);
        if (!drafts.removeDocument(id, caller.council(), caller.username(), document)) {
            throw new NotFoundException();
        }
        redirect.addFlashAttribute("banner", "The document has been removed.");
        return "redirect:/council/drafts/" + id + "/documents";
    }

    /** The words for a file over the limit, here and when the servlet refused it before any page saw it. */
    String tooLarge() {
        return "The selected file must be smaller than " + size() ;
    }

    private String documentsPage(Model model, Drafts.Draft draft, String problem) {
        model.addAttribute("draft", draft);
        model.addAttribute("form", DraftProgress.form(draft.kind()));
        model.addAttribute("review", draft.kind() == Drafts.Kind.REVIEW);
        model.addAttribute("documents", drafts.documents(draft.id(), draft.council()));
        model.addAttribute("problem", problem);
        model.addAttribute("errorSummary", problem == null ? Map.of() : Map.of("#document", problem));
        model.addAttribute("maxSize", size());
        model.addAttribute("allowed", scot.sirgateway.extract.DocumentTypes.ALLOWED_WORDS);
        return "council/documents";
    }

    /** The limit in words: "10 MB", or "300 KB" where a test's gateway keeps documents small. */
    private String size() {
        return maxDocumentBytes >= 1024 * 1024 ? maxDocumentBytes / (1024 * 1024) + " MB" : maxDocumentBytes / 1024 + " KB";
    }

    private static String filename(MultipartFile file) {
        String name = file.getOriginalFilename() == null ? "document" : file.getOriginalFilename();
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1).strip();
        return name.isEmpty() ? "document" : name.length() > 200 ? name.substring(0, 200) : name;
    }

    // --- check answers and submit ---

    @GetMapping("/drafts/{id}/check")
    String check(@PathVariable String id, Authentication authentication, Model model) {
        Drafts.Draft draft = draft(id, authentication);
        if (!DraftProgress.complete(draft, today())) {
            return "redirect:/council/drafts/" + id;
        }
        return checkPage(model, draft, Map.of());
    }

    @PostMapping("/drafts/{id}/check")
    String submit(@PathVariable String id, Authentication authentication, Model model) {
        CouncilCaller caller = caller(authentication);
        Drafts.Draft draft = draft(id, authentication);
        Form form = DraftProgress.form(draft.kind());
        Map<String, String> values = new LinkedHashMap<>(draft.values());
        Map<String, String> errors = new LinkedHashMap<>(form.check(values, today()).errors());
        List<Drafts.Document> documents = drafts.documents(id, caller.council());
        if (draft.kind() == Drafts.Kind.REVIEW && documents.isEmpty()) {
            errors.put("document", "Upload the review document");
        }
        if (!errors.isEmpty()) {
            return checkPage(model, draft, errors);
        }
        List<FormDocument> files = documents.stream()
                .map(d -> new FormDocument(d.filename(), drafts.content(id, caller.council(), d.id()))).toList();
        Submitter who = new Submitter(caller.username(), caller.council(),
                accounts.find(caller.username()).map(OperatorAccounts.Account::email).orElse(null));
        FormSubmissions.Receipt receipt;
        try {
            receipt = draft.kind() == Drafts.Kind.REVIEW
                    ? submissions.submitReview(who, draft.reference(), values, files.get(0), null)
                    : submissions.submitNotification(who, values, files, null);
        } catch (FormInvalidException e) {
            return checkPage(model, draft, e.errors());
        } catch (FormQuarantinedException e) {
            // stored, and waiting for the inspectorate in its quarantine; the reason never quotes content
            drafts.delete(id, caller.council());
            model.addAttribute("reason", e.reason());
            model.addAttribute("review", draft.kind() == Drafts.Kind.REVIEW);
            return "council/quarantined";
        } catch (RuntimeException e) {
            // a refusal the gateway explains (quarantined, not this council's notification): shown, never logged
            return checkPage(model, draft, Map.of("submission", e.getMessage() == null
                    ? "The gateway could not take this submission. Try again, or contact the Care Inspectorate"
                    : e.getMessage()));
        }
        drafts.delete(id, caller.council());
        return draft.kind() == Drafts.Kind.REVIEW
                ? "redirect:/council/notifications/" + receipt.reference() + "/reviews/submitted"
                : "redirect:/council/notifications/" + receipt.reference() + "/submitted";
    }

    private String checkPage(Model model, Drafts.Draft draft, Map<String, String> errors) {
        Form form = DraftProgress.form(draft.kind());
        List<Map<String, Object>> sections = new ArrayList<>();
        for (Section section : form.sections()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Field field : section.fields()) {
                if (field.input() == Input.COUNCIL || !field.appliesTo(draft.values())) {
                    continue;
                }
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("label", field.label());
                row.put("value", FieldView.words(field, draft.values().get(field.key())));
                row.put("name", field.name());
                row.put("change", "/council/drafts/" + draft.id() + "/" + section.id() + "#" + FieldView.anchor(field));
                rows.add(row);
            }
            sections.add(Map.of("id", section.id(), "title", section.title(), "rows", rows));
        }
        Map<String, String> summary = new LinkedHashMap<>();
        errors.forEach((key, message) -> {
            Optional<Section> section = form.sections().stream()
                    .filter(s -> s.fields().stream().anyMatch(f -> f.key().equals(key))).findFirst();
            String link = section.map(s -> "/council/drafts/" + draft.id() + "/" + s.id() + "#"
                            + FieldView.anchor(form.field(key).orElseThrow()))
                    .orElse(key.equals("document") ? "/council/drafts/" + draft.id() + "/documents" : "#submit");
            summary.put(link, message);
        });
        model.addAttribute("draft", draft);
        model.addAttribute("form", form);
        model.addAttribute("review", draft.kind() == Drafts.Kind.REVIEW);
        model.addAttribute("sections", sections);
        model.addAttribute("documents", drafts.documents(draft.id(), draft.council()));
        model.addAttribute("errorSummary", summary);
        return "council/check";
    }

    // --- submitted notifications ---

    @GetMapping("/notifications/{reference}")
    String notification(@PathVariable String reference, Authentication authentication, Model model) {
        CouncilCaller caller = caller(authentication);
        model.addAttribute("notification", submitted.find(reference, caller.council()).orElseThrow(NotFoundException::new));
        return "council/notification";
    }

    @GetMapping("/notifications/{reference}/submitted")
    String confirmation(@PathVariable String reference, Authentication authentication, Model model) {
        CouncilCaller caller = caller(authentication);
        model.addAttribute("notification", submitted.find(reference, caller.council()).orElseThrow(NotFoundException::new));
        model.addAttribute("review", false);
        return "council/confirmation";
    }

    @GetMapping("/notifications/{reference}/reviews/submitted")
    String reviewConfirmation(@PathVariable String reference, Authentication authentication, Model model) {
        CouncilCaller caller = caller(authentication);
        model.addAttribute("notification", submitted.find(reference, caller.council()).orElseThrow(NotFoundException::new));
        model.addAttribute("review", true);
        return "council/confirmation";
    }

    @PostMapping("/notifications/{reference}/reviews")
    String startReview(@PathVariable String reference, Authentication authentication) {
        CouncilCaller caller = caller(authentication);
        SubmittedNotifications.View notification = submitted.find(reference, caller.council())
                .orElseThrow(NotFoundException::new);
        String id = drafts.create(caller.council(), caller.username(), Drafts.Kind.REVIEW, notification.reference());
        return "redirect:/council/drafts/" + id;
    }

    // --- helpers ---

    @ExceptionHandler(NotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound() {
        return "council/not-found";
    }

    private CouncilCaller caller(Authentication authentication) {
        return CouncilCaller.of(authentication)
                .orElseThrow(() -> new AccessDeniedException("the council pages are for council accounts"));
    }

    private Drafts.Draft draft(String id, Authentication authentication) {
        return drafts.find(id, caller(authentication).council()).orElseThrow(NotFoundException::new);
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }
}
