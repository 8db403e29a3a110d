package scot.sirgateway.portal;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import scot.sirgateway.model.FormDefinition;
import scot.sirgateway.model.FormDefinition.Field;
import scot.sirgateway.model.FormDefinition.Form;
import scot.sirgateway.model.FormDefinition.Section;

/**
 * How far a draft has come, section by section, in words (never colour alone): a section is
 * "Completed" once saved with every answer it needs, "In progress" once anything of it is saved, and
 * "Not yet started" before.
 */
final class DraftProgress {

    enum Status {
        NOT_STARTED("Not yet started"), IN_PROGRESS("In progress"), COMPLETED("Completed");

        private final String words;

        Status(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /** A row of the task list. */
    record Task(String id, String title, Status status) {
    }

    private DraftProgress() {
    }

    static Form form(Drafts.Kind kind) {
        return kind == Drafts.Kind.REVIEW ? FormDefinition.review() : FormDefinition.notification();
    }

    static Status status(Form form, Section section, Drafts.Draft draft, LocalDate today) {
        boolean anything = section.fields().stream().map(Field::key).anyMatch(draft.values()::containsKey);
        if (!anything && !draft.saved().contains(section.id())) {
            return Status.NOT_STARTED;
        }
        boolean complete = form.check(section, onlyOf(section, draft.values()), today, true).valid();
        return complete && draft.saved().contains(section.id()) ? Status.COMPLETED : Status.IN_PROGRESS;
    }

    static List<Task> tasks(Drafts.Draft draft, LocalDate today) {
        Form form = form(draft.kind());
        return form.sections().stream().map(s -> new Task(s.id(), s.title(), status(form, s, draft, today))).toList();
    }

    static boolean complete(Drafts.Draft draft, LocalDate today) {
        return tasks(draft, today).stream().allMatch(t -> t.status() == Status.COMPLETED);
    }

    /** How many sections are left, in words for the council's list of drafts. */
    static String left(Drafts.Draft draft, LocalDate today) {
        long left = tasks(draft, today).stream().filter(t -> t.status() != Status.COMPLETED).count();
        return left == 0 ? "Ready to check and submit" : left == 1 ? "1 section to complete" : left + " sections to complete";
    }

    /** The saved answers of one section (conditions are read within a section). */
    static Map<String, String> onlyOf(Section section, Map<String, String> values) {
        java.util.Map<String, String> own = new java.util.LinkedHashMap<>();
        section.fields().forEach(f -> {
            if (values.containsKey(f.key())) {
                own.put(f.key(), values.get(f.key()));
            }
        });
        return own;
    }
}
