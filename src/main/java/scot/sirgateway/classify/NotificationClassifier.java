package scot.sirgateway.classify;

import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import scot.sirgateway.council.Council;
import scot.sirgateway.council.CouncilRegistry;
import scot.sirgateway.intake.Submission;
import scot.sirgateway.register.FieldSource;
import scot.sirgateway.register.FieldValue;
import scot.sirgateway.register.FormField;
import scot.sirgateway.register.IncidentType;
import scot.sirgateway.register.OrderType;

/**
 * Reads each raw value as its field's type. The council is the sender's; a council named in the text
 * may only agree with it. A value that cannot be read is kept out (confidence 0) and named in the
 * triage reasons; so is an unverified sender and a missing required field.
 */
@Component("notificationClassifier")
public class NotificationClassifier {

    private static final double CERTAIN = 1.0;

    private final CouncilRegistry councils;

    public NotificationClassifier(CouncilRegistry councils) {
        this.councils = councils;
    }

    public Submission classify(Submission submission) {
        Map<FormField, FieldValue> fields = submission.fields();
        for (Map.Entry<FormField, Submission.RawValue> entry : submission.rawValues().entrySet()) {
            FormField field = entry.getKey();
            Submission.RawValue raw = entry.getValue();
            if (field == FormField.LOCAL_AUTHORITY) {
                continue;
            }
            Optional<?> value = read(field, raw.text());
            if (value.isPresent()) {
                fields.put(field, new FieldValue(value.get(), raw.source(), CERTAIN));
            } else {
                fields.put(field, new FieldValue(null, raw.source(), 0));
                submission.triageReasons().add(field.key() + " could not be read");
            }
        }
        classifyCouncil(submission);
        if (!submission.signatureVerified()) {
            submission.triageReasons().add("the sender is not verified by a signature");
        }
        for (FormField missing : submission.missingRequired()) {
            submission.triageReasons().add(missing.key() + " is missing");
        }
        return submission;
    }

    private void classifyCouncil(Submission submission) {
        Council sender = submission.senderCouncil();
        Submission.RawValue written = submission.rawValues().get(FormField.LOCAL_AUTHORITY);
        submission.fields().put(FormField.LOCAL_AUTHORITY, new FieldValue(sender.name(), FieldSource.SENDER, CERTAIN));
        if (written != null) {
            Optional<Council> named = councils.byName(written.text());
            if (named.isEmpty() || !named.get().name().equals(sender.name())) {
                submission.fields().put(FormField.LOCAL_AUTHORITY, new FieldValue(sender.name(), FieldSource.SENDER, 0.5));
                submission.triageReasons().add("local_authority in the text does not match the sender's council");
            }
        }
    }

    private static Optional<?> read(FormField field, String text) {
        return switch (field.kind()) {
            case TEXT, COUNCIL -> Optional.of(text.trim());
            case DATE -> FormValues.date(text);
            case LEVEL -> FormValues.level(text);
            case YES_NO -> FormValues.yesNo(text);
            case INCIDENT_TYPE -> IncidentType.byCode(text);
            case ORDER_TYPE -> OrderType.parse(text);
        };
    }
}
