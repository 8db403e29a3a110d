package scot.sirgateway.operator;

import java.util.ArrayList;
import java.util.List;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import scot.sirgateway.acknowledge.ContactProperties;
import scot.sirgateway.council.CouncilNames;
import scot.sirgateway.intake.IntakeProperties;
import scot.sirgateway.model.FormDefinition;
import scot.sirgateway.pdfform.NotificationFormPdf;

/**
 * {@code GET /forms/notification.pdf}: the notification form as a fillable PDF, for councils that email
 * their notifications. Public (it holds no data); drawn once from the form definition on the first request
 * and served from memory after, since nothing in it changes while the gateway runs.
 */
@RestController
class FormPdfController {

    static final String FILE_NAME = "sir-notification-form.pdf";

    private final List<String> instructions;
    private volatile byte[] pdf;

    FormPdfController(IntakeProperties intake, ContactProperties contact) {
        this.instructions = instructions(intake.username(), contact);
    }

    @GetMapping("/forms/notification.pdf")
    ResponseEntity<byte[]> notificationForm() {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(FILE_NAME).build().toString())
                .body(pdf());
    }

    private byte[] pdf() {
        byte[] bytes = pdf;
        if (bytes == null) {
            synchronized (this) {
                if (pdf == null) {
                    pdf = NotificationFormPdf.generate(FormDefinition.notification(), CouncilNames.OFFICIAL, instructions);
                }
                bytes = pdf;
            }
        }
        return bytes;
    }

    /**
     * Where to send the form and how. The intake mailbox's user name is its address when it holds an
     * {@code @}; otherwise the form says "the inspectorate's notifications mailbox".
     */
    static List<String> instructions(String intakeUser, ContactProperties contact) {
        String to = intakeUser != null && intakeUser.contains("@") ? intakeUser.trim()
                : "the Care Inspectorate's serious incident notifications mailbox";
        List<String> lines = new ArrayList<>();
        lines.add("Fill this form in and save it, then email it as an attachment to " + to + ", encrypted to the "
                + "gateway's certificate and signed with your council's certificate. Put nothing else in the email: "
                + "no details of the incident in its subject or text.");
        lines.add("Do not change the form's fields or their names: the gateway reads the completed form field by "
                + "field. Never write the full name of the offender or of any victim.");
        if (present(contact.email()) || present(contact.phone())) {
            lines.add("Questions: the Care Inspectorate's serious incident notifications team"
                    + (present(contact.email()) ? ", " + contact.email().trim() : "")
                    + (present(contact.phone()) ? ", telephone " + contact.phone().trim()
                            + (present(contact.hours()) ? " (" + contact.hours().trim() + ")" : "") : "")
                    + ".");
        }
        return lines;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
