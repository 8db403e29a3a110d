package scot.sirgateway.submit;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;

/** Form posts into the pipeline (temporary stand-in: the submit part brings the real one). */
@Service
public class FormSubmissions {

    public record Receipt(String reference, String status, Integer reviewId) {
    }

    public Receipt submitNotification(Submitter who, Map<String, String> values, List<FormDocument> documents,
            String idempotencyKey) {
        throw new UnsupportedOperationException("form submissions arrive with the submit part");
    }

    public Receipt submitReview(Submitter who, String reference, Map<String, String> values, FormDocument document,
            String idempotencyKey) {
        throw new UnsupportedOperationException("form submissions arrive with the submit part");
    }
}
